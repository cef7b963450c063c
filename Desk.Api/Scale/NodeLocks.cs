using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>A lock every node of the desk respects (a Redis key), or none at all when this node runs alone.</summary>
internal sealed class NodeLocks(IConnectionMultiplexer? redis, string prefix)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The lock, or null when another node holds it and <paramref name="wait"/> is false. A node that dies holding it
    /// keeps it until <paramref name="lease"/> runs out, so the lease is longer than the work ever takes.
    /// </summary>
    public async Task<IAsyncDisposable?> TakeAsync(string name, TimeSpan lease, bool wait, CancellationToken ct)
    {
        if (redis is null)
            return Unshared.Instance;
        var db = redis.GetDatabase();
        RedisKey key = $"{prefix}:lock:{name}";
        var holder = Guid.NewGuid().ToString("n");
        while (!await db.LockTakeAsync(key, holder, lease))
        {
            if (!wait)
                return null;
            await Task.Delay(Poll, ct);
        }
        return new Held(db, key, holder);
    }

    /// <summary>Whether some node holds the lock now; alone, always false (this node knows its own work).</summary>
    public async Task<bool> IsHeldAsync(string name) =>
        redis is not null && await redis.GetDatabase().KeyExistsAsync($"{prefix}:lock:{name}");

    sealed class Held(IDatabase db, RedisKey key, string holder) : IAsyncDisposable
    {
        // Releases only this holder's lock: one whose lease ran out may belong to another node by now.
        public async ValueTask DisposeAsync() => await db.LockReleaseAsync(key, holder);
    }

    sealed class Unshared : IAsyncDisposable
    {
        public static readonly Unshared Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
