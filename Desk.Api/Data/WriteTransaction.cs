using System.Data.Common;

namespace Desk.Api.Data;

/// <summary>A connection with an open transaction, holding the engine's write gate until disposed.</summary>
internal sealed class WriteTransaction(DbConnection connection, DbTransaction transaction, SemaphoreSlim? gate, bool ownsConnection)
    : IAsyncDisposable
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    bool disposed;

    /// <summary>Ends the transaction (rolled back unless committed), closes the connection unless the caller keeps it, and frees the gate; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        try
        {
            await transaction.DisposeAsync();
            if (ownsConnection)
                await connection.DisposeAsync();
        }
        finally
        {
            gate?.Release();
        }
    }
}
