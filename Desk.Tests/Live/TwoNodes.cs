using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Demo;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>
/// Two desk processes, A and B, on one database and one Redis: what a deployment behind a proxy runs. Shared by a
/// test class; each test makes its own data.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "desk-tests", "nodes-" + Guid.NewGuid().ToString("n"));
    readonly List<DeskNode> others = [];
    readonly Func<Task<TestRedis>> startRedis;
    TestRedis? redis;
    Dictionary<string, string> settings = [];

    public TwoNodes()
        : this(TestRedis.StartAsync)
    {
    }

    /// <summary>Two nodes on a Redis <paramref name="startRedis"/> starts: one of the test's own, for a test that stops it.</summary>
    internal TwoNodes(Func<Task<TestRedis>> startRedis) => this.startRedis = startRedis;

    internal const int KeyBurst = 6;

    // The engine under test (test.sh's PostgreSQL run shares one server database between the nodes).
    readonly TestDatabase database = TestDatabase.Create(DeskApplication.Engine);

    internal DeskNode A { get; private set; } = null!;

    internal DeskNode B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        redis = await startRedis();
        settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = DeskApplication.Engine,
            ["Database:ConnectionString"] = database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Redis:Configuration"] = redis.Address,
            // A Redis of its own within a shared server: nothing left from another run can interfere.
            ["Redis:Prefix"] = "t" + Guid.NewGuid().ToString("n")[..12],
            // One classifier folder, as nodes on one shared volume: B loads what A trained.
            ["Classifier:ModelPath"] = Path.Combine(folder, "classifier", "default.model"),
            ["Demo:Enabled"] = "true",
            ["Demo:Queries"] = "0",
            ["Identity:SignInPermits"] = "1000000",
            // Six requests per key, refilled hourly: a test can tell one shared bucket from one per node.
            ["Identity:ApiKeyBurst"] = KeyBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Identity:ApiKeyPermits"] = "1",
            ["Identity:ApiKeyPeriod"] = "01:00:00",
            // No polling or periodic re-read: what a test waits for on the other node can only come through Redis.
            ["Realtime:SessionCheckInterval"] = "1.00:00:00",
            ["Redis:ResyncInterval"] = "1.00:00:00",
            // The board's and the queue counts' catch-up, the one way a node takes in another's changes: at its shortest.
            ["Board:ResyncInterval"] = "00:00:05",
            // Short, so that a test can wait for an agent who left, or a node that died, to drop out of the rotation.
            ["Routing:OfflineGrace"] = "00:00:02",
            ["Redis:PresenceLease"] = "00:00:03",
            // A retraining run of two or three seconds, not fifteen: still long enough for a second node's request or
            // cancel to meet it running.
            ["ClassifierTraining:SeedExamplesPerType"] = "200",
        };
        foreach (var (queue, i) in Desk.Api.Routing.Practice.Queues.Select((q, i) => (q.Queue, i)))
            settings[$"QueueAccess:Agents:agent2:{i}"] = queue;
        // A first, so the database is migrated and seeded once before B starts. Each runs in a folder of its own, as on
        // two machines: else both would keep one Data Protection key ring on disk and share cookies without Redis.
        A = await DeskNode.StartAsync("A", Path.Combine(folder, "a"), settings);
        B = await DeskNode.StartAsync("B", Path.Combine(folder, "b"), settings);
    }

    internal string ConnectionString => database.ConnectionString;

    /// <summary>One more node like A and B, stopped (killed) with the fixture unless the test kills it first.</summary>
    internal async Task<DeskNode> StartAnotherAsync(string name)
    {
        var node = await DeskNode.StartAsync(name, Path.Combine(folder, name.ToLowerInvariant() + Guid.NewGuid().ToString("n")[..6]), settings);
        others.Add(node);
        return node;
    }

    internal TestRedis Redis => redis!;

    /// <summary>A connection to the database both nodes share.</summary>
    internal async Task<System.Data.Common.DbConnection> OpenDbAsync()
    {
        var connection = Desk.Api.Data.SqlDialects.For(DeskApplication.Engine).CreateConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A client of one node that sends the console's header, with cookies kept in <paramref name="cookies"/>.</summary>
    internal static HttpClient Client(DeskNode node, CookieContainer? cookies = null)
    {
        var handler = cookies is null ? new HttpClientHandler { UseCookies = false } : new HttpClientHandler { CookieContainer = cookies };
        var client = new HttpClient(handler) { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Add(DeskApplication.ConsoleHeader, "console");
        return client;
    }

    /// <summary>Signs in on a node; the session cookie is left in <paramref name="cookies"/>.</summary>
    internal static async Task<HttpClient> SignInAsync(DeskNode node, string username, CookieContainer? cookies = null)
    {
        var client = Client(node, cookies ?? new CookieContainer());
        var password = DemoSeeder.Accounts.Single(a => a.Username == username).Password;
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>Issues a key on a node; returns its id and the key.</summary>
    internal static async Task<(long Id, string Key)> IssueKeyAsync(DeskNode node, params string[] scopes)
    {
        using var admin = await SignInAsync(node, "admin");
        var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"two nodes {string.Join('+', scopes)} {Guid.NewGuid():n}", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (issued.GetProperty("info").GetProperty("id").GetInt64(), issued.Str("key"));
    }

    internal static HttpClient WithKey(DeskNode node, string key)
    {
        var client = Client(node);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in others.Prepend(B).Prepend(A))
            if (node is not null)
                await node.DisposeAsync();
        if (redis is not null)
            await redis.DisposeAsync();
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
}
