using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Desk.Api.Data;

internal sealed class SqliteDialect : PostgresStyleDialect
{
    public override string Name => "sqlite";

    public override bool SingleWriter => true;

    public override DbConnection CreateConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        // SQLite's own lower() folds ASCII letters alone, so a search for "école" missed "ÉCOLE"; the desk's folds as .NET does.
        connection.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        return connection;
    }

    // WAL lets readers run beside the one writer. FULL syncs the WAL at every commit, so what was answered as stored
    // survives a power loss too (NORMAL only an application crash); group commit pays that once per batch (issue 13).
    public override string OnOpen => "pragma synchronous = full; pragma foreign_keys = on;";

    public override string InList(string column, string parameter) => $"{column} in @{parameter}";

    public override string MigrationsTable => """
        create table if not exists schema_migrations (
            id text primary key,
            checksum text not null,
            applied_at text not null
        )
        """;

    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is taken at begin.
    public override string? MigrationLock => null;

    public override string? BatchLock => null;

    /// <summary>Makes the file's folder and turns on WAL, which is a property of the file and sticks.</summary>
    public override void PrepareDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not (":memory:" or "") && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "pragma journal_mode = wal;";
        command.ExecuteNonQuery();
    }
}
