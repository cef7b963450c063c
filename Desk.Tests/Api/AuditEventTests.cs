using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Audit;

namespace Desk.Tests.Api;

public sealed class AuditEventTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task IssuingAndRevokingAKey_AreRecorded_WithoutTheSecret()
    {
        using var admin = await desk.SignInAsync("admin");
        var issued = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "audited", scopes = new[] { "intake" } })).JsonAsync();
        var id = issued.GetProperty("info").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);

        var body = await (await admin.GetAsync("/api/admin/audit-events?limit=200")).Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(items, e => e.Str("kind") == "api_key_issued" && e.Str("subject") == $"key:{id}" && e.Str("actor") == "admin");
        Assert.Contains(items, e => e.Str("kind") == "api_key_revoked" && e.Str("subject") == $"key:{id}");
        Assert.DoesNotContain(issued.Str("key"), body);
        Assert.DoesNotContain(issued.Str("key").Split('_')[2], body);
    }

    [Fact]
    public async Task SignOutAndPasswordChange_AreRecorded_WithoutThePassword()
    {
        var username = await desk.CreateStaffAsync();
        using (var member = desk.WithCookie(await desk.SessionCookieAsync(username)))
            await member.PostAsync("/api/auth/sign-out", null);
        using (var member = desk.WithCookie(await desk.SessionCookieAsync(username)))
            await member.PostAsJsonAsync("/api/auth/password", new { currentPassword = StaffAccounts.Password, newPassword = "changed-pass-word-9" });
        using var admin = await desk.SignInAsync("admin");

        var body = await (await admin.GetAsync("/api/admin/audit-events?limit=200")).Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(items, e => e.Str("kind") == "signed_out" && e.Str("subject") == username);
        Assert.Contains(items, e => e.Str("kind") == "password_changed" && e.Str("subject") == username);
        Assert.Contains(items, e => e.Str("kind") == "staff_created" && e.Str("subject") == username);
        Assert.DoesNotContain("changed-pass-word-9", body);
        Assert.DoesNotContain(StaffAccounts.Password, body);
    }

    [Fact]
    public async Task Events_ComeNewestFirst_AndPageByAfter()
    {
        await desk.CreateStaffAsync();
        await desk.CreateStaffAsync();
        using var admin = await desk.SignInAsync("admin");

        var first = await (await admin.GetAsync("/api/admin/audit-events?kind=staff_created&limit=1")).JsonAsync();
        var next = first.GetProperty("next").GetInt64();
        var second = await (await admin.GetAsync($"/api/admin/audit-events?kind=staff_created&limit=1&after={next}")).JsonAsync();

        var newest = first.GetProperty("items")[0];
        var older = second.GetProperty("items")[0];
        Assert.True(older.GetProperty("id").GetInt64() < newest.GetProperty("id").GetInt64());
        Assert.Equal("staff_created", older.Str("kind"));
    }

    [Fact]
    public async Task SlaChanges_AreFilteredByTheirKind()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var calendar = new { timeZone = "Europe/Paris", windows = new Dictionary<string, string[]> { ["tue"] = ["08:00-17:00"] }, holidays = Array.Empty<string>() };
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("/api/sla/calendars/audited-office", calendar)).StatusCode);
        using var admin = await desk.SignInAsync("admin");

        var page = await admin.GetAsync("/api/admin/audit-events?kind=sla_calendar_changed");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var items = (await page.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, e => e.Str("subject") == "audited-office" && e.Str("actor") == "supervisor");
        Assert.All(items, e => Assert.Equal("sla_calendar_changed", e.Str("kind")));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/audit-events?kind=sla_policy_changed")).StatusCode);
    }

    [Fact]
    public async Task AnOverrideReview_AndAnImprovementsNewStatus_AreRecorded_WithWhoDidIt()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var overrideId = await OverridesTests.OverrideMatrixAsync(agent, supervisor, "Board pack due.");
        var idea = (await agent.SubmitAsync(Requests.Query("Could the portal remember my last search?"))).Str("reference");
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{idea}",
            new { type = "improvement_suggestion", reason = "An idea, not a fault." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/overrides/{overrideId}/review", new { decision = "accept" })).StatusCode);
        var improvementId = (await (await supervisor.GetAsync("/api/improvements?status=new")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(i => i.Str("reference") == idea).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{improvementId}",
            new { status = "accepted", note = "Next sprint." })).StatusCode);
        using var admin = await desk.SignInAsync("admin");

        var reviewed = await EventAsync(admin, "override_reviewed", $"override:{overrideId}");
        Assert.Equal(("supervisor", "accept agent2's override of priority.matrix."), (reviewed.Str("actor"), reviewed.Str("detail")));
        var moved = await EventAsync(admin, "improvement_status_changed", $"improvement:{improvementId}");
        Assert.Equal(("supervisor", "new to accepted: Next sprint."), (moved.Str("actor"), moved.Str("detail")));
    }

    [Fact]
    public void EveryKindTheDeskWrites_IsOneToFilterBy()
    {
        var constants = typeof(AuditKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(constants.Order(), AuditKinds.All.Order());
        Assert.Contains("sla_policy_changed", AuditKinds.All);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    [InlineData("after=-4")]
    public async Task BadPaging_ReturnsValidationProblem(string query)
    {
        using var admin = await desk.SignInAsync("admin");

        await StaffAccounts.AssertProblemAsync(await admin.GetAsync($"/api/admin/audit-events?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AuditEvents_AreForbiddenToAnApiKey()
    {
        using var key = await desk.WithApiKeyAsync("queries:read");

        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/admin/audit-events")).StatusCode);
    }

    static async Task<JsonElement> EventAsync(HttpClient admin, string kind, string subject) =>
        (await (await admin.GetAsync($"/api/admin/audit-events?kind={kind}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(e => e.Str("subject") == subject);
}
