using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// A policy or calendar change moves open queries' deadlines: each moved query says so on its timeline, the user in its chat
/// is told the new time frame once, and the audit keeps what was set before and after.
/// </summary>
public sealed class SlaChangeTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task APolicyChange_LeavesATraceOnEachQueryItMoved_AndTheAuditHasTheOldAndNewTargets()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var reference = (await agent.SubmitAsync(Requests.Query("Please install Visio on my laptop for the project plan"))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "service_request", reason = "software request" })).EnsureSuccessStatusCode();
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var (created, priority) = (query.GetProperty("createdAt").GetDateTimeOffset(), query.Str("priority"));
        var was = query.GetProperty("resolutionDue").GetDateTimeOffset();

        foreach (var days in new[] { 3, 4 })
        {
            (await supervisor.PutAsJsonAsync("/api/sla/policies", new
            {
                type = "service_request", priority, serviceLevel = "*", firstResponse = "00:30:00", nextResponse = "01:00:00",
                resolution = $"{days}.00:00:00", calendar = "24x7",
            })).EnsureSuccessStatusCode();
            await ChangesAsync(agent, reference, days - 2);
        }
        var changes = await ChangesAsync(agent, reference, 2);
        // A repair after the changes finds nothing more to move, and says nothing more.
        (await admin.PostAsync("/api/admin/sla/repair", null)).EnsureSuccessStatusCode();

        Assert.Equal(2, (await ChangesAsync(agent, reference, 2)).Count);
        var data = changes[^1].GetProperty("data");
        Assert.Equal(("sla", "sla_changed", "policy", $"service_request/{priority}/*"),
            (changes[^1].Str("actor"), data.Str("says"), data.Str("cause"), data.Str("subject")));
        Assert.Equal((was, created + TimeSpan.FromDays(3)), Moved(changes[0], "resolution"));
        Assert.Equal((created + TimeSpan.FromDays(3), created + TimeSpan.FromDays(4)), Moved(changes[1], "resolution"));
        Assert.Contains("resolution by", changes[1].Str("body"));
        var audit = await NewestAuditAsync(admin, "sla_policy_changed");
        Assert.Equal($"service_request/{priority}/*", audit.Str("subject"));
        var detail = JsonDocument.Parse(audit.Str("detail")!).RootElement;
        Assert.Equal(("3.00:00:00", "4.00:00:00"),
            (detail.GetProperty("old").Str("resolution"), detail.GetProperty("new").Str("resolution")));
    }

    [Fact]
    public async Task ACalendarChange_IsAuditedWithItsOldAndNewValues()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        foreach (var zone in new[] { "Europe/Paris", "Asia/Shanghai" })
            (await supervisor.PutAsJsonAsync("/api/sla/calendars/moving-office", new
            {
                timeZone = zone, windows = new Dictionary<string, string[]> { ["mon"] = ["09:00-17:00"] }, holidays = new[] { "2027-01-01" },
            })).EnsureSuccessStatusCode();

        var audit = await NewestAuditAsync(admin, "sla_calendar_changed");
        var detail = JsonDocument.Parse(audit.Str("detail")!).RootElement;
        Assert.Equal(("moving-office", "Europe/Paris", "Asia/Shanghai"),
            (audit.Str("subject"), detail.GetProperty("old").Str("timeZone"), detail.GetProperty("new").Str("timeZone")));
        Assert.Equal("2027-01-01", detail.GetProperty("new").GetProperty("holidays")[0].GetString());
    }

    [Fact]
    public async Task APolicyChange_TellsTheUserInTheirChatTheNewTimeFrame_Once()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ConversationTests.ReferenceIn(Assert.Single(await chat.SayAsync("My monitor shows no picture since this morning")).Text);
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var priority = query.Str("priority");

        (await supervisor.PutAsJsonAsync("/api/sla/policies", new
        {
            type = query.Str("type"), priority, serviceLevel = "*", firstResponse = "04:00:00", nextResponse = "08:00:00",
            resolution = "6.00:00:00", calendar = "24x7",
        })).EnsureSuccessStatusCode();
        await ChangesAsync(agent, reference, 1);
        (await admin.PostAsync("/api/admin/sla/repair", null)).EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        var resolution = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("resolutionDue").GetDateTimeOffset();
        Assert.Equal(query.GetProperty("createdAt").GetDateTimeOffset() + TimeSpan.FromDays(6), resolution);
        var told = string.Create(CultureInfo.InvariantCulture,
            $"The agreed time frame for {reference} changed (priority {priority}): resolution by {resolution.ToUniversalTime():ddd d MMM yyyy, HH:mm} (UTC).");
        Assert.Single(chat.Received, m => m.Text == told);
    }

    [Fact]
    public async Task AStricterPolicy_DoesNotJudgeAnAnswerGivenInTime_AgainstItsNewTarget()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await agent.SubmitAsync(Requests.Query("The technician who came yesterday was rude and left a mess"))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "complaint", reason = "about a visit" })).EnsureSuccessStatusCode();
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var (created, priority, firstDue) = (query.GetProperty("createdAt").GetDateTimeOffset(), query.Str("priority"),
            query.GetProperty("firstResponseDue").GetDateTimeOffset());
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "I am sorry; a supervisor will call you today.", visibility = "public" }))
            .EnsureSuccessStatusCode();

        (await supervisor.PutAsJsonAsync("/api/sla/policies", new
        {
            type = "complaint", priority, serviceLevel = "*", firstResponse = "00:10:00", nextResponse = "00:30:00",
            resolution = "9.00:00:00", calendar = "24x7",
        })).EnsureSuccessStatusCode();
        var change = Assert.Single(await ChangesAsync(agent, reference, 1));

        // The open resolution follows the new policy; the answer given within the old 'by' keeps the deadline it met.
        Assert.Equal(created + TimeSpan.FromDays(9), Moved(change, "resolution").To);
        Assert.DoesNotContain(change.GetProperty("data").GetProperty("moved").EnumerateArray(), m => m.Str("kind") == "first_response");
        var after = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(firstDue, after.GetProperty("firstResponseDue").GetDateTimeOffset());
        Assert.True(firstDue > created + TimeSpan.FromMinutes(20));
        // Nor does the scorecard of the day it was given.
        var day = created.UtcDateTime;
        var card = await (await supervisor.GetAsync($"/api/sla/scorecard?from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}&by=type")).JsonAsync();
        var score = card.GetProperty("groups").EnumerateArray().Single(g => g.Str("key") == "complaint").GetProperty("firstResponse");
        Assert.Equal((1, 0), (score.GetProperty("met").GetInt32(), score.GetProperty("late").GetInt32()));
    }

    [Fact]
    public async Task ABadTargetOrHoliday_IsNamedForWhatIsWrongWithIt()
    {
        using var supervisor = await desk.SignInAsync("supervisor");

        var policy = await supervisor.PutAsJsonAsync("/api/sla/policies", new
        {
            type = "complaint", priority = "P4", serviceLevel = "*", firstResponse = "400.00:00:00", nextResponse = "00:05:00",
            resolution = "00:10:00", calendar = "24x7",
        });
        var calendar = await supervisor.PutAsJsonAsync("/api/sla/calendars/odd-days", new
        {
            timeZone = "Etc/UTC", holidays = new[] { "2026-10-01", "2026-02-30" },
        });

        // Too long, not "due after the resolution", which only hid it.
        Assert.Equal("The first response target must be whole seconds, at least one second and at most 365 days.",
            (await policy.JsonAsync()).GetProperty("errors").GetProperty("firstResponse")[0].GetString());
        Assert.Equal("Holiday 2, '2026-02-30', is not a date such as 2026-12-25.",
            (await calendar.JsonAsync()).GetProperty("errors").GetProperty("holidays")[0].GetString());
    }

    /// <summary>The query's time frame changes, once there are <paramref name="count"/>: the policy's own run is in the background.</summary>
    static async Task<List<JsonElement>> ChangesAsync(HttpClient staff, string reference, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var changes = (await (await staff.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray()
                .Where(e => e.Str("kind") == "sla_changed").ToList();
            if (changes.Count >= count || DateTime.UtcNow > until)
                return changes;
            await Task.Delay(50);
        }
    }

    static (DateTimeOffset From, DateTimeOffset To) Moved(JsonElement change, string kind) =>
        change.GetProperty("data").GetProperty("moved").EnumerateArray().Where(m => m.Str("kind") == kind)
            .Select(m => (m.GetProperty("from").GetDateTimeOffset(), m.GetProperty("to").GetDateTimeOffset())).Single();

    static async Task<JsonElement> NewestAuditAsync(HttpClient admin, string kind) =>
        (await (await admin.GetAsync($"/api/admin/audit-events?kind={kind}&limit=1")).JsonAsync()).GetProperty("items")[0];
}
