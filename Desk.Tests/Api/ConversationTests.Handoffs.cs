using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>A person in the chat: asked for at any point, taken live and handed back, or nobody coming.</summary>
public sealed partial class ConversationTests
{
    [Fact]
    public async Task APerson_CanBeAskedForAtAnyPoint_TakesTheChatLive_AndHandsItBack()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");

        var waiting = Assert.Single(await chat.SayAsync("Can I talk to a person please?"));
        Assert.Contains($"getting a person for you. Your reference is {reference}", waiting.Text);
        var live = await (await agent.GetAsync("/api/conversations/live")).JsonAsync();
        var conversation = live.EnumerateArray().Single(c => c.Str("reference") == reference);
        Assert.Equal("waiting", conversation.Str("state"));
        var id = conversation.GetProperty("id").GetInt64();

        var taken = await agent.PostAsync($"/api/conversations/{id}/take", null);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal("live", (await taken.JsonAsync()).Str("state"));
        using var other = await desk.SignInAsync("supervisor");
        Assert.Equal(HttpStatusCode.Conflict, (await other.PostAsync($"/api/conversations/{id}/take", null)).StatusCode);
        await chat.DrainedAsync();
        Assert.Contains("has joined the conversation", chat.Received[^1].Text);

        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Hi Ana, I'm looking at it now.", visibility = "public" }))
            .EnsureSuccessStatusCode();
        await chat.DrainedAsync();
        Assert.Equal("Hi Ana, I'm looking at it now.", chat.Received[^1].Text);
        // While a person holds the chat the bot says nothing; the user's words go to the query.
        Assert.Empty(await chat.SayAsync("Thanks, it's the left monitor"));
        Assert.Empty(await chat.SayAsync("status"));
        Assert.Contains(await TimelineAsync(reference), e => e.Kind == "message_in" && e.Body == "Thanks, it's the left monitor");

        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/conversations/{id}/release", null)).StatusCode);
        await chat.DrainedAsync();
        Assert.Contains("back with the desk's assistant", chat.Received[^1].Text);
        Assert.StartsWith($"Added to {reference}", Assert.Single(await chat.SayAsync("One more detail: it flickers first")).Text);
        Assert.Equal(1, await QueriesOfAsync(chat));
    }

    [Fact]
    public async Task APersonAskedForFirstThing_OpensAQuery_AndNobodyComing_TellsTheUserAndKeepsItOpen()
    {
        await using var app = WithShortHandoffTimeout();
        await using var chat = await BotChat.StartAsync(desk);

        var waiting = Assert.Single(await chat.SayAsync("人工"));
        Assert.Contains("正在为您转接人工服务", waiting.Text);
        var reference = ReferenceIn(waiting.Text);
        // Nothing was said of a problem: a question for the service desk, not a complaint filed in the user's name.
        Assert.StartsWith("ASK-", reference);
        // Started in this factory's own process: only its watch runs with the short timeout.
        using var _ = app.CreateClient();

        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilAsync(() => chat.Received.Count == 2);

        Assert.Contains("目前没有工作人员可以在线交谈", chat.Received[1].Text);
        Assert.Contains(await TimelineAsync(reference), e => e.Kind == "handoff_timed_out");
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("new", await db.ExecuteScalarAsync<string>("select status from queries where reference = @reference", new { reference }));
    }

    [Fact]
    public async Task TheConversationContinues_OnAnotherDeskProcess_FromTheDatabase()
    {
        await using var chat = await BotChat.StartAsync(desk);
        Assert.Contains("not sure", Assert.Single(await chat.SayAsync("the thing on the shelf")).Text);

        // A second host on the same database (another node, or this one restarted) takes the answer.
        await using var restarted = desk.WithWebHostBuilder(_ => { });
        var other = restarted.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", chat.Key);
        chat.Through(other);
        var receipt = Assert.Single(await chat.SayAsync("Something isn't working"));

        Assert.StartsWith("INC-", ReferenceIn(receipt.Text));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("the thing on the shelf", await db.ExecuteScalarAsync<string>(
            "select text from queries where reference = @r", new { r = ReferenceIn(receipt.Text) }));
    }
}
