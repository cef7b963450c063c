using System.Data.Common;
using Quartz;

namespace Desk.Api.Data;

/// <summary>The few things that differ between the SQL engines the desk runs on.</summary>
internal interface ISqlDialect
{
    /// <summary>The folder under database/ that holds this engine's migrations.</summary>
    string Name { get; }

    /// <summary>Points Quartz's job store at the same database, clustered where the engine allows it.</summary>
    void UseForJobs(IPersistentStoreBuilder store, string connectionString);

    /// <summary>Whether the engine takes one writer at a time (the desk then queues its writers in-process).</summary>
    bool SingleWriter { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Per-connection settings run right after open.</summary>
    string? OnOpen { get; }

    /// <summary>Gets the database ready to be migrated (SQLite: makes its folder, turns on WAL).</summary>
    void PrepareDatabase(string connectionString);
}
