using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

public sealed class SessionTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task SignOut_EndsTheSession_TheOldCookieIsRefusedEverywhere()
    {
        var username = await desk.CreateStaffAsync();
        var cookie = await desk.SessionCookieAsync(username);
        using (var browser = desk.WithCookie(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/sign-out", null)).StatusCode);
        }

        using var replay = desk.WithCookie(cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/queries")).StatusCode);
    }

    [Fact]
    public async Task SignOut_LeavesTheMembersOtherSessionsAlone()
    {
        var username = await desk.CreateStaffAsync();
        var first = await desk.SessionCookieAsync(username);
        var second = await desk.SessionCookieAsync(username);
        using (var browser = desk.WithCookie(first))
            Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/sign-out", null)).StatusCode);

        using var other = desk.WithCookie(second);

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task PasswordChange_EndsEverySessionOfTheMember_AndOnlyTheNewPasswordSignsIn()
    {
        var username = await desk.CreateStaffAsync();
        using var laptop = desk.WithCookie(await desk.SessionCookieAsync(username));
        using var phone = desk.WithCookie(await desk.SessionCookieAsync(username));
        const string newPassword = "second-pass-word-2";

        var response = await laptop.PostAsJsonAsync("/api/auth/password", new { currentPassword = StaffAccounts.Password, newPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("signedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/queries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync(username, StaffAccounts.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync(username, newPassword)).StatusCode);
    }

    [Fact]
    public async Task PasswordChange_WithTheWrongCurrentPassword_IsRefusedAndChangesNothing()
    {
        var username = await desk.CreateStaffAsync();
        using var browser = desk.WithCookie(await desk.SessionCookieAsync(username));

        var response = await browser.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not-the-password", newPassword = "second-pass-word-2" });

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync(username, StaffAccounts.Password)).StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("                    ")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("123456789012")]
    [InlineData("lkjihgfedcba")]
    [InlineData("Password2026!")]
    [InlineData("servicedesk123")]
    [InlineData(StaffAccounts.Password)] // the current one
    public async Task PasswordChange_ToAWeakPassword_ReturnsValidationProblem(string newPassword)
    {
        var username = await desk.CreateStaffAsync();
        using var browser = desk.WithCookie(await desk.SessionCookieAsync(username));

        var response = await browser.PostAsJsonAsync("/api/auth/password", new { currentPassword = StaffAccounts.Password, newPassword });

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync(username, StaffAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task Disable_EndsTheMembersSessions_AndRefusesSignIn_UntilEnabled()
    {
        var username = await desk.CreateStaffAsync();
        using var member = desk.WithCookie(await desk.SessionCookieAsync(username));
        using var admin = await desk.SignInAsync("admin");

        var disable = await admin.PatchAsJsonAsync($"/api/admin/staff/{username}", new { disabled = true });

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.True((await disable.JsonAsync()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync(username, StaffAccounts.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/staff/{username}", new { disabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync(username, StaffAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task AdminPasswordReset_EndsTheMembersSessions()
    {
        var username = await desk.CreateStaffAsync();
        using var member = desk.WithCookie(await desk.SessionCookieAsync(username));
        using var admin = await desk.SignInAsync("admin");

        var reset = await admin.PatchAsJsonAsync($"/api/admin/staff/{username}", new { password = "reset-pass-word-3" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.SignInRawAsync(username, "reset-pass-word-3")).StatusCode);
    }

    [Fact]
    public async Task RoleChange_EndsTheSessionsThatCarryTheOldRole()
    {
        var username = await desk.CreateStaffAsync(role: "supervisor");
        using var member = desk.WithCookie(await desk.SessionCookieAsync(username));
        using var admin = await desk.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/staff/{username}", new { role = "agent" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/auth/me")).StatusCode);
    }
}
