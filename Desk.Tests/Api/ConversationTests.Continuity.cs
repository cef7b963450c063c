using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>A chat that goes on past its first query: a second matter, a new conversation, a person who took it.</summary>
public sealed partial class ConversationTests
{
    const string Outage = "The payroll system is down for the whole company";

    [Fact]
    public async Task AfterANewMatter_RepliesAndNoticesOnTheFirstQuery_StillReachTheChat()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var first = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        Assert.StartsWith($"Added to {first}", Assert.Single(await chat.SayAsync(Outage)).Text);
        var second = ReferenceIn(Assert.Single(await chat.SayAsync("This is a new matter")).Text);
        Assert.NotEqual(first, second);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PostAsJsonAsync($"/api/queries/{first}/messages", new { text = "Please try another cable.", visibility = "public" }))
            .EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{first}", new { status, reason = "the cable was loose" })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        Assert.Equal("Please try another cable.", chat.Received[^2].Text);
        Assert.StartsWith($"{first} is resolved", chat.Received[^1].Text);
        Assert.Contains(await TimelineAsync(first), e => e.Kind == "message_out" && e.Delivery == "sent");
    }

    [Fact]
    public async Task AReturningUser_InANewConversation_IsToldOfTheirQueries_WhereTheChannelVouchesForTheirId()
    {
        await using var chat = await BotChat.StartAsync(desk);
        chat.Channel = "msteams";
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        await using var again = chat.InNewConversation();

        var tickets = Assert.Single(await again.SayAsync("my tickets"));
        var named = Assert.Single(await again.SayAsync($"what about {reference}?"));

        Assert.Contains($"{reference}: received", tickets.Text);
        Assert.Contains($"{reference}: received", named.Text);
    }

    [Fact]
    public async Task MyTickets_ListsAQueryResolvedLately_WhichTheUsersWordsWouldReopen_ButNotOneResolvedLongAgo()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        var lately = Assert.Single(await chat.SayAsync("my tickets")).Text;
        desk.Clock.Advance(TimeSpan.FromDays(8)); // past the reopen window (7 days)
        var longAgo = Assert.Single(await chat.SayAsync("my tickets")).Text;

        Assert.Contains($"{reference}: resolved", lately);
        Assert.Contains("If the problem is back, say so here.", lately);
        Assert.DoesNotContain(reference, longAgo);
    }

    [Fact]
    public async Task AQueryMergedIntoAnotherOfTheUsers_IsToldInItsChat_AndItsStatusNamesTheOneFollowedUp()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var kept = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        await using var again = chat.InNewConversation();
        var duplicate = ReferenceIn(Assert.Single(await again.SayAsync(Outage)).Text);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PostAsJsonAsync($"/api/queries/{duplicate}/merge", new { into = kept, reason = "the same monitor" })).EnsureSuccessStatusCode();
        await again.DrainedAsync();

        Assert.Contains($"{duplicate} is the same matter as {kept}", again.Received[^1].Text);
        var status = Assert.Single(await again.SayAsync($"what about {duplicate}?"));
        Assert.Contains($"It was joined with {kept}", status.Text);
    }

    [Fact]
    public async Task ThanksAfterTheResolution_StayOnTheQuery_WithoutReopeningIt_AndTheProblemBackDoesReopen()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        await chat.SayAsync("Thanks, all working now 👍");

        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("resolved", query.Str("status"));
        Assert.Contains(query.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "message_in" && e.Str("body") == "Thanks, all working now 👍");
        await chat.SayAsync("It stopped working again this morning");
        Assert.Equal("open", (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task OnDirectLine_WhereThePagePicksTheUserId_AnotherConversationWithTheSameId_IsToldNothingOfTheirQueries()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        await using var impostor = chat.InNewConversation();
        impostor.Name = "Mallory";

        var tickets = Assert.Single(await impostor.SayAsync("my tickets"));
        var named = Assert.Single(await impostor.SayAsync($"what about {reference}?"));
        var own = Assert.Single(await chat.SayAsync("my tickets"));

        Assert.DoesNotContain(reference, tickets.Text);
        Assert.Contains($"I can't find {reference} among your queries", named.Text);
        Assert.Contains($"{reference}: received", own.Text);
    }

    [Fact]
    public async Task AWaitingChat_WhoseQueryIsClosed_GoesBackToTheBot_AndTheUsersWordsBecomeANewQuery()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("I need a person please, my account is locked")).Text);
        await CloseAsync(reference);
        await chat.DrainedAsync();
        using var agent = await desk.SignInAsync("agent2");

        var answer = Assert.Single(await chat.SayAsync(Outage));

        Assert.NotEqual(reference, ReferenceIn(answer.Text));
        Assert.Equal(2, await QueriesOfAsync(chat));
        var live = await (await agent.GetAsync("/api/conversations/live")).JsonAsync();
        Assert.DoesNotContain(live.EnumerateArray(), c => c.Str("reference") == reference);
    }

    [Fact]
    public async Task AWaitingChat_WhoseQueryIsClosed_LeavesTheLiveQueue_AndIsNeverToldNobodyCame()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("talk to a person: my laptop will not boot")).Text);
        using var agent = await desk.SignInAsync("agent2");
        var waiting = (await (await agent.GetAsync("/api/conversations/live")).JsonAsync()).EnumerateArray().Single(c => c.Str("reference") == reference);
        Assert.Equal("waiting", waiting.Str("state"));
        await CloseAsync(reference);
        await chat.DrainedAsync();
        var told = chat.Received.Count;

        Assert.DoesNotContain((await (await agent.GetAsync("/api/conversations/live")).JsonAsync()).EnumerateArray(), c => c.Str("reference") == reference);
        Assert.Contains(await TimelineAsync(reference), e => e.Kind == "handoff_released");
        // The handoff timer finds nobody waiting: the user is not told that nobody came, nor that the query stays open.
        desk.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await desk.Services.GetRequiredService<Desk.Api.Conversations.Handoffs>()
            .TimeOutAsync(waiting.GetProperty("id").GetInt64(), desk.Clock.GetUtcNow(), CancellationToken.None));
        await chat.DrainedAsync();
        Assert.Equal(told, chat.Received.Count);
    }

    [Fact]
    public async Task AnAgentsReply_ToAChatWaitingForAPerson_TakesTheChat()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("talk to a person: my laptop will not boot")).Text);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Hold the power button for 30 s.", visibility = "public" }))
            .EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        var live = await (await agent.GetAsync("/api/conversations/live")).JsonAsync();
        var conversation = live.EnumerateArray().Single(c => c.Str("reference") == reference);
        Assert.Equal("live", conversation.Str("state"));
        Assert.Equal("agent2", conversation.Str("agent"));
        // As the live queue's take: the query is the agent's and in progress, and the user heard who joined before the answer.
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(("agent2", "in_progress"), (query.Str("assignee"), query.Str("status")));
        Assert.Contains(query.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "handoff_taken");
        Assert.Contains(chat.Received, m => m.Text.Contains("Hold the power button for 30 s."));
        Assert.Empty(await chat.SayAsync("OK, still black"));

        // Solved in the live chat: the resolution ends it. The user hears that once, the bot has the chat again, and the
        // survey, which never interrupts a chat with a person, goes when it is due.
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "resolved", reason = "it booted" })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();
        Assert.Contains($"{reference} is resolved: it booted", chat.Received[^1].Text);
        Assert.DoesNotContain(chat.Received, m => m.Text.Contains("back with the desk's assistant"));
        Assert.DoesNotContain((await (await agent.GetAsync("/api/conversations/live")).JsonAsync()).EnumerateArray(), c => c.Str("reference") == reference);
        var release = await agent.PostAsync($"/api/conversations/{conversation.GetProperty("id").GetInt64()}/release", null);
        Assert.Equal(HttpStatusCode.Conflict, release.StatusCode);
        var ended = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().Last(e => e.Str("kind") == "handoff_released");
        Assert.Equal(("agent2", "resolved"), (ended.GetProperty("data").Str("agent"), ended.GetProperty("data").Str("because")));
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(desk);
        await chat.DrainedAsync();
        Assert.Contains(reference, chat.Received[^1].Text);
        Assert.NotEmpty(chat.Received[^1].Actions);
    }

    [Fact]
    public async Task DuringALiveChat_AFileAndARejoin_ReachTheAgent_AndTheBotSaysNothing()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync("Can I talk to a person please?")).Text);
        using var agent = await desk.SignInAsync("agent2");
        var live = await (await agent.GetAsync("/api/conversations/live")).JsonAsync();
        var id = live.EnumerateArray().Single(c => c.Str("reference") == reference).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/conversations/{id}/take", null)).StatusCode);
        await chat.DrainedAsync();

        Assert.Empty(await chat.SendFileAsync("screen2.png"));
        Assert.Empty(await chat.RejoinAsync());
        Assert.Empty(await chat.SendFileAsync("screen3.png", "Here is the error"));

        var timeline = await TimelineAsync(reference);
        Assert.Contains(timeline, e => e.Kind == "message_in" && e.Body!.Contains("[attachment: screen2.png, image/png, https://files.example.org/screen2.png]"));
        Assert.Contains(timeline, e => e.Kind == "message_in" && e.Body!.StartsWith("Here is the error\n[attachment: screen3.png"));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("live", await db.ExecuteScalarAsync<string>("select state from conversations where id = @id", new { id }));
    }

    async Task CloseAsync(string reference)
    {
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in new[] { "in_progress", "resolved", "closed" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = "done" })).EnsureSuccessStatusCode();
    }
}
