using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Surveys after resolution in the chat, through real HTTP and the outbox: the question with one-tap buttons after the
/// delay, once however often and wherever the sender runs; the answer on the timeline; a low score's moment of truth;
/// the reminder and expiry; skipping; the minimum gap; the NPS cadence. The tests of this class move one shared clock.
/// </summary>
public sealed partial class SurveyTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    static readonly string[] OneToFive = ["1", "2", "3", "4", "5"];
    static readonly string[] OneToSeven = ["1", "2", "3", "4", "5", "6", "7"];

    [Fact]
    public async Task AResolvedIncident_GetsTheEffortQuestionWithButtons_AfterTheDelay_ExactlyOnce_HoweverOftenTheSenderRuns()
    {
        await using var chat = await ResolvedAsync(desk);

        desk.Clock.Advance(TimeSpan.FromMinutes(59));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();
        Assert.Equal(2, chat.Chat.Received.Count); // the receipt and the resolution, nothing yet

        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(RunSenderAsync(desk), RunSenderAsync(desk));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        var question = Assert.Single(chat.Chat.Received.Skip(2));
        Assert.Contains($"How easy was it to get {chat.Reference} sorted?", question.Text);
        Assert.Equal(OneToSeven, question.Actions);
        Assert.Equal(("sent", "ces", "chat"), await SurveyOfAsync(desk, chat.Reference));
    }

    [Fact]
    public async Task TheQuestionIsSentOnce_WhenASecondDeskOnTheSameDatabaseRunsTheSenderToo()
    {
        await using var chat = await ResolvedAsync(desk);
        await using var restarted = desk.WithWebHostBuilder(_ => { });
        using var _ = restarted.CreateClient();
        desk.Clock.Advance(TimeSpan.FromHours(1.1));

        await Task.WhenAll(RunSenderAsync(desk), RunSenderAsync(restarted));
        await RunSenderAsync(restarted);
        await chat.Chat.DrainedAsync();

        Assert.Single(chat.Chat.Received.Skip(2));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("""
            select count(*) from outbox_messages o join queries q on q.id = o.query_id
            where q.reference = @Reference and o.payload like '%How easy was it%'
            """, new { chat.Reference }));
    }

    [Fact]
    public async Task ALowScore_RaisesAMomentOfTruth_AndARecoveryComplaintInTheOwningTeamsQueue()
    {
        await using var chat = await ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        var sorry = Assert.Single(await chat.Chat.SayAsync("1"));
        Assert.Contains("I'm sorry it wasn't better", sorry.Text);
        var recovery = Assert.Single(ReferencesIn(sorry.Text));
        Assert.StartsWith("CMP-", recovery);
        var timeline = await TimelineAsync(chat);
        var moment = Assert.Single(timeline, e => e.Str("kind") == "moment_of_truth");
        Assert.Equal(recovery, moment.GetProperty("data").Str("recovery"));

        var complaint = await (await chat.Agent.GetAsync($"/api/queries/{recovery}")).JsonAsync();
        Assert.Equal(("complaint", "service-desk", "survey"), (complaint.Str("type"), complaint.Str("queue"), complaint.Str("decidedBy")));
        Assert.Contains(chat.Reference, complaint.Str("text"));
        // The user's words after the score join the recovery, and the chat now goes on about it: the agent's reply reaches them.
        await chat.Chat.SayAsync("Nobody told me what was wrong");
        Assert.Contains((await (await chat.Agent.GetAsync($"/api/queries/{recovery}")).JsonAsync()).GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "message_in" && e.Str("body") == "Nobody told me what was wrong");
        await ChatQuery.WriteAsync(chat.Agent, recovery, "I'm sorry, Ana. Let me explain what happened.");
        await chat.Chat.DrainedAsync();
        Assert.Equal("I'm sorry, Ana. Let me explain what happened.", chat.Chat.Received[^1].Text);
    }

    [Fact]
    public async Task OneReminder_FollowsAnUnansweredQuestion_ThenItExpires_AndALateScoreIsNotTaken()
    {
        await using var chat = await ResolvedAsync(desk);
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        desk.Clock.Advance(TimeSpan.FromDays(1.01));
        await RunSenderAsync(desk);
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        var reminder = Assert.Single(chat.Chat.Received.Skip(3));
        Assert.StartsWith("A quick reminder: How easy was it", reminder.Text);
        Assert.Equal(OneToSeven, reminder.Actions);

        desk.Clock.Advance(TimeSpan.FromDays(2.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();
        Assert.Equal(4, chat.Chat.Received.Count);
        Assert.Equal(("expired", "ces", "chat"), await SurveyOfAsync(desk, chat.Reference));
        Assert.Contains(await TimelineAsync(chat), e => e.Str("kind") == "survey_expired");
        // The chat no longer waits for a score: "5" is just words now.
        await chat.Chat.SayAsync("5");
        Assert.DoesNotContain(await TimelineAsync(chat), e => e.Str("kind") == "survey_answered");
    }

    [Fact]
    public async Task AnAgent_CanSkipTheSurvey_WithAReason_BeforeItIsSent_NotAfter()
    {
        await using var skipped = await ChatQuery.StartAsync(desk);
        var response = await skipped.Agent.PostAsJsonAsync($"/api/queries/{skipped.Reference}/survey/skip", new { reason = "The user asked not to be surveyed." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("skipped", (await response.JsonAsync()).Str("status"));
        await ResolveAsync(skipped);
        await using var sent = await ResolvedAsync(desk);

        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await skipped.Chat.DrainedAsync();
        await sent.Chat.DrainedAsync();

        Assert.Equal(2, skipped.Chat.Received.Count);
        Assert.Contains(await TimelineAsync(skipped), e => e.Str("kind") == "survey_skipped" && e.Str("body") == "The user asked not to be surveyed.");
        Assert.Equal(HttpStatusCode.Conflict,
            (await sent.Agent.PostAsJsonAsync($"/api/queries/{sent.Reference}/survey/skip", new { reason = "Too late." })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await sent.Agent.PostAsJsonAsync($"/api/queries/{sent.Reference}/survey/skip", new { reason = " " })).StatusCode);
    }

    [Fact]
    public async Task AReopenedQuery_CancelsItsPendingSurvey()
    {
        await using var chat = await ResolvedAsync(desk);

        Assert.StartsWith($"Added to {chat.Reference}", Assert.Single(await chat.Chat.SayAsync("It is broken again")).Text);
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        Assert.Equal(3, chat.Chat.Received.Count);
        Assert.Contains(await TimelineAsync(chat), e => e.Str("kind") == "survey_cancelled");
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("cancelled", await db.ExecuteScalarAsync<string>(
            "select s.status from surveys s join queries q on q.id = s.query_id where q.reference = @Reference", new { chat.Reference }));
    }

    [Fact]
    public async Task NoContact_IsAskedMoreOftenThanTheMinimumGap()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        await chat.Chat.SayAsync("I have another problem");
        var second = Assert.Single(ReferencesIn(Assert.Single(await chat.Chat.SayAsync("The payroll system is down for the whole company")).Text));
        await ResolveAsync(chat);
        await ResolveAsync(chat, second);
        await chat.Chat.DrainedAsync();
        var before = chat.Chat.Received.Count;

        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        Assert.Single(chat.Chat.Received.Skip(before));
        var statuses = new[] { (await SurveyOfAsync(desk, chat.Reference)).Status, (await SurveyOfAsync(desk, second)).Status };
        Assert.Equal(["sent", "suppressed"], statuses.Order());
    }

    [Fact]
    public async Task TheNetPromoterQuestion_ComesOnceEveryNpsPeriod_InsteadOfTheUsualOne()
    {
        await using var chat = await ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.SayAsync("5");

        desk.Clock.Advance(TimeSpan.FromDays(91));
        var next = await NewMatterResolvedAsync(chat, "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();
        var nps = chat.Chat.Received[^1];
        Assert.Contains("recommend our service desk", nps.Text);
        Assert.Equal(Enumerable.Range(0, 11).Select(n => n.ToString()), nps.Actions);
        Assert.Equal(("sent", "nps", "chat"), await SurveyOfAsync(desk, next));

        Assert.Single(await chat.Chat.SayAsync("10"));
        desk.Clock.Advance(TimeSpan.FromDays(8));
        var third = await NewMatterResolvedAsync(chat, "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        Assert.Equal(("sent", "csat", "chat"), await SurveyOfAsync(desk, third));
    }

    /// <summary>A chat user's query, of <paramref name="type"/> when given, taken up and resolved by agent2.</summary>
    internal static async Task<ChatQuery> ResolvedAsync(DeskApplication desk, string? type = null)
    {
        var chat = await ChatQuery.StartAsync(desk);
        if (type is not null)
            (await chat.Agent.PatchAsJsonAsync($"/api/queries/{chat.Reference}", new { type, reason = "a question, not a fault" })).EnsureSuccessStatusCode();
        await ResolveAsync(chat);
        await chat.Chat.DrainedAsync();
        return chat;
    }

    internal static async Task ResolveAsync(ChatQuery chat, string? reference = null)
    {
        foreach (var status in new[] { "in_progress", "resolved" })
            (await chat.Agent.PatchAsJsonAsync($"/api/queries/{reference ?? chat.Reference}", new { status })).EnsureSuccessStatusCode();
    }

    // A session ends after days of the test clock: a fresh one each time.
    async Task<string> NewMatterResolvedAsync(ChatQuery chat, string type)
    {
        await chat.Chat.SayAsync("I have another problem");
        var reference = Assert.Single(ReferencesIn(Assert.Single(await chat.Chat.SayAsync("The payroll system is down for the whole company")).Text));
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type, reason = "a question, not a fault" })).EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        await chat.Chat.DrainedAsync();
        return reference;
    }

    internal static Task<int> RunSenderAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> on) =>
        on.Services.GetRequiredService<SurveySender>().RunDueAsync(CancellationToken.None);

    internal static async Task<(string Status, string? Kind, string? Channel)> SurveyOfAsync(DeskApplication desk, string reference)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.QuerySingleAsync<(string, string?, string?)>("""
            select s.status, s.kind, s.channel from surveys s join queries q on q.id = s.query_id
            where q.reference = @reference and s.status <> 'cancelled'
            """, new { reference });
    }

    async Task<List<JsonElement>> TimelineAsync(ChatQuery chat)
    {
        using var agent = await desk.SignInAsync("agent2");
        return (await (await agent.GetAsync($"/api/queries/{chat.Reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
    }

    internal static IEnumerable<string> ReferencesIn(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\b[A-Z]{3}-\d{4,}\b").Select(m => m.Value).Distinct();
}
