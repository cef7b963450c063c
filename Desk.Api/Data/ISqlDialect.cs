using System.Data.Common;

namespace Desk.Api.Data;

/// <summary>The few things that differ between the SQL engines the desk runs on.</summary>
internal interface ISqlDialect
{
    /// <summary>The folder under database/ that holds this engine's migrations.</summary>
    string Name { get; }

    /// <summary>The Quartz ADO provider name for the same database.</summary>
    string QuartzProvider { get; }

    /// <summary>Whether several desk nodes may share the job store (Quartz refuses clustering on SQLite).</summary>
    bool SupportsClustering { get; }

    /// <summary>Whether the engine takes one writer at a time (the desk then queues its writers in-process).</summary>
    bool SingleWriter { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Per-connection settings run right after open.</summary>
    string? OnOpen { get; }

    bool IsUniqueViolation(DbException exception);

    /// <summary>Gets the database ready to be migrated (SQLite: makes its folder, turns on WAL).</summary>
    void PrepareDatabase(string connectionString);
}
