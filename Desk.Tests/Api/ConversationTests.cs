using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Desk.Tests.Api;

/// <summary>
/// Conversations with the bot through real HTTP: state kept by the desk, follow-ups on the open query, status,
/// corrections, knowledge articles first, and a person at any point; every reply through the outbox to a connector.
/// </summary>
public sealed partial class ConversationTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const string Problem = "My monitor shows no picture since this morning";

    [Fact]
    public async Task Problem_GetsReferenceAndTimeFrame_AndAFollowUpJoinsThatQuery_NotANewOne()
    {
        await using var chat = await BotChat.StartAsync(desk);

        var receipt = Assert.Single(await chat.SayAsync(Problem));
        var reference = ReferenceIn(receipt.Text);
        Assert.Contains("First response by:", receipt.Text);
        Assert.Equal(["That's not right", "Talk to a person"], receipt.Actions);

        var followUp = Assert.Single(await chat.SayAsync("The error says: certificate expired"));

        Assert.StartsWith($"Added to {reference}.", followUp.Text);
        Assert.Contains("This is a new matter", followUp.Actions);
        Assert.Equal(1, await QueriesOfAsync(chat));
        var timeline = await TimelineAsync(reference);
        Assert.Contains(timeline, e => e.Kind == "message_in" && e.Body == "The error says: certificate expired");
        // The bot's own words are on the query too, each with how its delivery went.
        Assert.Equal(2, timeline.Count(e => e.Kind == "bot_message" && e.Delivery == "sent"));
    }

    [Fact]
    public async Task ANewMatter_AfterAnOpenQuery_BecomesItsOwnQuery()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var first = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);

        Assert.Contains("new matter", Assert.Single(await chat.SayAsync("I have another problem")).Text);
        var second = ReferenceIn(Assert.Single(await chat.SayAsync("The payroll system is down for the whole company")).Text);

        Assert.NotEqual(first, second);
        Assert.Equal(2, await QueriesOfAsync(chat));
    }

    [Fact]
    public async Task Status_AndAReference_AreAnsweredWithTheQuerysState_AndCreateNothing()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Is the cable plugged in firmly?", visibility = "public" }))
            .EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        var status = Assert.Single(await chat.SayAsync("What's the status of my earlier query?"));
        var named = Assert.Single(await chat.SayAsync(reference));
        var someoneElses = Assert.Single(await chat.SayAsync("What about INC-999999?"));

        // The agent's answer took it on: in progress, with their words.
        Assert.Contains($"{reference}: being worked on", status.Text);
        Assert.Contains("Is the cable plugged in firmly?", status.Text);
        Assert.Contains(reference, named.Text);
        Assert.Contains("can't find INC-999999", someoneElses.Text);
        Assert.Equal(1, await QueriesOfAsync(chat));
    }

    [Fact]
    public async Task AnAgentsReply_ReachesTheChat_AndTheUsersAnswerLandsOnTheSameQuery()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Please try another cable.", visibility = "public" }))
            .EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Internal: cable stock is low.", visibility = "internal" }))
            .EnsureSuccessStatusCode();
        await chat.DrainedAsync();
        var answer = await chat.SayAsync("Another cable works, thank you");

        Assert.Equal("Please try another cable.", chat.Received[1].Text);
        Assert.DoesNotContain(chat.Received, m => m.Text.Contains("cable stock"));
        Assert.StartsWith($"Added to {reference}", Assert.Single(answer).Text);
        var timeline = await TimelineAsync(reference);
        Assert.Contains(timeline, e => e.Kind == "message_out" && e.Delivery == "sent");
        Assert.Contains(timeline, e => e.Kind == "message_in" && e.Body == "Another cable works, thank you");
    }

    [Fact]
    public async Task ResolvingAChatQuery_TellsTheUser_AndTheirNextMessageReopensIt()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");

        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = status == "resolved" ? "the cable was loose" : null }))
                .EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        Assert.Equal(2, chat.Received.Count); // the receipt, then only the resolution: "in progress" needs no word
        Assert.Equal($"{reference} is resolved: the cable was loose. If the problem is back, just say so here.", chat.Received[1].Text);
        Assert.StartsWith($"Added to {reference}", Assert.Single(await chat.SayAsync("It is back again")).Text);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("open", await db.ExecuteScalarAsync<string>("select status from queries where reference = @reference", new { reference }));
    }

    [Fact]
    public async Task WhenUnsure_TheBotAsks_AndTheUsersChoiceDecidesTheType()
    {
        await using var chat = await BotChat.StartAsync(desk);

        var question = Assert.Single(await chat.SayAsync("the thing on the shelf"));
        Assert.Contains("not sure I understood", question.Text);
        Assert.Contains("Something else", question.Actions);
        Assert.Equal(0, await QueriesOfAsync(chat));

        var receipt = Assert.Single(await chat.SayAsync("I need something"));

        var reference = ReferenceIn(receipt.Text);
        Assert.StartsWith("REQ-", reference);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(("service_request", "user", "the thing on the shelf"), await db.QuerySingleAsync<(string, string, string)>(
            "select type, decided_by, text from queries where reference = @reference", new { reference }));
    }

    [Fact]
    public async Task TheUser_CanCorrectTheType_AfterTheQueryIsTaken_AndTheCorrectionBecomesTrainingData()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);

        var ask = Assert.Single(await chat.SayAsync("That's not right"));
        Assert.Contains($"What is {reference} about?", ask.Text);
        Assert.DoesNotContain("Something isn't working", ask.Actions); // its type now
        var corrected = Assert.Single(await chat.SayAsync("I need something"));

        Assert.Contains("service request", corrected.Text);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(("service_request", "service-requests"), await db.QuerySingleAsync<(string, string)>(
            "select type, queue from queries where reference = @reference", new { reference }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "select count(*) from labelled_examples e join queries q on q.id = e.query_id where q.reference = @reference and e.source = 'user'",
            new { reference }));
    }

    [Fact]
    public async Task AMatchingArticle_IsOfferedFirst_AndWhenItSolvesIt_NoQueryIsTaken()
    {
        await using var chat = await BotChat.StartAsync(desk);

        var offer = Assert.Single(await chat.SayAsync("My VPN says the certificate has expired"));
        Assert.Contains("1. VPN", offer.Text);
        Assert.Contains("Article 1 solved it", offer.Actions);
        var solved = Assert.Single(await chat.SayAsync("Article 1 solved it"));

        Assert.Contains("Glad that solved it", solved.Text);
        Assert.Equal(0, await QueriesOfAsync(chat));
        await using var db = await desk.OpenDbAsync();
        Assert.Contains("vpn", await db.ExecuteScalarAsync<string>(
            "select e.data from bot_events e join conversations c on c.id = e.conversation_id where e.kind = 'deflected' and c.address like @user",
            new { user = "%" + chat.User + "%" }));
    }

    [Fact]
    public async Task AnArticleThatDidNotHelp_LeadsToAQuery()
    {
        await using var chat = await BotChat.StartAsync(desk);
        Assert.Contains("Article 1 solved it", Assert.Single(await chat.SayAsync("My VPN says the certificate has expired")).Actions);

        var next = Assert.Single(await chat.SayAsync("I still need help"));
        if (next.Actions.Contains("Something isn't working"))
            next = Assert.Single(await chat.SayAsync("Something isn't working"));

        ReferenceIn(next.Text);
        Assert.Equal(1, await QueriesOfAsync(chat));
    }

    [Fact]
    public async Task ChineseText_InAnEnglishChat_IsAnsweredInChinese()
    {
        await using var chat = await BotChat.StartAsync(desk);

        var reply = Assert.Single(await chat.SayAsync("我的电脑无法连接VPN"));

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", reply.Text);
        Assert.DoesNotContain("possible security threat", reply.Text);
        Assert.All(reply.Actions, a => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", a));
    }

    [Fact]
    public async Task ARedeliveredActivity_ChangesNothing_AndTheSameIdWithOtherText_Is409()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);

        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync("It flickers too", id: "act-repeat")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync("It flickers too", id: "act-repeat")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chat.PostAsync("Delete everything", id: "act-repeat")).StatusCode);
        await chat.DrainedAsync();

        Assert.Single(await TimelineAsync(reference), e => e.Kind == "message_in");
        Assert.Equal(2, chat.Received.Count);
    }

    [Fact]
    public async Task BotMeasures_CountConversationsHandoffsAndDeflections_PerDayAndChannel()
    {
        await using var deflected = await BotChat.StartAsync(desk);
        await deflected.SayAsync("My VPN says the certificate has expired");
        await deflected.SayAsync("Article 1 solved it");
        await using var handedOff = await BotChat.StartAsync(desk);
        await handedOff.SayAsync("talk to a person");
        using var supervisor = await desk.SignInAsync("supervisor");
        var today = desk.Clock.GetUtcNow().ToString("yyyy-MM-dd");

        var days = await (await supervisor.GetAsync($"/api/bot/measures?from={today}&to={today}&channel=directline")).JsonAsync();

        var day = Assert.Single(days.EnumerateArray());
        Assert.Equal(today, day.Str("day"));
        Assert.True(day.GetProperty("active").GetInt32() >= 2);
        Assert.True(day.GetProperty("deflected").GetInt32() >= 1);
        Assert.True(day.GetProperty("handoffs").GetInt32() >= 1);
        Assert.InRange(day.GetProperty("containmentRate").GetDouble(), 0.0, 0.9999);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync($"/api/bot/measures?from={today}&to=2020-01-01")).StatusCode);
    }

    async Task<int> QueriesOfAsync(BotChat chat)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<int>("""
            select count(*) from queries q join contact_identities i on i.contact_id = q.contact_id
            where i.channel = 'directline' and i.address = @User
            """, new { chat.User });
    }

    async Task<IReadOnlyList<(string Kind, string? Body, string? Delivery)>> TimelineAsync(string reference)
    {
        using var agent = await desk.SignInAsync("agent2");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        return query.GetProperty("timeline").EnumerateArray().Select(e => (
            e.Str("kind"),
            e.GetProperty("body").GetString(),
            e.TryGetProperty("delivery", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.Object ? d.Str("state") : null)).ToList();
    }

    // A host whose watch times a handoff out after a minute; only one started in its own process watches so.
    WebApplicationFactory<Program> WithShortHandoffTimeout() => desk.WithWebHostBuilder(b =>
    {
        b.UseSetting("Conversations:HandoffTimeout", "00:01:00");
        b.UseSetting("Conversations:WatchInterval", "00:00:00.200");
    });

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var until = DateTime.UtcNow.AddSeconds(20); !condition(); await Task.Delay(50))
            Assert.True(DateTime.UtcNow < until, "The condition did not hold within 20 s.");
    }

    internal static string ReferenceIn(string text) =>
        Reference().Match(text) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException($"No reference in: {text}");

    [GeneratedRegex(@"\b[A-Z]{3}-\d{4,}\b")]
    private static partial Regex Reference();
}
