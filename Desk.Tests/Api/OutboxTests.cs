using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class OutboxTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    internal const string Confident = "My monitor shows no picture since this morning";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PublicReply_ReachesTheUserOnce_AndIsSent_WhileANoteSendsNothing()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = await QueryOfAsync(chat);
        using var agent = await desk.SignInAsync("agent2");
        var before = chat.Received.Count;

        var note = await WriteAsync(agent, reference, "Note to self: " + Guid.NewGuid().ToString("N"), "internal");
        var reply = await WriteAsync(agent, reference, "Please try another cable " + Guid.NewGuid().ToString("N"));

        Assert.Equal("pending", reply.GetProperty("delivery").Str("state"));
        var delivery = await DeliveryAsync(agent, reference, reply, d => d.Str("state") == "sent");
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(BotFrameworkChannel.ChannelName, delivery.Str("channel"));
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("error").ValueKind);
        // The note was written first: had it gone to the outbox, it would have gone out before the reply.
        var sent = Assert.Single(chat.Received.Skip(before));
        Assert.Equal(reply.Str("body"), sent.Text);
        Assert.Equal(DemoSeeder.Accounts.Single(a => a.Username == "agent2").DisplayName, sent.FromName);
        Assert.Null(await DeliveryOfAsync(agent, reference, note.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ConnectorAnswering503_IsRetried_OnlyOnceTheBackoffHasPassed()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = await QueryOfAsync(chat);
        using var agent = await desk.SignInAsync("agent2");
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var reply = await WriteAsync(agent, reference, "Is the power light on? " + Guid.NewGuid().ToString("N"));

        var retrying = await DeliveryAsync(agent, reference, reply, d => d.Str("state") == "retrying");
        Assert.Equal(1, retrying.GetProperty("attempts").GetInt32());
        Assert.Contains("503", retrying.Str("error"));
        var next = await NextAttemptAsync(reply);
        Assert.True(next > desk.Clock.GetUtcNow(), $"The next try ({next:O}) is not after now ({desk.Clock.GetUtcNow():O}).");
        chat.Connector.AnswerStatus = StatusCodes.Status200OK;

        await AnotherRoundAsync();

        Assert.Equal(("retrying", 1), await StateAsync(reply));
        Assert.Single(chat.Connector.Received, r => r.Property("text") == reply.Str("body"));

        desk.Clock.Advance(next - desk.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        var sent = await DeliveryAsync(agent, reference, reply, d => d.Str("state") == "sent");
        Assert.Equal(2, sent.GetProperty("attempts").GetInt32());
        Assert.Equal([503, 200], chat.Connector.Received.Where(r => r.Property("text") == reply.Str("body")).Select(r => r.Status));
    }

    [Fact]
    public async Task ConnectorAnswering400_FailsTheMessage_AndItIsNeverTriedAgain()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = await QueryOfAsync(chat);
        using var agent = await desk.SignInAsync("agent2");
        chat.Connector.AnswerStatus = StatusCodes.Status400BadRequest;

        var refused = await WriteAsync(agent, reference, "Refused words " + Guid.NewGuid().ToString("N"));

        var failed = await DeliveryAsync(agent, reference, refused, d => d.Str("state") == "failed");
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("400", failed.Str("error"));
        chat.Connector.AnswerStatus = StatusCodes.Status200OK;
        desk.Clock.Advance(TimeSpan.FromHours(1));
        // A later reply in the same conversation goes out only once nothing before it is left to send.
        var later = await WriteAsync(agent, reference, "Later words " + Guid.NewGuid().ToString("N"));
        await DeliveryAsync(agent, reference, later, d => d.Str("state") == "sent");
        Assert.Single(chat.Connector.Received, r => r.Property("text") == refused.Str("body"));
        Assert.Equal(("failed", 1), await StateAsync(refused));
    }

    [Fact]
    public async Task TransientFailures_UpToMaxAttempts_GiveTheMessageUp()
    {
        var maxAttempts = desk.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.MaxAttempts;
        await using var chat = await BotChat.StartAsync(desk);
        var reference = await QueryOfAsync(chat);
        using var agent = await desk.SignInAsync("agent2");
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var reply = await WriteAsync(agent, reference, "Never arrives " + Guid.NewGuid().ToString("N"));

        for (var attempt = 1; attempt < maxAttempts; attempt++)
        {
            var tried = attempt;
            await DeliveryAsync(agent, reference, reply, d => d.Str("state") == "retrying" && d.GetProperty("attempts").GetInt32() == tried);
            // Longer than the longest back-off (Outbox:MaxBackoff and its jitter).
            desk.Clock.Advance(TimeSpan.FromHours(1));
        }
        var failed = await DeliveryAsync(agent, reference, reply, d => d.Str("state") == "failed");
        Assert.Equal(maxAttempts, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("gave up", failed.Str("error"));
        Assert.Equal(maxAttempts, chat.Connector.Received.Count(r => r.Property("text") == reply.Str("body")));
    }

    [Fact]
    public async Task RepliesWhileTheConnectorIsDown_WaitForTheFirst_AndArriveInOrderOnceItIsBack()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = await QueryOfAsync(chat);
        using var agent = await desk.SignInAsync("agent2");
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var first = await WriteAsync(agent, reference, "First " + Guid.NewGuid().ToString("N"));
        await DeliveryAsync(agent, reference, first, d => d.Str("state") == "retrying");
        var second = await WriteAsync(agent, reference, "Second " + Guid.NewGuid().ToString("N"));
        await AnotherRoundAsync();
        Assert.Equal(("pending", 0), await StateAsync(second));
        // The first is tried again and still fails: the second keeps waiting behind it.
        desk.Clock.Advance(await NextAttemptAsync(first) - desk.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await DeliveryAsync(agent, reference, first, d => d.Str("state") == "retrying" && d.GetProperty("attempts").GetInt32() == 2);
        Assert.Equal(("pending", 0), await StateAsync(second));
        Assert.DoesNotContain(chat.Connector.Received, r => r.Property("text") == second.Str("body"));

        chat.Connector.AnswerStatus = StatusCodes.Status200OK;
        desk.Clock.Advance(await NextAttemptAsync(first) - desk.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        await DeliveryAsync(agent, reference, second, d => d.Str("state") == "sent");
        var texts = new[] { first.Str("body"), second.Str("body") };
        var ours = chat.Connector.Received.Where(r => texts.Contains(r.Property("text"))).ToList();
        Assert.Equal(texts, ours.Where(r => r.Status == 200).Select(r => r.Property("text")));
        Assert.Equal(second.Str("body"), ours[^1].Property("text"));
        Assert.Single(ours, r => r.Property("text") == second.Str("body"));
    }

    [Fact]
    public async Task ConnectorThatNeverAnswers_WithinTheReplyTimeout_IsUnknown_AndNotSentAgain()
    {
        await using var impatient = new ConfiguredDesk(("Bot:ReplyTimeout", "00:00:01"));
        await using var chat = await BotChat.StartAsync(impatient);
        var reference = await QueryOfAsync(chat);
        using var agent = await impatient.SignInAsync("agent2");
        chat.Connector.HangNext = 1;

        var hung = await WriteAsync(agent, reference, "Into the void " + Guid.NewGuid().ToString("N"));

        var unknown = await DeliveryAsync(agent, reference, hung, d => d.Str("state") == "unknown");
        Assert.Equal(1, unknown.GetProperty("attempts").GetInt32());
        Assert.Contains("did not answer in time", unknown.Str("error"));
        impatient.Clock.Advance(TimeSpan.FromHours(1));
        var later = await WriteAsync(agent, reference, "Later words " + Guid.NewGuid().ToString("N"));
        await DeliveryAsync(agent, reference, later, d => d.Str("state") == "sent");
        Assert.Equal([0], chat.Connector.Received.Where(r => r.Property("text") == hung.Str("body")).Select(r => r.Status));
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
        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync(Confident)).StatusCode);
        string reference;
        await using (var db = await writer.OpenDbAsync())
            reference = await db.ExecuteScalarAsync<string>("select reference from queries where text = @Confident", new { Confident }) ?? "";
        using var agent = await writer.SignInAsync("agent2");
        await WriteAsync(agent, reference, "Please try another cable");
        return (chat, reference);
    }

    /// <summary>The reference of the query the bot created for <see cref="Confident"/>, which it tells the user.</summary>
    internal static async Task<string> QueryOfAsync(BotChat chat)
    {
        var answers = await chat.SayAsync(Confident);
        var reference = answers.Select(a => Reference().Match(a.Text)).FirstOrDefault(m => m.Success)?.Value;
        Assert.True(reference is not null, $"The bot named no query: {string.Join(" / ", answers)}");
        return reference;
    }

    internal static async Task<JsonElement> WriteAsync(HttpClient agent, string reference, string text, string visibility = "public")
    {
        var response = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text, visibility });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Waits until the timeline shows the entry's delivery as <paramref name="wanted"/>; returns it.</summary>
    internal static async Task<JsonElement> DeliveryAsync(HttpClient agent, string reference, JsonElement entry, Func<JsonElement, bool> wanted)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var delivery = await DeliveryOfAsync(agent, reference, entry.GetProperty("id").GetInt64());
            if (delivery is { } found && wanted(found))
                return found;
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"The delivery of \"{entry.Str("body")}\" stayed {delivery?.ToString() ?? "absent"}.");
            await Task.Delay(50);
        }
    }

    static async Task<JsonElement?> DeliveryOfAsync(HttpClient agent, string reference, long entryId)
    {
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var entry = detail.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == entryId);
        return entry.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == JsonValueKind.Object ? delivery : null;
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

    /// <summary>The desk with a few settings of the test's own, on a database of its own or one that outlives it.</summary>
    sealed class ConfiguredDesk : DeskApplication
    {
        readonly (string Key, string Value)[] settings;

        public ConfiguredDesk(params (string Key, string Value)[] settings) => this.settings = settings;

        public ConfiguredDesk(TestDatabase database, params (string Key, string Value)[] settings)
            : base(database) => this.settings = settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }

    [GeneratedRegex("[A-Z]{3}-[0-9]+")]
    private static partial Regex Reference();
}
