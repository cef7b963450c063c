using StackExchange.Redis;

namespace Desk.Api.Realtime;

/// <summary>
/// What <see cref="PushDispatcher"/> owes the pages after Redis was away: pushes it could not publish (through the
/// backplane not even this node's own consoles get them), and, when this node's connection dropped, the other nodes'
/// pushes its consoles missed. The changes are stored, so one <see cref="IDeskClient.Resync"/> to every page makes good
/// for all of them. Logged once per outage: the first failure (with its exception), then the count when it is over.
/// </summary>
internal sealed partial class LostPushes(ILogger logger)
{
    long owed;   // pushes lost and connections dropped since the last Resync went out
    long pushes; // how many of them were pushes, for the log

    public bool Owed => Interlocked.Read(ref owed) > 0;

    /// <summary>What a Resync sent now makes good: pass it to <see cref="Resynced"/> once it went out.</summary>
    public long Mark => Interlocked.Read(ref owed);

    public void Add(string what, Exception? failure)
    {
        Interlocked.Increment(ref pushes);
        if (Interlocked.Increment(ref owed) == 1)
            LogFirst(failure, what, failure?.GetType().Name ?? "Redis is not connected");
    }

    public void Disconnected(ConnectionFailureType failure)
    {
        if (Interlocked.Increment(ref owed) == 1)
            LogDisconnected(failure);
    }

    /// <summary>A Resync went out; what was lost since <paramref name="mark"/> is still owed one.</summary>
    public void Resynced(long mark)
    {
        if (mark > 0 && Interlocked.Add(ref owed, -mark) == 0)
            LogResynced(Interlocked.Exchange(ref pushes, 0));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {What} to the consoles ({Reason}); later pushes that fail are counted, "
        + "and every console, board and portal page is told to reload once pushes go through again")]
    partial void LogFirst(Exception? exception, string what, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to Redis ({Failure}): no console hears the other nodes' pushes "
        + "until it is back; then every console, board and portal page is told to reload")]
    partial void LogDisconnected(ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushes go through again ({Count} were lost): every console, board and portal page was told to reload")]
    partial void LogResynced(long count);
}
