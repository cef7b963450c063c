using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Tests.Api;
using Desk.Tests.Bot;

namespace Desk.Tests.Live;

/// <summary>
/// The outbox across a crash: a desk process killed (SIGKILL, no shutdown) before or while it sends, and a new one
/// started on the same database. Nothing written is lost, and nothing reaches the user twice.
/// </summary>
public sealed class OutboxCrashTests : IAsyncLifetime
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    readonly string folder = Path.Combine(Path.GetTempPath(), "desk-tests", "crash-" + Guid.NewGuid().ToString("n"));
    readonly TestDatabase database = TestDatabase.Create(DeskApplication.Engine);
    readonly RecordingConnector connector = new();
    readonly List<DeskNode> running = [];

    public Task InitializeAsync() => connector.StartAsync();

    [Fact]
    public async Task KilledAfterTheCommit_BeforeTheSend_ANewNodeSendsEveryMessage_Once()
    {
        // A node that writes to the outbox and sends nothing: everything it wrote is committed and unsent when it dies.
        var writer = await StartNodeAsync("writer", ("Outbox:Enabled", "false"));
        var (ana, bo) = (ChatUser.New(), ChatUser.New());
        var (_, key) = await TwoNodes.IssueKeyAsync(writer, "bot");
        using (var bot = TwoNodes.WithKey(writer, key))
        {
            await SayAsync(bot, ana, ChatQuery.Confident);
            await SayAsync(bot, bo, "Hello");
        }
        var reference = await ReferenceAsync();
        string[] replies = ["Is the power light on? " + Guid.NewGuid().ToString("N"), "Then try another cable " + Guid.NewGuid().ToString("N")];
        using (var agent = await TwoNodes.SignInAsync(writer, "agent2"))
            foreach (var reply in replies)
                await ChatQuery.WriteAsync(agent, reference, reply);
        var written = await OutboxAsync();
        Assert.All(written, m => Assert.Equal("pending", m.State));
        Assert.Empty(connector.Received);

        await KillAsync(writer);
        await StartNodeAsync("sender");

        await SettledAsync(written.Count);
        Assert.All(await OutboxAsync(), m => Assert.Equal("sent", m.State));
        var received = connector.Received;
        Assert.All(received, r => Assert.Equal(200, r.Status));
        // Each message once, and each conversation's in the order written: the bot's answer naming the query, then the replies.
        Assert.Equal(written.Select(m => m.Text).Order(), received.Select(r => r.Property("text")).Order());
        Assert.Equal(written.Where(m => m.Conversation == ana.Conversation).Select(m => m.Text), Texts(received, ana));
        Assert.Equal(written.Where(m => m.Conversation == bo.Conversation).Select(m => m.Text), Texts(received, bo));
        Assert.Contains(reference, Texts(received, ana)[0]!);
        Assert.NotEmpty(Texts(received, bo));
        Assert.Equal(replies, Texts(received, ana)[^2..]);
    }

    [Fact]
    public async Task KilledWhileSending_TheMessageBecomesUnknown_IsNeverSentAgain_AndLaterOnesGo()
    {
        // The lease the claiming node writes decides when another node may call the message abandoned: long enough to
        // see the request and kill the node, short enough for a test to wait out.
        var lease = ("Outbox:Lease", "00:00:15");
        var first = await StartNodeAsync("first", lease);
        var ana = ChatUser.New();
        var (_, key) = await TwoNodes.IssueKeyAsync(first, "bot");
        using var bot = TwoNodes.WithKey(first, key);
        using var agent = await TwoNodes.SignInAsync(first, "agent2");
        connector.HangNext = 1;
        await SayAsync(bot, ana, ChatQuery.Confident);
        var reference = await ReferenceAsync();
        // Written after the bot's answer, so it waits behind it, whether or not that is being sent yet.
        var queued = await ChatQuery.WriteAsync(agent, reference, "Is the power light on? " + Guid.NewGuid().ToString("N"));
        var hung = (await HungRequestAsync()).Property("text");

        // At once, well within the node's lease and its Bot:ReplyTimeout: the node dies with the request in flight.
        await KillAsync(first);
        var second = await StartNodeAsync("second", lease);

        using var agent2 = await TwoNodes.SignInAsync(second, "agent2");
        var entry = await EntryAsync(agent2, reference, hung);
        var abandoned = await ChatQuery.DeliveryAsync(agent2, reference, entry, d => d.Str("state") != "sending");
        Assert.Equal(("unknown", 1), (abandoned.Str("state"), abandoned.GetProperty("attempts").GetInt32()));
        Assert.Contains("stopped while sending", abandoned.Str("error"));
        await ChatQuery.DeliveryAsync(agent2, reference, queued, d => d.Str("state") == "sent");
        var later = await ChatQuery.WriteAsync(agent2, reference, "Then try another cable " + Guid.NewGuid().ToString("N"));
        await ChatQuery.DeliveryAsync(agent2, reference, later, d => d.Str("state") == "sent");
        var texts = connector.Received.Select(r => r.Property("text")).ToList();
        Assert.Single(texts, t => t == hung);
        Assert.Equal(hung, texts[0]);
        Assert.Equal([queued.Str("body"), later.Str("body")], texts[^2..]);
    }

    Task<DeskNode> StartNodeAsync(string name, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = DeskApplication.Engine,
            ["Database:ConnectionString"] = database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Classifier:ModelPath"] = Path.Combine(folder, "classifier", "default.model"),
            ["Demo:Enabled"] = "true",
            ["Demo:Queries"] = "0",
            ["Identity:SignInPermits"] = "1000000",
            ["Bot:AllowedServiceUrls:0"] = "http://127.0.0.1:*",
        };
        foreach (var (queue, i) in Desk.Api.Routing.Practice.Queues.Select((q, i) => (q.Queue, i)))
            settings[$"QueueAccess:Agents:agent2:{i}"] = queue;
        foreach (var (key, value) in extra)
            settings[key] = value;
        return Track(DeskNode.StartAsync(name, Path.Combine(folder, name), settings));
    }

    async Task<DeskNode> Track(Task<DeskNode> starting)
    {
        var node = await starting;
        running.Add(node);
        return node;
    }

    /// <summary>Process.Kill: SIGKILL, so the node finishes nothing it was doing.</summary>
    async Task KillAsync(DeskNode node)
    {
        running.Remove(node);
        await node.DisposeAsync();
    }

    Task SayAsync(HttpClient bot, ChatUser user, string text) => Ok(bot.PostAsJsonAsync("/api/messages", new
    {
        type = "message",
        id = "act-" + Guid.NewGuid().ToString("N"),
        channelId = "directline",
        serviceUrl = connector.BaseUrl,
        from = new { id = user.Id, name = "Ana Silva" },
        recipient = new { id = "desk-bot", name = "Service Desk" },
        conversation = new { id = user.Conversation },
        text,
        locale = "en-US",
    }));

    static async Task Ok(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    static List<string?> Texts(IEnumerable<ConnectorRequest> received, ChatUser user) =>
        [.. received.Where(r => r.Property("conversation", "id") == user.Conversation).Select(r => r.Property("text"))];

    async Task<DbConnection> OpenDbAsync()
    {
        var connection = SqlDialects.For(DeskApplication.Engine).CreateConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    async Task<string> ReferenceAsync()
    {
        await using var db = await OpenDbAsync();
        return await db.QuerySingleAsync<string>("select reference from queries where text = @text", new { text = ChatQuery.Confident });
    }

    /// <summary>Every outbox message, oldest first: its state, and the conversation and words it carries.</summary>
    async Task<List<(string State, string? Conversation, string? Text)>> OutboxAsync()
    {
        await using var db = await OpenDbAsync();
        var rows = await db.QueryAsync<(string State, string Payload)>("select state, payload from outbox_messages order by id");
        return [.. rows.Select(r =>
        {
            using var payload = JsonDocument.Parse(r.Payload);
            var activity = payload.RootElement;
            return (r.State, activity.GetProperty("conversation").GetProperty("id").GetString(), activity.GetProperty("text").GetString());
        })];
    }

    /// <summary>Waits until the outbox holds <paramref name="count"/> messages, none of them still to be sent.</summary>
    async Task SettledAsync(int count)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var states = (await OutboxAsync()).Select(m => m.State).ToList();
            if (states.Count == count && !states.Any(s => s is "pending" or "sending" or "retrying"))
                return;
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"The outbox never settled: {string.Join(", ", states)}.");
            await Task.Delay(100);
        }
    }

    async Task<ConnectorRequest> HungRequestAsync()
    {
        var until = DateTime.UtcNow + Patience;
        while (connector.Received.Count == 0)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException("The node never called the connector.");
            await Task.Delay(25);
        }
        return Assert.Single(connector.Received);
    }

    /// <summary>The timeline entry of the message the desk sent with these words.</summary>
    static async Task<JsonElement> EntryAsync(HttpClient agent, string reference, string? text)
    {
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline");
        return timeline.EnumerateArray().Single(e => e.TryGetProperty("body", out var body) && body.GetString() == text);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in running)
            await node.DisposeAsync();
        await connector.DisposeAsync();
        database.Drop();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    sealed record ChatUser(string Id, string Conversation)
    {
        public static ChatUser New() => new("user-" + Guid.NewGuid().ToString("N")[..12], "conv-" + Guid.NewGuid().ToString("N"));
    }
}
