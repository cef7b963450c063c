using System.Data.Common;

namespace Desk.Api.Data;

/// <summary>
/// The statements SQLite took from PostgreSQL word for word (limit, exists, on conflict do nothing, returning,
/// double-quoted identifiers); each engine adds what is its own.
/// </summary>
internal abstract class PostgresStyleDialect : ISqlDialect
{
    public abstract string Name { get; }

    public abstract bool SingleWriter { get; }

    public abstract string? OnOpen { get; }

    public abstract string MigrationsTable { get; }

    public abstract string? MigrationLock { get; }

    public abstract string? BatchLock { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    public abstract void PrepareDatabase(string connectionString);

    public abstract string InList(string column, string parameter);

    public string InsertIgnoringConflict(string table, string columns, string values, string conflictColumns) => $"""
        insert into {table} ({columns})
        values ({values})
        on conflict ({conflictColumns}) do nothing
        """;

    public string Quote(string identifier) => $"\"{identifier}\"";

    public string Limit(string parameter) => $"limit @{parameter}";

    public string LimitAnyOrder(string parameter) => Limit(parameter);

    public string Page(string offset, string limit) => $"limit @{limit} offset @{offset}";

    public string Exists(string subquery) => $"select exists ({subquery})";

    public string ReturningId(string column = "id") => $"returning {column}";

    public string UpdateReturning(string table, string set, string where, string column) =>
        $"update {table} set {set} where {where} returning {column}";
}
