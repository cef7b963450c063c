using System.Collections.Concurrent;
using System.Threading.Channels;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>
/// Tells every desk node that shared state changed, so each re-reads what it keeps in memory. Alone (no Redis)
/// there is no other node and publishing does nothing.
/// </summary>
/// <remarks>
/// Redis pub/sub delivers at most once, and only to nodes connected at that moment. So an event carries no data, only
/// "re-read the database", and every subscriber also runs when this node (re)subscribes and every
/// Redis:ResyncInterval: a missed event delays a change, it never loses one.
/// </remarks>
internal sealed partial class NodeEvents(IConnectionMultiplexer? redis, RedisOptions options, ILogger<NodeEvents> logger) : BackgroundService
{
    public const string SessionsEnded = "sessions-ended";
    public const string PortalSessionsChanged = "portal-sessions-changed";
    public const string ModelActivated = "model-activated";
    public const string RetrainCancelled = "retrain-cancelled";
    public const string QueueAccessChanged = "queue-access-changed";

    const string Everything = "*";

    /// <summary>How long a publish may keep the request that made the change; Redis answers in a millisecond or two.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    readonly ConcurrentDictionary<string, ConcurrentQueue<Func<CancellationToken, Task>>> handlers = new();
    readonly Channel<string> arrived = Channel.CreateUnbounded<string>();
    readonly RedisChannel channel = RedisChannel.Literal($"{options.Prefix}:node-events");

    /// <summary>Whether other nodes may share this desk's database, so no node may trust what it remembers.</summary>
    public bool Shared => redis is not null;

    /// <summary>Whether this node hears the others now.</summary>
    public bool Listening { get; private set; }

    public void Subscribe(string kind, Func<CancellationToken, Task> handler) =>
        handlers.GetOrAdd(kind, _ => new()).Enqueue(handler);

    /// <summary>
    /// Tells every node, this one included. Never fails the caller, nor keeps it waiting on a Redis that is away (a
    /// sign-out would take the client's 5 s timeout): the change is committed already, and the others re-read it when
    /// they hear Redis again.
    /// </summary>
    public async Task PublishAsync(string kind)
    {
        if (redis is null)
            return;
        if (!redis.IsConnected)
        {
            LogNotPublished(kind);
            return;
        }
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, kind).WaitAsync(Patience);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishFailed(e, kind);
        }
    }

    public override async Task StartAsync(CancellationToken ct)
    {
        if (redis is not null)
        {
            redis.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription)
                    arrived.Writer.TryWrite(Everything);
            };
            await redis.GetSubscriber().SubscribeAsync(channel, (_, kind) => arrived.Writer.TryWrite(kind.ToString()));
            Listening = true;
            // Whatever changed between start-up reading the database and now.
            arrived.Writer.TryWrite(Everything);
        }
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (redis is null)
            return;
        using var resync = new PeriodicTimer(options.ResyncInterval);
        var tick = resync.WaitForNextTickAsync(stopping).AsTask();
        while (!stopping.IsCancellationRequested)
        {
            var read = arrived.Reader.WaitToReadAsync(stopping).AsTask();
            try
            {
                if (await Task.WhenAny(read, tick) == tick)
                {
                    await tick;
                    tick = resync.WaitForNextTickAsync(stopping).AsTask();
                    arrived.Writer.TryWrite(Everything);
                }
                await read;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            while (arrived.Reader.TryRead(out var kind))
                await DispatchAsync(kind, stopping);
        }
    }

    async Task DispatchAsync(string kind, CancellationToken ct)
    {
        var chosen = kind == Everything ? handlers.Values.SelectMany(h => h) : handlers.TryGetValue(kind, out var some) ? some : [];
        foreach (var handler in chosen)
        {
            try
            {
                await handler(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogHandlerFailed(e, kind);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell the other desk nodes '{Kind}'; they catch up within Redis:ResyncInterval")]
    partial void LogPublishFailed(Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is away: the other desk nodes hear '{Kind}' when they reconnect, or within Redis:ResyncInterval")]
    partial void LogNotPublished(string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the node event '{Kind}' failed")]
    partial void LogHandlerFailed(Exception exception, string kind);
}
