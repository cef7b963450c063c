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
