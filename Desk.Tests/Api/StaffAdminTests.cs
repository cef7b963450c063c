using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

public sealed class StaffAdminTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Create_AddsAMemberWhoCanSignIn_WithTheGivenRole()
    {
        var username = await desk.CreateStaffAsync(role: "supervisor");
        using var member = desk.WithCookie(await desk.SessionCookieAsync(username));

        var me = await (await member.GetAsync("/api/auth/me")).JsonAsync();

        Assert.Equal("supervisor", me.Str("role"));
    }

    [Fact]
    public async Task Create_WithATakenUsername_IsConflict()
    {
        var username = await desk.CreateStaffAsync();
        using var admin = await desk.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/admin/staff", new { username, displayName = "Again", role = "agent", password = StaffAccounts.Password });

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("new-member-a", "agent", "short")]
    [InlineData("new-member-b", "root", "long-enough-password")]
    [InlineData("Bad Name", "agent", "long-enough-password")]
    [InlineData("unassigned", "agent", "long-enough-password")]
    [InlineData("me", "agent", "long-enough-password")]
    [InlineData("system", "agent", "long-enough-password")]
    [InlineData("portal", "agent", "long-enough-password")]
    [InlineData("user", "agent", "long-enough-password")]
    public async Task Create_WithBadInput_ReturnsValidationProblem_AndAddsNoOne(string username, string role, string password)
    {
        using var admin = await desk.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/admin/staff", new { username, displayName = "X", role, password });

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var listed = await (await admin.GetAsync("/api/admin/staff")).JsonAsync();
        Assert.DoesNotContain(listed.EnumerateArray(), a => a.Str("username") == username);
    }

    [Fact]
    public async Task Staff_AreListedWithoutPasswordHashes()
    {
        using var admin = await desk.SignInAsync("admin");

        var listed = await (await admin.GetAsync("/api/admin/staff")).Content.ReadAsStringAsync();

        Assert.Contains("\"username\":\"agent\"", listed);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"disabled":true}""")]
    [InlineData("""{"role":"agent"}""")]
    public async Task AnAdmin_CannotDisableOrDemoteThemselves(string change)
    {
        var username = await desk.CreateStaffAsync(role: "admin");
        using var self = desk.WithCookie(await desk.SessionCookieAsync(username));

        var response = await self.PatchAsync($"/api/admin/staff/{username}", new StringContent(change, System.Text.Encoding.UTF8, "application/json"));

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("admin", (await (await self.GetAsync("/api/auth/me")).JsonAsync()).Str("role"));
    }

    [Fact]
    public async Task Update_OfAnUnknownMember_IsNotFoundProblem()
    {
        using var admin = await desk.SignInAsync("admin");

        var response = await admin.PatchAsJsonAsync("/api/admin/staff/nobody-here", new { disabled = true });

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DisplayNameChange_IsRecordedAndKeepsSessions_WhichShowTheNewName()
    {
        var username = await desk.CreateStaffAsync();
        using var member = desk.WithCookie(await desk.SessionCookieAsync(username));
        using var admin = await desk.SignInAsync("admin");

        var response = await admin.PatchAsJsonAsync($"/api/admin/staff/{username}", new { displayName = "Renamed Member" });

        Assert.Equal("Renamed Member", (await response.JsonAsync()).Str("displayName"));
        var me = await member.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("Renamed Member", (await me.JsonAsync()).Str("displayName"));
        var events = await (await admin.GetAsync("/api/admin/audit-events?kind=staff_changed&limit=200")).JsonAsync();
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.Str("subject") == username && e.Str("actor") == "admin");
    }

    [Fact]
    public async Task StaffEndpoints_AreForbiddenToASupervisor()
    {
        using var supervisor = await desk.SignInAsync("supervisor");

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PatchAsJsonAsync("/api/admin/staff/agent", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/admin/staff",
            new { username = "sneaky", displayName = "S", role = "admin", password = StaffAccounts.Password })).StatusCode);
    }
}
