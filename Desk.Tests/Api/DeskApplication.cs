using System.Data.Common;
using System.Net.Http.Json;
using Desk.Api.Data;
using Desk.Api.Demo;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Desk.Tests.Api;

/// <summary>
/// The whole desk on a real SQLite file of its own, with the demo staff accounts and a clock the test moves.
/// </summary>
public class DeskApplication : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-pass-1";

    /// <summary>
    /// The console sends this header on every call; the desk refuses a cookie-authenticated write without it
    /// (a page on another origin cannot add a custom header). Every test client sends it unless a test removes it.
    /// </summary>
    public const string ConsoleHeader = "X-Desk-Client";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "desk-tests", Guid.NewGuid().ToString("n"));

    /// <summary>
    /// The engine the tests run on: SQLite unless DESK_TEST_ENGINE=postgres, which test.sh sets for its second run
    /// (with DESK_TEST_POSTGRES naming the throwaway server it started).
    /// </summary>
    public static string Engine { get; } = Environment.GetEnvironmentVariable("DESK_TEST_ENGINE") ?? "sqlite";

    readonly TestDatabase database;
    int keysIssued; // live keys may not share a name
    readonly bool ownsDatabase;

    public DeskApplication()
    {
        database = TestDatabase.Create(Engine);
        ownsDatabase = true;
    }

    /// <summary>A desk on a database that outlives it, as a second desk after a restart would find it.</summary>
    internal DeskApplication(TestDatabase shared) => database = shared;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Routing:Mode for this desk: off by default in tests.</summary>
    protected virtual string RoutingMode => "off";

    /// <summary>
    /// ClassifierTraining:SeedExamplesPerType for this desk: a retraining run on 60 seed examples of each type takes about
    /// a second where the whole corpus takes ten. Null, the whole corpus: for a test that needs a run to last.
    /// </summary>
    protected virtual int? SeedExamplesPerType => 60;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine);
        builder.UseSetting("Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Classifier:ModelPath", Path.Combine(Folder, "default.model"));
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Queries", "0");
        // The tests run the sweep themselves, on the test clock: no job server takes the recurring jobs (they are still
        // registered, and the dashboard shows them); a test that wants one sets Jobs:Workers.
        builder.UseSetting("Sla:SweepInterval", "01:00:00");
        builder.UseSetting("Jobs:Workers", "0");
        // Outside Development only the public Bot Framework connectors are allowed; the tests' connector is local.
        builder.UseSetting("Bot:AllowedServiceUrls:0", "http://127.0.0.1:*");
        // As in Development: agent2 works every queue, information-security included; agent only the unrestricted ones.
        foreach (var (queue, i) in Practice.Queues.Select((q, i) => (q.Queue, i))) builder.UseSetting($"QueueAccess:Agents:agent2:{i}", queue);
        // Queries wait unassigned unless a test turns routing on (RoutingTests): the other tests assert on timelines and
        // assignees that the router would change whenever a test's console happens to be connected.
        builder.UseSetting("Routing:Mode", RoutingMode);
        if (SeedExamplesPerType is { } perType)
            builder.UseSetting("ClassifierTraining:SeedExamplesPerType", perType.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The tests sign in very often from one address; the throttle tests set their own low limit.
        builder.UseSetting("Identity:SignInPermits", "1000000");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Every desk hashes the four demo passwords and every sign-in verifies one: at the framework's 100,000 rounds
            // (about 50 ms each) that was over a minute of the suite's CPU. The hashing code is the same; only its cost is lower.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>A client signed in as one of the demo staff accounts (agent, agent2, supervisor, admin).</summary>
    public async Task<HttpClient> SignInAsync(string username)
    {
        var account = DemoSeeder.Accounts.Single(a => a.Username == username);
        var client = NewClient(cookies: true);
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username, password = account.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A client that calls with a fresh API key holding the given scopes.</summary>
    public async Task<HttpClient> WithApiKeyAsync(params string[] scopes)
    {
        using var admin = await SignInAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"test {string.Join('+', scopes)} {Interlocked.Increment(ref keysIssued)}", scopes });
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<IssuedKey>();
        var client = NewClient(cookies: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", issued!.Key);
        return client;
    }

    public HttpClient Anonymous() => NewClient(cookies: false);

    /// <summary>A connection to this desk's own database, on whichever engine the tests run.</summary>
    public Task<DbConnection> OpenDbAsync() => Services.GetRequiredService<DeskDb>().OpenAsync(CancellationToken.None);

    /// <summary>
    /// Waits until the outbox sender has dealt with every message written so far (sent, failed or unknown) to the
    /// connector at <paramref name="serviceUrl"/> (another test's connector may be gone, its messages retrying).
    /// </summary>
    public async Task OutboxDrainedAsync(string serviceUrl)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            List<(long Id, string State, int Attempts, string? LastError, DateTimeOffset NextAttemptAt)> left;
            await using (var db = await OpenDbAsync())
                left = (await Dapper.SqlMapper.QueryAsync<(long, string, int, string?, DateTimeOffset)>(db, """
                    select id, state, attempts, last_error, next_attempt_at from outbox_messages
                    where state in ('pending', 'sending', 'retrying') and payload like @pattern
                    """, new { pattern = "%" + serviceUrl + "%" })).ToList();
            if (left.Count == 0)
                return;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"The outbox still holds messages to send after 20 s (the desk's clock reads {Clock.GetUtcNow():O}): "
                    + string.Join("; ", left.Select(m => $"#{m.Id} {m.State}, {m.Attempts} tries, next {m.NextAttemptAt:O}, {m.LastError}")));
            await Task.Delay(25);
        }
    }

    /// <summary>In-memory by default; the live desk overrides it with real HTTP.</summary>
    protected HttpClient NewClient(bool cookies)
    {
        var client = NewBareClient(cookies);
        client.DefaultRequestHeaders.Add(ConsoleHeader, "console");
        return client;
    }

    /// <summary>A client with no default headers. In-memory by default; the live desk overrides it with real HTTP.</summary>
    protected virtual HttpClient NewBareClient(bool cookies) => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = cookies });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (ownsDatabase)
            database.Drop();
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    sealed record IssuedKey(string Key);
}
