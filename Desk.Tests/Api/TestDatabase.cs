using Desk.Api.Data;
using Desk.Api.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Desk.Tests.Api;

/// <summary>
/// A database of the test's own on the engine under test: a new SQLite file in a folder of its own, or a new
/// database on the shared throwaway PostgreSQL server; dropped by whoever created it. On PostgreSQL, unless asked for an
/// empty one, it is a copy of a template the desk's migrations and Hangfire's schema were applied to once per run, so that
/// a desk starting on it finds them applied, as on any restart (six desk-heavy test classes: 46 s before, 38 s with it).
/// On SQLite the same saved nothing measurable, so each desk migrates its new file.
/// </summary>
internal sealed class TestDatabase
{
    static readonly Lazy<string> PostgresTemplate = new(CreatePostgresTemplate);

    readonly string? server;
    readonly string? name;
    readonly string? folder;

    TestDatabase(string? server, string? name, string? folder, string connectionString) =>
        (this.server, this.name, this.folder, ConnectionString) = (server, name, folder, connectionString);

    public string ConnectionString { get; }

    /// <param name="engine">sqlite or postgres.</param>
    /// <param name="migrated">False for a PostgreSQL database as a first start finds it, nothing applied (the migrator's own tests).</param>
    public static TestDatabase Create(string engine, bool migrated = true)
    {
        if (engine == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "desk-tests", "db-" + Guid.NewGuid().ToString("n"));
            return new TestDatabase(null, null, folder, $"Data Source={Path.Combine(folder, "desk.db")};Default Timeout=30");
        }
        if (engine != "postgres")
            throw new InvalidOperationException($"DESK_TEST_ENGINE={engine}: the tests run on sqlite or postgres.");
        var server = PostgresServer();
        var name = "desk_" + Guid.NewGuid().ToString("n");
        CreatePostgresDatabase(server, name, migrated ? PostgresTemplate.Value : null);
        return new TestDatabase(server, name, null, $"{server};Database={name};Maximum Pool Size=20");
    }

    static string PostgresServer() => Environment.GetEnvironmentVariable("DESK_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DESK_TEST_ENGINE=postgres needs DESK_TEST_POSTGRES: run the README test command (test.sh starts one).");

    static void CreatePostgresDatabase(string server, string name, string? template)
    {
        using var admin = new NpgsqlConnection(server + ";Database=postgres;Pooling=false");
        admin.Open();
        // file_copy copies the template's files whole: a quarter faster than PostgreSQL 15's default (wal_log) at this size.
        using var create = new NpgsqlCommand($"create database {name}{(template is null ? "" : $" template {template} strategy file_copy")}", admin);
        create.ExecuteNonQuery();
    }

    static string CreatePostgresTemplate()
    {
        var server = PostgresServer();
        var name = "desk_template_" + Guid.NewGuid().ToString("n");
        CreatePostgresDatabase(server, name, template: null);
        // Unpooled: a copy is refused while anyone is connected to its template.
        var connectionString = $"{server};Database={name};Pooling=false";
        var dialect = SqlDialects.For("postgres");
        DapperTypes.Register();
        var database = new DeskDb(dialect, Options.Create(new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString }));
        new Migrator(database, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        JobStorageFor.Create(dialect, connectionString);
        return name;
    }

    /// <summary>
    /// An outage of this database alone, as a restart looks to the desk: no new connection is let in, and every open one
    /// ends (57P01). SQLite's is another writer holding the file: dispose the result to end it.
    /// </summary>
    public IDisposable CutOff()
    {
        if (folder is not null)
        {
            var holder = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString + ";Pooling=False");
            holder.Open();
            var hold = holder.BeginTransaction(deferred: false);
            return new Reopening(() =>
            {
                hold.Rollback();
                holder.Dispose();
            });
        }
        OnServer($"alter database {name} allow_connections false",
            $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}' and pid <> pg_backend_pid()");
        return new Reopening(() => OnServer($"alter database {name} allow_connections true"));
    }

    sealed class Reopening(Action reopen) : IDisposable
    {
        public void Dispose() => reopen();
    }

    void OnServer(params string[] statements)
    {
        using var admin = new NpgsqlConnection(server + ";Database=postgres;Pooling=false");
        admin.Open();
        foreach (var statement in statements)
        {
            using var command = new NpgsqlCommand(statement, admin);
            command.ExecuteNonQuery();
        }
    }

    public void Drop()
    {
        if (folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp folder behind.
            }
            return;
        }
        // This database's pool only: clearing them all made every other test running meanwhile open new server connections.
        using (var own = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(own);
        OnServer($"drop database if exists {name} with (force)");
    }
}
