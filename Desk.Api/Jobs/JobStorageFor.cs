using Dapper;
using Desk.Api.Data;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Desk.Api.Jobs;

/// <summary>
/// Hangfire's storage on the desk's own engine. Hangfire creates and upgrades its own tables (its SQL stays in its
/// package); the desk's migrations know nothing of them.
/// </summary>
internal static class JobStorageFor
{
    // How soon an idle worker notices a job enqueued on any node (the dashboard's "trigger now", the retrain at start).
    static readonly TimeSpan QueuePoll = TimeSpan.FromSeconds(1);

    public static JobStorage Create(ISqlDialect dialect, string connectionString) => dialect switch
    {
        SqliteDialect => Sqlite(connectionString),
        PostgresDialect => UnderMigrationLock(dialect, connectionString, () => Postgres(connectionString)),
        SqlServerDialect => UnderMigrationLock(dialect, connectionString, () => SqlServer(connectionString)),
        _ => throw new InvalidOperationException($"No job storage for the {dialect.Name} engine."),
    };

    /// <summary>
    /// The desk's file with ".jobs.db" for ".db": a file of its own, beside the desk's. Hangfire.Storage.SQLite sets
    /// the file's journal mode on every connection it opens (out of WAL, by default) and writes its heartbeats, queue
    /// polls and locks outside the desk's single-writer gate; in a file of its own neither can touch the desk's writes.
    /// </summary>
    public static string SqliteFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (file is "" or ":memory:")
            throw new InvalidOperationException("Jobs on SQLite need the desk's database in a file (Database:ConnectionString 'Data Source=…').");
        return Path.ChangeExtension(Path.GetFullPath(file), ".jobs.db");
    }

    static SQLiteStorage Sqlite(string connectionString)
    {
        var file = SqliteFile(connectionString);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new SQLiteStorage(file, new SQLiteStorageOptions
        {
            // WAL, like the desk's own file: the dashboard and the queue polls read beside a worker that writes.
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
            QueuePollInterval = QueuePoll,
            // A job a dead node had taken runs again after this (the desk's jobs take seconds at most).
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        });
    }

    /// <summary>Its own schema in the desk's database, so every node on that database shares one set of jobs and locks.</summary>
    static PostgreSqlStorage Postgres(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = QueuePoll,
            // A job a dead node had taken runs again as soon as its heartbeat stops, not half an hour later.
            UseSlidingInvisibilityTimeout = true,
            // A lock row outlives a node that died holding it by this much (the sweep's lock among them).
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(OwnPool(connectionString), options), options);
    }

    static SqlServerStorage SqlServer(string connectionString) =>
        new(() => new SqlConnection(connectionString), new SqlServerStorageOptions
        {
            SchemaName = "HangFire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = QueuePoll,
        });

    /// <summary>A pool apart from the desk's, so Hangfire's connections never queue the desk's requests (and show by name).</summary>
    static string OwnPool(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "desk-jobs" : builder.ApplicationName + "-jobs";
        return builder.ConnectionString;
    }

    /// <summary>
    /// Hangfire installs its schema when the storage is made; under the desk's migration lock, nodes starting at once
    /// install it once instead of racing through the same DDL.
    /// </summary>
    static JobStorage UnderMigrationLock(ISqlDialect dialect, string connectionString, Func<JobStorage> create)
    {
        using var connection = dialect.CreateConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        if (dialect.MigrationLock is { } take)
            connection.Execute(take, transaction: transaction);
        var storage = create();
        transaction.Commit();
        return storage;
    }
}
