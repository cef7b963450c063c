using System.Data.Common;
using Npgsql;

namespace Desk.Api.Data;

/// <summary>PostgreSQL: many writers under row locks, so no in-process gate.</summary>
internal sealed class PostgresDialect : PostgresStyleDialect
{
    public override string Name => "postgres";

    public override bool SingleWriter => false;

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override string? OnOpen => null;

    public override void PrepareDatabase(string connectionString)
    {
    }

    public override string InList(string column, string parameter) => $"{column} = any(@{parameter})";

    public override string MigrationsTable => """
        create table if not exists schema_migrations (
            id text primary key,
            checksum text not null,
            applied_at timestamptz not null
        )
        """;

    // Held to the end of the migration's transaction: a second node starting at once waits, then finds it applied.
    public override string? MigrationLock => "select pg_advisory_xact_lock(4242001)";

    public override string? BatchLock => "select pg_advisory_xact_lock(4242002)";
}
