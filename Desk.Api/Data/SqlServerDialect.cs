using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Desk.Api.Data;

/// <summary>
/// SQL Server (Microsoft.Data.SqlClient): many writers under row locks, so no in-process gate.
/// Not yet run against a live engine here: its scripts and every statement the stores send are parsed by ScriptDom in tests.
/// </summary>
internal sealed class SqlServerDialect : ISqlDialect
{
    public string Name => "sqlserver";

    public bool SingleWriter => false;

    public DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public string? OnOpen => null;

    public void PrepareDatabase(string connectionString)
    {
    }

    // T-SQL has no "on conflict": insert only where no row holds the key yet. updlock + holdlock keep the key range locked
    // from the check to the insert, so a racing insert of the same key waits for this transaction, then finds the row.
    public string InsertIgnoringConflict(string table, string columns, string values, string conflictColumns)
    {
        var names = SplitList(columns);
        var given = SplitList(values);
        if (names.Count != given.Count)
            throw new ArgumentException($"{names.Count} columns but {given.Count} values for {table}.", nameof(values));
        var matches = SplitList(conflictColumns).Select(column =>
        {
            var at = names.IndexOf(column);
            return at >= 0
                ? $"{column} = {given[at]}"
                : throw new ArgumentException($"Conflict column {column} is not among the inserted columns.", nameof(conflictColumns));
        });
        return $"""
            insert into {table} ({columns})
            select {values}
            where not exists (select 1 from {table} with (updlock, holdlock) where {string.Join(" and ", matches)})
            """;
    }

    // Dapper spreads a list parameter after "in" into (@p1, @p2, ...).
    public string InList(string column, string parameter) => $"{column} in @{parameter}";

    public string Quote(string identifier) => $"[{identifier}]";

    // Needs an "order by" before it, as every paged select here has.
    public string Limit(string parameter) => $"offset 0 rows fetch next @{parameter} rows only";

    public string LimitAnyOrder(string parameter) => $"order by (select null) {Limit(parameter)}";

    public string Page(string offset, string limit) => $"offset @{offset} rows fetch next @{limit} rows only";

    public string Exists(string subquery) => $"select case when exists ({subquery}) then cast(1 as bit) else cast(0 as bit) end";

    // scope_identity() is the identity this statement's scope inserted; a trigger's inserts do not change it.
    public string ReturningId(string column = "id") => "; select cast(scope_identity() as bigint)";

    public string UpdateReturning(string table, string set, string where, string column) =>
        $"update {table} set {set} output inserted.{column} where {where}";

    public string MigrationsTable => """
        if object_id(N'schema_migrations', N'U') is null
            create table schema_migrations (
                id nvarchar(200) not null primary key,
                checksum nvarchar(64) not null,
                applied_at datetimeoffset(7) not null
            )
        """;

    // Released when the migration's transaction ends; a negative result (timeout, deadlock victim) stops the start-up.
    public string? MigrationLock => """
        declare @locked int;
        exec @locked = sp_getapplock @Resource = 'desk-migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction';
        if @locked < 0 throw 50001, 'Could not take the desk-migrations lock.', 1;
        """;

    public string? BatchLock => """
        declare @locked int;
        exec @locked = sp_getapplock @Resource = 'desk-group-commit', @LockMode = 'Exclusive', @LockOwner = 'Transaction';
        if @locked < 0 throw 50002, 'Could not take the desk-group-commit lock.', 1;
        """;

    /// <summary>Splits "a, b, c" on the commas outside parentheses and quotes.</summary>
    static List<string> SplitList(string list)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        var quoted = false;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '\'': quoted = !quoted; break;
                case '(' when !quoted: depth++; break;
                case ')' when !quoted: depth--; break;
                case ',' when !quoted && depth == 0:
                    parts.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(list[start..].Trim());
        return parts;
    }
}
