using Dapper;
using System.Net;
using System.Net.Http.Json;
using Desk.Api.Improvements;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The improvement register: a suggestion becomes an entry, supervisors move it along, and the user who made it hears
/// of each change of status in their chat.
/// </summary>
public sealed class ImprovementTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task ASuggestion_JoinsTheRegister_AndItsOriginatorHearsOfEachStatus()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        await chat.Chat.SayAsync("That's not right");
        Assert.Contains("improvement", Assert.Single(await chat.Chat.SayAsync("A suggestion")).Text);
        using var supervisor = await desk.SignInAsync("supervisor");

        var page = await (await supervisor.GetAsync("/api/improvements?status=new")).JsonAsync();
        var entry = page.GetProperty("items").EnumerateArray().Single(i => i.Str("reference") == chat.Reference);
        Assert.Equal(("query", ChatQuery.Confident), (entry.Str("source"), entry.Str("text")));
        var id = entry.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await chat.Agent.GetAsync("/api/improvements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chat.Agent.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "accepted" })).StatusCode);

        var planned = await supervisor.PatchAsJsonAsync($"/api/improvements/{id}",
            new { status = "planned", owner = "agent2", note = "Coming in the spring release." });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var changed = await planned.JsonAsync();
        Assert.Equal(("planned", "agent2"), (changed.Str("status"), changed.Str("owner")));
        await chat.Chat.DrainedAsync();
        Assert.Equal($"Your suggestion ({chat.Reference}) \"{ChatQuery.Confident}\" is now planned: Coming in the spring release. Thank you for helping us improve.",
            chat.Chat.Received[^1].Text);

        // An owner alone tells the user nothing; a move the register does not allow is refused.
        var told = chat.Chat.Received.Count;
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { owner = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "new" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { owner = "nobody-here" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "done" })).StatusCode);
        await chat.Chat.DrainedAsync();
        Assert.Equal(told + 1, chat.Chat.Received.Count);
        Assert.Contains("is now done.", chat.Chat.Received[^1].Text);

        // The portal reads one entry with a reading key, to show its originator.
        using var portal = await desk.WithApiKeyAsync("queries:read");
        var shown = await (await portal.GetAsync($"/api/improvements/{id}")).JsonAsync();
        Assert.Equal(("done", (string?)null), (shown.Str("status"), shown.GetProperty("owner").GetString()));
        var counts = await desk.Services.GetRequiredService<ImprovementStore>().CountsAsync(null, CancellationToken.None);
        Assert.True(counts.Done >= 1);
    }

    [Fact]
    public async Task TheCounts_AreOfTheEntriesTheCallerMayList()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var suggestion = (await supervisor.SubmitAsync(Requests.Query("Could the intranet offer a dark mode?"))).Str("reference");
        await RetypeAsync(supervisor, suggestion, "improvement_suggestion");
        var member = await desk.CreateStaffAsync();
        (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "service-requests" } })).EnsureSuccessStatusCode();
        using var agent = desk.WithCookie(await desk.SessionCookieAsync(member));

        static async Task<(int Counted, int Listed)> SeenAsync(HttpClient caller)
        {
            var counts = await (await caller.GetAsync("/api/improvements/counts")).JsonAsync();
            var listed = (await (await caller.GetAsync("/api/improvements?limit=200")).JsonAsync()).GetProperty("items").GetArrayLength();
            return (new[] { "new", "accepted", "planned", "done", "declined" }.Sum(s => counts.GetProperty(s).GetInt32()), listed);
        }

        var (agentCounted, agentListed) = await SeenAsync(agent);
        var (allCounted, _) = await SeenAsync(supervisor);
        Assert.Equal(agentListed, agentCounted);
        Assert.True(allCounted > agentCounted, $"{allCounted} counted for a supervisor, {agentCounted} for an agent of service requests only");
    }

    [Fact]
    public async Task ASurveyCommentThatProposesAChange_JoinsTheRegister()
    {
        await using var chat = await SurveyTests.ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        await chat.Chat.SayAsync("4 - you should add a self-service password reset page");

        using var supervisor = await desk.SignInAsync("supervisor");
        var page = await (await supervisor.GetAsync("/api/improvements")).JsonAsync();
        var entry = page.GetProperty("items").EnumerateArray().Single(i => i.Str("reference") == chat.Reference);
        Assert.Equal(("survey", "you should add a self-service password reset page"), (entry.Str("source"), entry.Str("text")));
    }

    [Fact]
    public async Task AQueryRetypedAwayFromASuggestion_LeavesTheRegisterUndecided_AndJoinsItAgainAsOne()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await agent.SubmitAsync(Requests.Query("Could the login page offer a dark mode?"))).Str("reference");
        await RetypeAsync(agent, reference, "improvement_suggestion");
        var first = await EntryAsync(supervisor, reference);

        await RetypeAsync(agent, reference, "complaint");

        Assert.Null(await EntryAsync(supervisor, reference));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PatchAsJsonAsync($"/api/improvements/{first}", new { status = "accepted" })).StatusCode);
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        var withdrawn = Assert.Single(timeline, e => e.Str("kind") == "improvement_withdrawn");
        Assert.Equal(first, withdrawn.GetProperty("data").GetProperty("improvement").GetInt64());

        // A suggestion again, it is a new entry to decide on, with a number of its own (the timeline names the withdrawn one).
        await RetypeAsync(agent, reference, "improvement_suggestion");
        var again = await EntryAsync(supervisor, reference);
        Assert.Equal("new", (await (await supervisor.GetAsync($"/api/improvements/{again}")).JsonAsync()).Str("status"));
        Assert.NotEqual(first, again);
    }

    [Fact]
    public async Task AChatUserWhoCallsTheirSuggestionAComplaint_IsNeverToldOfASuggestion()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        await chat.Chat.SayAsync("That's not right");
        await chat.Chat.SayAsync("A suggestion");
        using var supervisor = await desk.SignInAsync("supervisor");
        var id = await EntryAsync(supervisor, chat.Reference);
        Assert.NotNull(id);

        await chat.Chat.SayAsync("That's not right");
        await chat.Chat.SayAsync("A complaint");

        Assert.Equal("complaint", (await (await chat.Agent.GetAsync($"/api/queries/{chat.Reference}")).JsonAsync()).Str("type"));
        Assert.Null(await EntryAsync(supervisor, chat.Reference));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "accepted" })).StatusCode);
        await chat.Chat.DrainedAsync();
        Assert.DoesNotContain(chat.Chat.Received, m => m.Text.Contains("Your suggestion"));
    }

    [Fact]
    public async Task AnEntryDecidedBeforeItsQueryWasRetyped_StaysInTheRegister_ButItsMovesAreNotToldToTheUser()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        await RetypeAsync(chat.Agent, chat.Reference, "improvement_suggestion");
        using var supervisor = await desk.SignInAsync("supervisor");
        var id = await EntryAsync(supervisor, chat.Reference);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "accepted" })).StatusCode);
        await chat.Chat.DrainedAsync();
        Assert.Contains("is now accepted", chat.Chat.Received[^1].Text);
        var told = chat.Chat.Received.Count;

        await RetypeAsync(chat.Agent, chat.Reference, "complaint");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}", new { status = "planned" })).StatusCode);

        Assert.Equal(id, await EntryAsync(supervisor, chat.Reference));
        await chat.Chat.DrainedAsync();
        Assert.DoesNotContain(chat.Chat.Received.Skip(told), m => m.Text.Contains("Your suggestion"));
    }

    [Fact]
    public async Task ARuleChangeProposedFromAnOverride_MovesAlong_WithoutAWordToTheUser()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        using var supervisor = await desk.SignInAsync("supervisor");
        var overrideId = await OverridesTests.OverrideMatrixAsync(chat.Agent, supervisor, "The user is presenting in an hour.", chat.Reference);
        var review = await supervisor.PostAsJsonAsync($"/api/overrides/{overrideId}/review",
            new { decision = "propose_change", note = "Let a presentation deadline raise urgency." });
        var id = (await review.JsonAsync()).GetProperty("improvement").GetInt64();
        await chat.Chat.DrainedAsync();
        var told = chat.Chat.Received.Count;
        var sent = await OutboxCountAsync(chat.Reference);

        foreach (var status in new[] { "accepted", "planned", "done" })
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/improvements/{id}",
                new { status, note = "Raised with the service owner." })).StatusCode);

        await chat.Chat.DrainedAsync();
        Assert.Equal(told, chat.Chat.Received.Count);
        Assert.Equal(sent, await OutboxCountAsync(chat.Reference));
        Assert.Equal("done", (await (await supervisor.GetAsync($"/api/improvements/{id}")).JsonAsync()).Str("status"));
        // Nor does the portal show it to them: they did not raise it.
        using var portal = await desk.WithApiKeyAsync("queries:read");
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/api/improvements/{id}")).StatusCode);
    }

    async Task<int> OutboxCountAsync(string reference)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<int>(
            "select count(*) from outbox_messages where query_id = (select id from queries where reference = @reference)", new { reference });
    }

    static async Task RetypeAsync(HttpClient agent, string reference, string type) =>
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type, reason = $"It is a {type}." })).StatusCode);

    /// <summary>The id of the query's entry in the register (any status), or null when it has none.</summary>
    static async Task<long?> EntryAsync(HttpClient supervisor, string reference) =>
        (await (await supervisor.GetAsync("/api/improvements?limit=200")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(i => i.Str("reference") == reference && i.Str("source") == "query").Select(i => (long?)i.GetProperty("id").GetInt64()).SingleOrDefault();
}
