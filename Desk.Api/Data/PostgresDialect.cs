using System.Data.Common;
using Npgsql;
using Quartz;

namespace Desk.Api.Data;

/// <summary>PostgreSQL: many writers under row locks, so no in-process gate; Quartz runs clustered across nodes.</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    public string Name => "postgres";

    public void UseForJobs(IPersistentStoreBuilder store, string connectionString)
    {
        store.UseClustering();
        store.UsePostgres(connectionString);
    }

    public bool SingleWriter => false;

    public DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public string? OnOpen => null;

    public void PrepareDatabase(string connectionString)
    {
    }

    public string InsertIgnoringConflict(string table, string columns, string values, string conflictColumns) => $"""
        insert into {table} ({columns})
        values ({values})
        on conflict ({conflictColumns}) do nothing
        """;

    public string InList(string column, string parameter) => $"{column} = any(@{parameter})";

    public string Quote(string identifier) => $"\"{identifier}\"";

    public string Limit(string parameter) => $"limit @{parameter}";

    public string Exists(string subquery) => $"select exists ({subquery})";

    public string ReturningId(string column = "id") => $"returning {column}";

    public string MigrationsTable => """
        create table if not exists schema_migrations (
            id text primary key,
            checksum text not null,
            applied_at timestamptz not null
        )
        """;

    // Held to the end of the migration's transaction: a second node starting at once waits, then finds it applied.
    public string? MigrationLock => "select pg_advisory_xact_lock(4242001)";
}
