using System.Net;
using System.Text.Json;
using Dapper;
using Desk.Api.BotChannel;
using Desk.Api.Demo;
using Desk.Api.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>
/// The outbox end to end: an agent's reply to a chat user goes through it to a recording connector, and the timeline
/// shows what came of it. Each test chats in a conversation of its own; the desk's clock only moves when a test moves it.
/// </summary>
public sealed class OutboxTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task PublicReply_ReachesTheUserOnce_AndIsSent_WhileANoteSendsNothing()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        var before = chat.Connector.Received.Count;

        var note = await chat.ReplyAsync("Note to self:", "internal");
        var reply = await chat.ReplyAsync("Please try another cable");

        Assert.Equal("pending", reply.GetProperty("delivery").Str("state"));
        var delivery = await chat.DeliveryAsync(reply, "sent");
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(BotFrameworkChannel.ChannelName, delivery.Str("channel"));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("error").ValueKind);
        // The note was written first: had it gone to the outbox, it would have gone out before the reply.
        var sent = BotMessage.Of(Assert.Single(chat.Connector.Received.Skip(before)));
        Assert.Equal(reply.Str("body"), sent.Text);
        Assert.Equal(DemoSeeder.Accounts.Single(a => a.Username == "agent2").DisplayName, sent.FromName);
        Assert.Null(await ChatQuery.DeliveryOfAsync(chat.Agent, chat.Reference, note.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ConnectorAnswering503_IsRetried_OnlyOnceTheBackoffHasPassed()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var reply = await chat.ReplyAsync("Is the power light on?");

        var retrying = await chat.DeliveryAsync(reply, "retrying");
        Assert.Equal(1, retrying.GetProperty("attempts").GetInt32());
        Assert.Contains("503", retrying.Str("error"));
        var next = await NextAttemptAsync(reply);
        Assert.True(next > desk.Clock.GetUtcNow(), $"The next try ({next:O}) is not after now ({desk.Clock.GetUtcNow():O}).");
        chat.Connector.AnswerStatus = StatusCodes.Status200OK;
        await AnotherRoundAsync();
        Assert.Equal(("retrying", 1), await StateAsync(reply));
        Assert.Equal([503], chat.Answers(reply));

        desk.Clock.Advance(next - desk.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        var sent = await chat.DeliveryAsync(reply, "sent");
        Assert.Equal(2, sent.GetProperty("attempts").GetInt32());
        Assert.Equal([503, 200], chat.Answers(reply));
    }

    [Fact]
    public async Task ConnectorAnswering400_FailsTheMessage_AndItIsNeverTriedAgain()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        chat.Connector.AnswerStatus = StatusCodes.Status400BadRequest;

        var refused = await chat.ReplyAsync("Refused words");

        var failed = await chat.DeliveryAsync(refused, "failed");
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("400", failed.Str("error"));
        chat.Connector.AnswerStatus = StatusCodes.Status200OK;
        desk.Clock.Advance(TimeSpan.FromHours(1));
        // A later reply in the same conversation goes out only once nothing before it is left to send.
        await chat.DeliveryAsync(await chat.ReplyAsync("Later words"), "sent");
        Assert.Equal([400], chat.Answers(refused));
        Assert.Equal(("failed", 1), await StateAsync(refused));
    }

    [Fact]
    public async Task TransientFailures_UpToMaxAttempts_GiveTheMessageUp()
    {
        var maxAttempts = desk.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.MaxAttempts;
        await using var chat = await ChatQuery.StartAsync(desk);
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var reply = await chat.ReplyAsync("Never arrives");

        for (var attempt = 1; attempt < maxAttempts; attempt++)
        {
            var tried = attempt;
            await ChatQuery.DeliveryAsync(chat.Agent, chat.Reference, reply,
                d => d.Str("state") == "retrying" && d.GetProperty("attempts").GetInt32() == tried);
            // Longer than the longest back-off (Outbox:MaxBackoff and its jitter).
            desk.Clock.Advance(TimeSpan.FromHours(1));
        }
        var failed = await chat.DeliveryAsync(reply, "failed");
        Assert.Equal(maxAttempts, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("gave up", failed.Str("error"));
        Assert.Equal(Enumerable.Repeat(503, maxAttempts), chat.Answers(reply));
    }

    [Fact]
    public async Task RepliesWhileTheConnectorIsDown_WaitForTheFirst_AndArriveInOrderOnceItIsBack()
    {
        await using var chat = await ChatQuery.StartAsync(desk);
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var first = await chat.ReplyAsync("First");
        await chat.DeliveryAsync(first, "retrying");
        var second = await chat.ReplyAsync("Second");
        await AnotherRoundAsync();
        Assert.Equal(("pending", 0), await StateAsync(second));
        // The first is tried again and still fails: the second keeps waiting behind it.
        desk.Clock.Advance(await NextAttemptAsync(first) - desk.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await ChatQuery.DeliveryAsync(chat.Agent, chat.Reference, first,
            d => d.Str("state") == "retrying" && d.GetProperty("attempts").GetInt32() == 2);
        Assert.Equal(("pending", 0), await StateAsync(second));
        Assert.Empty(chat.Answers(second));

        chat.Connector.AnswerStatus = StatusCodes.Status200OK;
        desk.Clock.Advance(await NextAttemptAsync(first) - desk.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        await chat.DeliveryAsync(second, "sent");
        string[] texts = [first.Str("body"), second.Str("body")];
        var ours = chat.Connector.Received.Where(r => texts.Contains(r.Property("text"))).ToList();
        Assert.Equal(texts, ours.Where(r => r.Status == 200).Select(r => r.Property("text")));
        Assert.Equal([503, 503, 200], chat.Answers(first));
        Assert.Equal([200], chat.Answers(second));
        Assert.Equal(second.Str("body"), ours[^1].Property("text"));
    }

    [Fact]
    public async Task ConnectorThatNeverAnswers_WithinTheReplyTimeout_IsUnknown_AndNotSentAgain()
    {
        await using var impatient = new ConfiguredDesk(("Bot:ReplyTimeout", "00:00:01"));
        await using var chat = await ChatQuery.StartAsync(impatient);
        chat.Connector.HangNext = 1;

        var hung = await chat.ReplyAsync("Into the void");

        var unknown = await chat.DeliveryAsync(hung, "unknown");
        Assert.Equal(1, unknown.GetProperty("attempts").GetInt32());
        Assert.Contains("did not answer in time", unknown.Str("error"));
        impatient.Clock.Advance(TimeSpan.FromHours(1));
        await chat.DeliveryAsync(await chat.ReplyAsync("Later words"), "sent");
        Assert.Equal([0], chat.Answers(hung));
    }

    [Fact]
    public async Task AConnectorThatHangs_HoldsUpOnlyItsOwnConversation()
    {
        // A reply timeout longer than any wait here: the sender once waited for every send of a round before the next.
        await using var patient = new ConfiguredDesk(("Bot:ReplyTimeout", "00:01:00"));
        await using var stuck = await ChatQuery.StartAsync(patient);
        await using var flowing = await ChatQuery.StartAsync(patient);
        stuck.Connector.HangNext = 1;

        var hung = await stuck.ReplyAsync("Into a connector that takes it and never answers");
        for (var until = DateTime.UtcNow.AddSeconds(30); !stuck.Answers(hung).Any(); await Task.Delay(25))
            Assert.True(DateTime.UtcNow < until, "The hanging connector was never called.");
        var meanwhile = await flowing.ReplyAsync("Meanwhile, in another conversation");

        await flowing.DeliveryAsync(meanwhile, "sent");
        Assert.Equal("sending", (await ChatQuery.DeliveryOfAsync(stuck.Agent, stuck.Reference, hung.GetProperty("id").GetInt64()))?.Str("state"));
    }

    [Fact]
    public async Task AConnectorNoLongerAllowed_WhenTheMessageIsSent_FailsIt_WithoutCallingIt()
    {
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            // Written while the connector was allowed, by a desk that does not send; sent after a restart that allows
            // only the public Bot Framework connectors.
            var (chat, reference) = await WrittenNotSentAsync(database);
            await using var _ = chat;
            await using var narrowed = new ConfiguredDesk(database, ("Bot:AllowedServiceUrls:0", "https://smba.trafficmanager.net/"));
            using var agent = await narrowed.SignInAsync("agent2");

            await narrowed.OutboxDrainedAsync(chat.Connector.BaseUrl);

            Assert.Empty(chat.Connector.Received);
            var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline");
            var deliveries = timeline.EnumerateArray()
                .Where(e => e.TryGetProperty("delivery", out var d) && d.ValueKind == JsonValueKind.Object)
                .Select(e => e.GetProperty("delivery")).ToList();
            Assert.Equal(2, deliveries.Count); // the bot's answer and the agent's reply
            Assert.All(deliveries, d =>
            {
                Assert.Equal(("failed", 1), (d.Str("state"), d.GetProperty("attempts").GetInt32()));
                Assert.Contains("not an allowed connector", d.Str("error"));
            });
        }
        finally
        {
            database.Drop();
        }
    }

    /// <summary>A chat whose query got the bot's answer and an agent's reply, on a desk that was then stopped, neither sent.</summary>
    static async Task<(BotChat Chat, string Reference)> WrittenNotSentAsync(TestDatabase database)
    {
        await using var writer = new ConfiguredDesk(database, ("Outbox:Enabled", "false"));
        var chat = await BotChat.StartAsync(writer);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync(ChatQuery.Confident)).StatusCode);
        string reference;
        await using (var db = await writer.OpenDbAsync())
            reference = await db.QuerySingleAsync<string>("select reference from queries where text = @text", new { text = ChatQuery.Confident });
        using var agent = await writer.SignInAsync("agent2");
        await ChatQuery.WriteAsync(agent, reference, "Please try another cable");
        return (chat, reference);
    }

    /// <summary>Where the entry's message stands in the fixture desk's outbox, read from the table.</summary>
    async Task<(string State, int Attempts)> StateAsync(JsonElement entry)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.QuerySingleAsync<(string, int)>(
            "select state, attempts from outbox_messages where timeline_entry_id = @id", new { id = entry.GetProperty("id").GetInt64() });
    }

    async Task<DateTimeOffset> NextAttemptAsync(JsonElement entry)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.QuerySingleAsync<DateTimeOffset>(
            "select next_attempt_at from outbox_messages where timeline_entry_id = @id", new { id = entry.GetProperty("id").GetInt64() });
    }

    /// <summary>
    /// Waits for a sender round that began after this call: another user's message, written now, is sent. That round
    /// claimed everything then due, so what it did not claim was not due.
    /// </summary>
    async Task AnotherRoundAsync()
    {
        await using var other = await BotChat.StartAsync(desk);
        Assert.NotEmpty(await other.SayAsync("Hello"));
    }
}
