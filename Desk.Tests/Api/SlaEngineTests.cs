using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>The SLA engine through the API: deadlines follow priority, status and policy changes, and can be rebuilt.</summary>
public sealed class SlaEngineTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task RaisingThePriority_MovesTheDeadlines_FromWhenTheQueryWasTaken()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = await SubmitAsync(agent, "Please order a second monitor for my desk", impact: "low", urgency: "low");
        var before = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var created = before.GetProperty("createdAt").GetDateTimeOffset();

        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P1", reason = "the CEO is waiting",
            @override = new { rule = "priority.matrix", justification = "the CEO is waiting" } })).EnsureSuccessStatusCode();

        var after = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(created + TimeSpan.FromHours(4), after.GetProperty("resolutionDue").GetDateTimeOffset());
        Assert.Equal(created + TimeSpan.FromMinutes(15), after.GetProperty("firstResponseDue").GetDateTimeOffset());
    }

    [Fact]
    public async Task WaitingForTheUser_PausesTheClock_AndTheirAnswerResumesItLater()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        var reference = await SubmitAsync(channel, "My monitor shows no picture since this morning");
        var due = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("resolutionDue").GetDateTimeOffset();

        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Could you try another cable?", visibility = "public" }))
            .EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "waiting_for_user" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        var paused = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        desk.Clock.Advance(TimeSpan.FromHours(2));
        (await channel.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "It works with the other cable." })).EnsureSuccessStatusCode();
        var resumed = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();

        Assert.True(paused.GetProperty("slaPaused").GetBoolean());
        Assert.False(resumed.GetProperty("slaPaused").GetBoolean());
        Assert.Equal("in_progress", resumed.Str("status"));
        Assert.Equal(due + TimeSpan.FromHours(2), resumed.GetProperty("resolutionDue").GetDateTimeOffset());
        Assert.NotNull(resumed.GetProperty("nextResponseDue").GetString());
    }

    [Fact]
    public async Task APolicyChange_ByASupervisor_MovesOpenQueries_AndAgentsMayOnlyReadPolicies()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = await SubmitAsync(agent, "Please install Visio on my laptop for the project plan");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "service_request", reason = "software request" })).EnsureSuccessStatusCode();
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var (created, priority) = (query.GetProperty("createdAt").GetDateTimeOffset(), query.Str("priority"));
        var policy = new
        {
            type = "service_request", priority, serviceLevel = "*", firstResponse = "00:30:00", nextResponse = "01:00:00",
            resolution = "2.00:00:00", calendar = "24x7",
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("/api/sla/policies", policy)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("/api/sla/policies", policy with { calendar = "mars" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("/api/sla/policies", policy with { resolution = "00:10:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("/api/sla/policies", policy)).StatusCode);

        using var admin = await desk.SignInAsync("admin");
        var repaired = await (await admin.PostAsync("/api/admin/sla/repair", null)).JsonAsync();
        Assert.True(repaired.GetProperty("checked").GetInt32() >= 1);
        var after = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(created + TimeSpan.FromDays(2), after.GetProperty("resolutionDue").GetDateTimeOffset());
        var policies = await (await agent.GetAsync("/api/sla/policies")).JsonAsync();
        Assert.Contains(policies.EnumerateArray(), p => p.Str("type") == "service_request" && p.Str("resolution") == "2.00:00:00");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("/api/admin/sla/repair", null)).StatusCode);
    }

    [Fact]
    public async Task Calendars_AreValidated_AndSetBySupervisors()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var calendar = new { timeZone = "Asia/Shanghai", windows = new Dictionary<string, string[]> { ["mon"] = ["09:00-12:00", "13:00-18:00"] }, holidays = new[] { "2027-02-17" } };

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("/api/sla/calendars/shanghai-office", calendar)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("/api/sla/calendars/bad", calendar with { timeZone = "Mars/Olympus" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("/api/sla/calendars/bad",
            calendar with { windows = new Dictionary<string, string[]> { ["mon"] = ["18:00-09:00"] } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("/api/sla/calendars/bad",
            calendar with { windows = new Dictionary<string, string[]> { ["someday"] = ["09:00-10:00"] } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("/api/sla/calendars/bad", calendar with { holidays = new[] { "2027-02-30" } })).StatusCode);

        var calendars = await (await supervisor.GetAsync("/api/sla/calendars")).JsonAsync();
        Assert.Contains(calendars.EnumerateArray(), c => c.Str("name") == "shanghai-office" && c.Str("timeZone") == "Asia/Shanghai");
    }

    [Fact]
    public async Task APolicyAndCalendar_ThatCannotFitTheTarget_AreRefused_AndIntakeStaysUp()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var hourADay = new Dictionary<string, string[]> { ["mon"] = ["09:00-10:00"], ["tue"] = ["09:00-10:00"], ["wed"] = ["09:00-10:00"] };
        var calendar = new { timeZone = "Etc/UTC", windows = hourADay, holidays = Array.Empty<string>() };
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("/api/sla/calendars/thin-hours", calendar)).StatusCode);
        var policy = new
        {
            type = "compliment", priority = "P4", serviceLevel = "*", firstResponse = "08:00:00", nextResponse = "16:00:00",
            resolution = "90.00:00:00", calendar = "thin-hours",
        };

        var refused = await supervisor.PutAsJsonAsync("/api/sla/policies", policy);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("within five years", (await refused.JsonAsync()).GetProperty("errors").GetProperty("calendar")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("/api/sla/policies", policy with { resolution = "20.00:00:00" })).StatusCode);
        var thinner = await supervisor.PutAsJsonAsync("/api/sla/calendars/thin-hours",
            calendar with { windows = new Dictionary<string, string[]> { ["mon"] = ["09:00-09:05"] } });
        Assert.Equal(HttpStatusCode.BadRequest, thinner.StatusCode);
        Assert.Contains("compliment/P4/*", (await thinner.JsonAsync()).GetProperty("errors").GetProperty("windows")[0].GetString());
        using var agent = await desk.SignInAsync("agent2");
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/queries", Requests.Query("Thank you, the support team was wonderful!"))).StatusCode);
    }

    [Fact]
    public async Task APolicyShortenedAndPutBack_LeavesAnAnsweredQueryTheDeadlineItWasAnsweredAgainst()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var reference = await SubmitAsync(agent, "Please install Visio on my laptop for the planning work");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "service_request", reason = "software request" })).EnsureSuccessStatusCode();
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var (created, priority, answeredAgainst) = (query.GetProperty("createdAt").GetDateTimeOffset(), query.Str("priority"),
            query.GetProperty("firstResponseDue").GetDateTimeOffset());
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Installing it now." })).EnsureSuccessStatusCode();

        foreach (var (firstResponse, resolution) in new[] { ("00:05:00", TimeSpan.FromHours(30)), ("00:30:00", TimeSpan.FromHours(40)) })
        {
            (await supervisor.PutAsJsonAsync("/api/sla/policies", new
            {
                type = "service_request", priority, serviceLevel = "*", firstResponse, nextResponse = "01:00:00", resolution, calendar = "24x7",
            })).EnsureSuccessStatusCode();
            (await admin.PostAsync("/api/admin/sla/repair", null)).EnsureSuccessStatusCode();
            // Answered after 20 minutes, on time: not late against 5 minutes set later; the open resolution follows each policy.
            var now = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
            Assert.Equal((answeredAgainst, created + resolution),
                (now.GetProperty("firstResponseDue").GetDateTimeOffset(), now.GetProperty("resolutionDue").GetDateTimeOffset()));
        }
        Assert.True(answeredAgainst > created + TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task ARepairRebuildsDeadlinesWrittenWrongly_FromTheTimeline()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = await SubmitAsync(agent, "My monitor shows no picture since this morning");
        var right = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("resolutionDue").GetDateTimeOffset();
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update queries set resolution_due = @wrong where reference = @reference",
                new { wrong = right.AddYears(1), reference });

        using var admin = await desk.SignInAsync("admin");
        var repaired = await (await admin.PostAsync("/api/admin/sla/repair", null)).JsonAsync();

        Assert.True(repaired.GetProperty("changed").GetInt32() >= 1);
        Assert.Equal(right, (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("resolutionDue").GetDateTimeOffset());
    }

    static async Task<string> SubmitAsync(HttpClient client, string text, string? impact = null, string? urgency = null)
    {
        var response = await client.PostAsJsonAsync("/api/queries", new
        {
            text, channel = "web", impact, urgency,
            contact = new { channel = "email", address = $"sla-{Guid.NewGuid():N}@example.org" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).Str("reference");
    }
}
