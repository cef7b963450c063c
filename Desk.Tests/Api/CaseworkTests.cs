using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

public sealed class CaseworkTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Status_FollowsTheLifecycle_AndRefusesSkips()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Excel freezes on the budget file"))).Str("reference");

        Assert.Equal(HttpStatusCode.Conflict, (await Patch(agent, reference, new { status = "resolved" })).StatusCode);
        foreach (var status in new[] { "open", "in_progress", "waiting_for_user", "in_progress", "resolved", "closed" })
            Assert.Equal(HttpStatusCode.OK, (await Patch(agent, reference, new { status })).StatusCode);
        var reopen = await Patch(agent, reference, new { status = "open" });

        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
        Assert.Equal($"{reference} is closed and changes no more; submit a new query.", (await reopen.JsonAsync()).Str("detail"));
        foreach (var change in new object[] { new { priority = "P1", reason = "x" }, new { type = "complaint", reason = "x" }, new { assignee = "agent2" } })
            Assert.Equal(HttpStatusCode.Conflict, (await Patch(agent, reference, change)).StatusCode);
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(6, detail.GetProperty("timeline").EnumerateArray().Count(e => e.Str("kind") == "status_changed"));
    }

    [Fact]
    public async Task Reopen_IsAllowedOnlyWithinTheWindow()
    {
        await using var fresh = new DeskApplication();
        using var agent = await fresh.SignInAsync("agent");
        var early = (await agent.SubmitAsync(Requests.Query("Scanner not found"))).Str("reference");
        var late = (await agent.SubmitAsync(Requests.Query("Scanner not found again"))).Str("reference");
        foreach (var reference in new[] { early, late })
            foreach (var status in new[] { "in_progress", "resolved" })
                await Patch(agent, reference, new { status });

        Assert.Equal(HttpStatusCode.OK, (await Patch(agent, early, new { status = "open" })).StatusCode);
        fresh.Clock.Advance(TimeSpan.FromDays(8));
        using var later = await fresh.SignInAsync("agent");
        Assert.Equal(HttpStatusCode.Conflict, (await Patch(later, late, new { status = "open" })).StatusCode);
    }

    [Fact]
    public async Task Reclassification_StoresWhoWhyOldAndNewType_AsTrainingData()
    {
        using var agent = await desk.SignInAsync("agent");
        // A catalog pick keeps it out of triage, so this is a reclassification, not a triage decision.
        var receipt = await agent.SubmitAsync(Requests.Query("Nobody answered my ticket for a week", catalogItem: "access-request"));
        var reference = receipt.Str("reference");

        Assert.Equal(HttpStatusCode.BadRequest, (await Patch(agent, reference, new { type = "complaint" })).StatusCode);
        var changed = await Patch(agent, reference, new { type = "improvement_suggestion", reason = "User proposes a callback option" });

        var summary = await changed.JsonAsync();
        Assert.Equal("improvement_suggestion", summary.Str("type"));
        Assert.Equal("continual-improvement", summary.Str("queue"));
        Assert.Equal("agent", summary.Str("decidedBy"));
        Assert.Equal(reference, summary.Str("reference"));
        await using var db = await desk.OpenDbAsync();
        var example = await db.QuerySingleAsync<(string Type, string PreviousType, string Actor, string Reason, string Source)>(
            "select type, previous_type, actor, reason, source from labelled_examples where text = 'Nobody answered my ticket for a week'");
        Assert.Equal(("improvement_suggestion", receipt.Str("type"), "agent", "User proposes a callback option", "reclassification"), example);
    }

    [Fact]
    public async Task Reclassification_ToATypeWithAFloor_RaisesThePriority_AndOtherwiseKeepsIt()
    {
        using var agent2 = await desk.SignInAsync("agent2");
        var reference = (await agent2.SubmitAsync(Requests.Query("The printer on floor 3 jams with thin paper", catalogItem: "access-request"))).Str("reference");
        var before = await (await agent2.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.True(string.CompareOrdinal(before.Str("priority"), "P2") > 0, $"a P3 or P4 to start from: {before}");

        var plain = await (await Patch(agent2, reference, new { type = "incident", reason = "it is broken" })).JsonAsync();
        Assert.Equal(before.Str("priority"), plain.Str("priority"));
        var security = await (await Patch(agent2, reference, new { type = "security_event", reason = "a planted device" })).JsonAsync();

        Assert.Equal("P2", security.Str("priority"));
        Assert.True(security.GetProperty("resolutionDue").GetDateTimeOffset() < before.GetProperty("resolutionDue").GetDateTimeOffset());
        var timeline = (await (await agent2.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.Str("kind") == "priority_changed" && e.Str("body")!.Contains("P2"));
    }

    [Fact]
    public async Task Assignee_MustBeStaff_AndEveryChangeIsOnTheTimeline()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Monitor flickers"))).Str("reference");

        Assert.Equal(HttpStatusCode.BadRequest, (await Patch(agent, reference, new { assignee = "nobody" })).StatusCode);
        var response = await Patch(agent, reference, new { assignee = "agent2", priority = "P1", reason = "VIP on stage in an hour",
            @override = new { rule = "priority.matrix", justification = "VIP on stage in an hour" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("agent2", detail.Str("assignee"));
        Assert.Equal("P1", detail.Str("priority"));
        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => (e.Str("kind"), e.Str("actor"))).ToList();
        Assert.Contains(("assignee_changed", "agent"), kinds);
        Assert.Contains(("priority_changed", "agent"), kinds);
    }

    [Fact]
    public async Task Assignee_WhoIsDisabled_IsRefused_AndTheQueryStaysWithWhoHadIt()
    {
        var username = await desk.CreateStaffAsync();
        using var admin = await desk.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/staff/{username}", new { disabled = true })).StatusCode);
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Monitor flickers after lunch"))).Str("reference");
        Assert.Equal(HttpStatusCode.OK, (await Patch(agent, reference, new { assignee = "agent" })).StatusCode);

        var response = await Patch(agent, reference, new { assignee = username });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("disabled", await response.Content.ReadAsStringAsync());
        Assert.Equal("agent", (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("assignee"));
    }

    [Fact]
    public async Task Messages_ReplyNoteAndUserAnswer_LandOnTheTimeline()
    {
        using var agent = await desk.SignInAsync("agent");
        using var channel = await desk.WithApiKeyAsync("intake");
        var reference = (await channel.SubmitAsync(Requests.Query("Cannot print to the colour printer"))).Str("reference");
        await Patch(agent, reference, new { status = "in_progress" });
        await Patch(agent, reference, new { status = "waiting_for_user" });

        var reply = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Which floor are you on?" });
        var note = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Probably the toner", visibility = "internal" });
        var answer = await channel.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Third floor" });

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal("message_out", (await reply.JsonAsync()).Str("kind"));
        Assert.Equal("note", (await note.JsonAsync()).Str("kind"));
        Assert.Equal("message_in", (await answer.JsonAsync()).Str("kind"));
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, detail.GetProperty("firstRespondedAt").ValueKind);
        Assert.Equal("in_progress", detail.Str("status"));
    }

    [Fact]
    public async Task TheFirstAnswer_ToANewQuery_TakesItOn_ANoteDoesNot_AndAnAssigneeStays()
    {
        using var agent = await desk.SignInAsync("agent");
        using var channel = await desk.WithApiKeyAsync("intake");
        var (open, held) = ((await channel.SubmitAsync(Requests.Query("The scanner jams on every page"))).Str("reference"),
            (await channel.SubmitAsync(Requests.Query("The scanner on floor 2 jams too"))).Str("reference"));
        await Patch(agent, held, new { assignee = "agent2" });

        (await agent.PostAsJsonAsync($"/api/queries/{open}/messages", new { text = "Noted: floor 3", visibility = "internal" })).EnsureSuccessStatusCode();
        Assert.Equal(("new", null), await StateAsync(open));
        foreach (var reference in new[] { open, held })
            (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Which tray do you use?" })).EnsureSuccessStatusCode();

        Assert.Equal(("in_progress", "agent"), await StateAsync(open));
        Assert.Equal(("in_progress", "agent2"), await StateAsync(held));
        var timeline = (await (await agent.GetAsync($"/api/queries/{open}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(2, timeline.Count(e => e.Str("body") == "Answered the user." && e.Str("actor") == "agent"));

        async Task<(string?, string?)> StateAsync(string reference)
        {
            var read = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
            return (read.Str("status"), read.GetProperty("assignee").ValueKind == System.Text.Json.JsonValueKind.Null ? null : read.Str("assignee"));
        }
    }

    [Fact]
    public async Task Messages_OnAClosedQuery_AreRefused()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Keyboard missing keys"))).Str("reference");
        foreach (var status in new[] { "in_progress", "resolved", "closed" })
            await Patch(agent, reference, new { status });

        var response = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Anything else?" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    static Task<HttpResponseMessage> Patch(HttpClient client, string reference, object patch) =>
        client.PatchAsJsonAsync($"/api/queries/{reference}", patch);
}
