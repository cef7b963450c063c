using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.DependencyInjection;
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
    public void QuartzSchema_IsNotPastedIntoTheRepository()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "database"), "*.sql", SearchOption.AllDirectories))
            Assert.DoesNotContain("qrtz_", File.ReadAllText(file), StringComparison.OrdinalIgnoreCase);
    }
}
