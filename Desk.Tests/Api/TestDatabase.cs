using Npgsql;

namespace Desk.Tests.Api;

/// <summary>
/// A database of the test's own on the engine under test: a new SQLite file in a folder of its own, or a new
/// database on the shared throwaway PostgreSQL server; dropped by whoever created it.
/// </summary>
internal sealed class TestDatabase
{
    readonly string? server;
    readonly string? name;
    readonly string? folder;

    TestDatabase(string? server, string? name, string? folder, string connectionString) =>
        (this.server, this.name, this.folder, ConnectionString) = (server, name, folder, connectionString);

    public string ConnectionString { get; }

    public static TestDatabase Create(string engine)
    {
        if (engine == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "desk-tests", "db-" + Guid.NewGuid().ToString("n"));
            return new TestDatabase(null, null, folder, $"Data Source={Path.Combine(folder, "desk.db")};Default Timeout=30");
        }
        if (engine != "postgres")
            throw new InvalidOperationException($"DESK_TEST_ENGINE={engine}: the tests run on sqlite or postgres.");
        var server = Environment.GetEnvironmentVariable("DESK_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DESK_TEST_ENGINE=postgres needs DESK_TEST_POSTGRES: run the README test command (test.sh starts one).");
        var name = "desk_" + Guid.NewGuid().ToString("n");
        using (var admin = new NpgsqlConnection(server + ";Database=postgres;Pooling=false"))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"create database {name}", admin);
            create.ExecuteNonQuery();
        }
        return new TestDatabase(server, name, null, $"{server};Database={name};Maximum Pool Size=20");
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
        using var admin = new NpgsqlConnection(server + ";Database=postgres;Pooling=false");
        admin.Open();
        using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
        drop.ExecuteNonQuery();
    }
}
