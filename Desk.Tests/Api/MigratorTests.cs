using System.Net;
using System.Net.Http.Json;
using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Desk.Tests.Live;

namespace Desk.Tests.Api;

public sealed class MigratorTests
{
    [Fact]
    public async Task Migrate_OnAMigratedDatabase_RunsNothing_AndRecordsWhatRan()
    {
        await using var desk = new DeskApplication();
        var migrator = desk.Services.GetRequiredService<Migrator>();

        var again = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Empty(again);
        await using var db = await desk.OpenDbAsync();
        var ran = (await db.QueryAsync<string>("select id from schema_migrations order by id")).ToList();
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "database", "sqlite"), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        Assert.Equal(files, ran);
    }

    [Fact]
    public void EngineFolders_HoldTheSameMigrationNames()
    {
        var folders = Directory.GetDirectories(Path.Combine(Repo.Root, "database"));
        var names = folders.Select(f => string.Join(",", Directory.GetFiles(f, "*.sql").Select(Path.GetFileName).Order())).Distinct();

        Assert.Single(names);
    }

    [Fact]
    public void NoSchedulersSchema_IsPastedIntoTheRepository()
    {
        // Quartz's came from its assembly (0002, which runs nothing now that Quartz is gone); Hangfire makes its own.
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "database"), "*.sql", SearchOption.AllDirectories))
            Assert.DoesNotMatch(@"(?i)create\s+table\s+(if\s+not\s+exists\s+)?\S*(qrtz_|hangfire)", File.ReadAllText(file));
    }

    [Fact]
    public async Task DropQuartz_RemovesTheJobStoreAnOlderDeskLeft()
    {
        await using var desk = new DeskApplication();
        await using (var db = await desk.OpenDbAsync())
        {
            // The database as a desk on Quartz left it: its job store, with rows, and 0009 not yet run.
            foreach (var statement in QuartzStandIn.Tables)
                await db.ExecuteAsync(statement);
            await db.ExecuteAsync(QuartzStandIn.Rows);
            await db.ExecuteAsync("delete from schema_migrations where id = '0009_drop_quartz'");
        }

        var ran = await desk.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);

        Assert.Equal(["0009_drop_quartz"], ran);
        await using var after = await desk.OpenDbAsync();
        var left = await after.QueryAsync<string>(DeskApplication.Engine == "sqlite"
            ? "select name from sqlite_master where type = 'table' and lower(name) like 'qrtz%'"
            : "select table_name from information_schema.tables where table_name like 'qrtz%'");
        Assert.Empty(left);
    }

    [Fact]
    public async Task ImprovementOverrideSource_KeepsEveryEntryWithItsId_AndGivesNoWithdrawnNumberAgain()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        await SuggestionAsync(agent, "Could the portal remember my language?");
        var overrideId = await OverridesTests.OverrideMatrixAsync(agent, supervisor, "The CFO presents with it at nine.");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/overrides/{overrideId}/review",
            new { decision = "propose_change", note = "Let a director's deadline raise urgency." })).StatusCode);
        var withdrawn = await SuggestionAsync(agent, "Could the login page offer a dark mode?");
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{withdrawn}", new { type = "complaint", reason = "It is one." })).StatusCode);
        const string Rows = "select id, source, source_id, query_id, contact_id, text, status from improvements order by id";
        List<(long, string, long, long, long, string, string)> before;
        await using (var db = await desk.OpenDbAsync())
        {
            before = (await db.QueryAsync<(long, string, long, long, long, string, string)>(Rows)).ToList();
            await db.ExecuteAsync("delete from schema_migrations where id = '0036_improvement_override_source'");
        }
        Assert.Contains(before, row => row.Item2 == "override");
        var timeline = (await (await agent.GetAsync($"/api/queries/{withdrawn}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        var largest = timeline.Single(e => e.Str("kind") == "improvement_withdrawn").GetProperty("data").GetProperty("improvement").GetInt64();
        Assert.True(largest > before.Max(row => row.Item1));

        var ran = await desk.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);

        Assert.Equal(["0036_improvement_override_source"], ran);
        await using var after = await desk.OpenDbAsync();
        Assert.Equal(before, await after.QueryAsync<(long, string, long, long, long, string, string)>(Rows));
        var next = await SuggestionAsync(agent, "Could replies show who wrote them?");
        var id = await after.QuerySingleAsync<long>("select i.id from improvements i join queries q on q.id = i.query_id where q.reference = @next", new { next });
        Assert.True(id > largest, $"entry {id} took a number up to the withdrawn {largest}");
    }

    [Fact]
    public async Task UniqueNames_OnADatabaseWithTwins_KeepsTheOldestsName_AndNumbersTheRest_InTheirScopeAlone()
    {
        await using var desk = new DeskApplication();
        await using (var db = await desk.OpenDbAsync())
        {
            // The database as a desk before 0040 left it: twins allowed.
            foreach (var index in new[] { "ux_api_keys_live_name", "ux_canned_replies_team_title", "ux_canned_replies_own_title" })
                await db.ExecuteAsync($"drop index {index}");
            await db.ExecuteAsync("delete from schema_migrations where id = '0040_unique_names'");
            var now = DateTimeOffset.UtcNow;
            foreach (var (name, revoked) in new[] { ("Portal", false), ("portal", true), ("portal ", false), ("PORTAL", false), ("sms", false) })
                await db.ExecuteAsync("""
                    insert into api_keys (name, prefix, key_hash, scopes, created_by, created_at, revoked_at)
                    values (@name, @prefix, 'hash', 'intake', 'admin', @now, @revokedAt)
                    """, new { name, prefix = Guid.NewGuid().ToString("n")[..16], now, revokedAt = revoked ? now : (DateTimeOffset?)null });
            foreach (var (title, language, owner) in new[] { ("Hello", "en", null), ("hello", "en", null), ("Hello", "zh", null),
                         ("Hello", "en", "agent"), ("HELLO", "en", "agent"), ("Hello", "en", "agent2") })
                await db.ExecuteAsync("""
                    insert into canned_replies (title, body, language, owner, created_by, created_at, updated_by, updated_at)
                    values (@title, 'Hi.', @language, @owner, 'desk', @now, 'desk', @now)
                    """, new { title, language, owner, now });
        }

        var ran = await desk.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);

        Assert.Equal(["0040_unique_names"], ran);
        await using var after = await desk.OpenDbAsync();
        var keys = (await after.QueryAsync<string>("select name from api_keys where name like '%ortal%' or name like '%ORTAL%' or name = 'sms' order by id")).ToList();
        Assert.Equal(["Portal", "portal", "portal  (2)", "PORTAL (3)", "sms"], keys);
        var replies = (await after.QueryAsync<string>("select title from canned_replies where body = 'Hi.' order by id")).ToList();
        Assert.Equal(["Hello", "hello (2)", "Hello", "Hello", "HELLO (2)", "Hello"], replies);
        using var admin = await desk.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "portal", scopes = new[] { "intake" } })).StatusCode);
    }

    /// <summary>A new query agent2 retypes as an improvement suggestion (an entry of the register); its reference.</summary>
    static async Task<string> SuggestionAsync(HttpClient agent, string text)
    {
        var reference = (await agent.SubmitAsync(Requests.Query(text))).Str("reference");
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { type = "improvement_suggestion", reason = "It is one." })).StatusCode);
        return reference;
    }

    [Fact]
    public async Task AScriptChangedAfterItWasApplied_StopsTheStartUp_NamingIt()
    {
        await using var desk = new DeskApplication();
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update schema_migrations set checksum = 'not-the-file' where id = '0003_classifier_models'");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => desk.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None));

        Assert.Contains("0003_classifier_models was changed after it was applied", failure.Message);
    }

    [Fact]
    public async Task TwoNodesMigratingAFreshDatabaseAtOnce_ApplyEachScriptOnce()
    {
        var database = TestDatabase.Create(DeskApplication.Engine, migrated: false);
        try
        {
            var options = Options.Create(new DatabaseOptions { Provider = DeskApplication.Engine, ConnectionString = database.ConnectionString });
            var dialect = SqlDialects.For(DeskApplication.Engine);
            DapperTypes.Register();
            Migrator Node() => new(new DeskDb(dialect, options), NullLogger<Migrator>.Instance);

            var ran = await Task.WhenAll(Node().MigrateAsync(CancellationToken.None), Node().MigrateAsync(CancellationToken.None));

            var files = Directory.GetFiles(Path.Combine(Repo.Root, "database", dialect.Name), "*.sql").Select(f => Path.GetFileNameWithoutExtension(f)!).Order();
            Assert.Equal(files, ran.SelectMany(r => r).Order());
        }
        finally
        {
            database.Drop();
        }
    }
}
