using System.Data.Common;

namespace Desk.Api.Data;

/// <summary>The few things that differ between the SQL engines the desk runs on.</summary>
internal interface ISqlDialect
{
    /// <summary>The folder under database/ that holds this engine's migrations.</summary>
    string Name { get; }

    /// <summary>Whether the engine takes one writer at a time (the desk then queues its writers in-process).</summary>
    bool SingleWriter { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Per-connection settings run right after open.</summary>
    string? OnOpen { get; }

    /// <summary>Gets the database ready to be migrated (SQLite: makes its folder, turns on WAL).</summary>
    void PrepareDatabase(string connectionString);

    /// <summary>
    /// An insert of one row (<paramref name="values"/> in the order of <paramref name="columns"/>) that skips a row clashing on
    /// the unique <paramref name="conflictColumns"/> instead of failing: the insert then affects no row, and the caller reads the
    /// row that won. A whole statement, because T-SQL has no clause to end an insert with for this.
    /// </summary>
    string InsertIgnoringConflict(string table, string columns, string values, string conflictColumns);

    /// <summary>
    /// <paramref name="column"/> is one of the array parameter <paramref name="parameter"/>: Dapper spreads a list into
    /// "in (...)" on most engines, but hands PostgreSQL the array itself.
    /// </summary>
    string InList(string column, string parameter);

    /// <summary>An identifier that is a reserved word somewhere (<c>key</c> on SQL Server), quoted for this engine.</summary>
    string Quote(string identifier);

    /// <summary>Ends an ordered select so that it returns at most the parameter's number of rows.</summary>
    string Limit(string parameter);

    /// <summary>Ends a select with no order (rows counted, not shown) so that it returns at most the parameter's number of rows.</summary>
    string LimitAnyOrder(string parameter);

    /// <summary>Ends an ordered select so that it skips the <paramref name="offset"/> parameter's rows and returns at most the <paramref name="limit"/> parameter's.</summary>
    string Page(string offset, string limit);

    /// <summary>A select of one boolean: whether <paramref name="subquery"/> finds a row.</summary>
    string Exists(string subquery);

    /// <summary>Ends an insert so that it returns the new row's <paramref name="column"/>.</summary>
    string ReturningId(string column = "id");

    /// <summary>
    /// An update that returns <paramref name="column"/> of each row it changed, as the update left it: one statement where
    /// an update and a select would be two.
    /// </summary>
    string UpdateReturning(string table, string set, string where, string column);

    /// <summary>The DDL of the table where the migrator records what ran.</summary>
    string MigrationsTable { get; }

    /// <summary>
    /// Run first in each migration's transaction, so that nodes starting at once apply a script once (and held while the
    /// demo data is seeded, so that they seed it once); null where
    /// the transaction itself already excludes other writers (SQLite's immediate transactions).
    /// </summary>
    string? MigrationLock { get; }

    /// <summary>
    /// Run first in each group-commit batch (<see cref="GroupCommit"/>): the batches of several nodes then take their rows
    /// one batch at a time, so two batches never wait on each other's rows (reference counters, contacts) taken in
    /// opposite orders, a deadlock the engine breaks only after a second by failing one. Null where the engine has one
    /// writer anyway (SQLite).
    /// </summary>
    string? BatchLock { get; }
}
