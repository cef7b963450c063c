using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.Options;

namespace Desk.Api.Data;

/// <summary>Opens connections to the desk's database: one per operation, closed when it ends.</summary>
internal sealed class DeskDb(ISqlDialect dialect, IOptions<DatabaseOptions> options)
{
    // SQLite has one writer per file; queueing writers here is far cheaper than its busy-retry sleeps.
    readonly SemaphoreSlim? writeGate = dialect.SingleWriter ? new(1, 1) : null;

    public ISqlDialect Dialect => dialect;

    public string ConnectionString { get; } = options.Value.ConnectionString;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => OpenAsync(ConnectionString, ct);

    async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = dialect.CreateConnection(connectionString);
        await connection.OpenAsync(ct);
        if (dialect.OnOpen is { } setup)
        {
            await connection.ExecuteAsync(new CommandDefinition(setup, cancellationToken: ct));
        }
        return connection;
    }

    /// <summary>Opens a connection and a transaction for writing; dispose it to end both.</summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken ct)
    {
        if (writeGate is not null)
            await writeGate.WaitAsync(ct);
        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(ct);
            return new WriteTransaction(connection, await connection.BeginTransactionAsync(ct), writeGate, ownsConnection: true);
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync();
            writeGate?.Release();
            throw;
        }
    }

    /// <summary>Takes the write gate and begins a transaction on a connection the caller keeps (the batch writer's).</summary>
    public async Task<WriteTransaction> BeginWriteAsync(DbConnection kept, CancellationToken ct)
    {
        if (writeGate is not null)
            await writeGate.WaitAsync(ct);
        try
        {
            return new WriteTransaction(kept, await kept.BeginTransactionAsync(ct), writeGate, ownsConnection: false);
        }
        catch
        {
            writeGate?.Release();
            throw;
        }
    }

    /// <summary>
    /// A connection for a writer that keeps it open (<see cref="GroupCommit"/>), keeping the statements it has run compiled:
    /// on SQLite through <see cref="PreparedStatements"/>, on PostgreSQL through Npgsql's own automatic preparation.
    /// </summary>
    public async Task<DbConnection> OpenKeptAsync(CancellationToken ct)
    {
        var connectionString = dialect is PostgresDialect
            ? new NpgsqlConnectionStringBuilder(ConnectionString) { MaxAutoPrepare = 64 }.ConnectionString
            : ConnectionString;
        var connection = await OpenAsync(connectionString, ct);
        if (connection is not SqliteConnection sqlite)
            return connection;
        // Each write in a batch runs in a savepoint, whose journal of the pages it changes SQLite otherwise keeps in a
        // temporary file: it made and wrote a file per write, several times the bytes of the WAL (issue 13).
        await using (var command = sqlite.CreateCommand())
        {
            command.CommandText = "pragma temp_store = memory;"; // SQLite's own: not through Dapper, which the T-SQL check reads
            await command.ExecuteNonQueryAsync(ct);
        }
        return new PreparedStatements(sqlite);
    }
}
