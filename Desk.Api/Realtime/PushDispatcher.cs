using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Desk.Api.Realtime;

/// <summary>
/// Hands the desk's pushes to the hub in the order they were committed, away from the request that committed them:
/// a slow or stalled console never holds up intake. One reader keeps the order (SignalR queues a connection's writes
/// in the order they were started), and at most <see cref="RealtimeOptions.PushesInFlight"/> pushes are on their way
/// (one through Redis).
/// When the queue is full a push is dropped and counted, and once the queue has room again every console is told to
/// reload what it shows (<see cref="IDeskClient.Resync"/>), every portal page too. The portal's pushes
/// (<see cref="Portal.PortalHub"/>) share the queue, so they keep the commit order with the console's.
/// A push that cannot be published (Redis away) is lost for every page; once a publish succeeds again, or Redis's
/// connection is restored, every page of every node is told to reload (<see cref="LostPushes"/>).
/// </summary>
internal sealed partial class PushDispatcher : BackgroundService
{
    readonly IHubContext<DeskHub, IDeskClient> hub;
    readonly IHubContext<Portal.PortalHub, Portal.IPortalClient> portal;
    readonly RealtimeOptions options;
    readonly ILogger<PushDispatcher> logger;
    readonly Channel<Push> queue;
    readonly Telemetry.DeskMetrics metrics;
    readonly int inFlightLimit;
    readonly IConnectionMultiplexer? redis;
    readonly LostPushes lost;
    long dropped;
    int resyncOwed;
    int resyncQueued;
    // Stalled pushes not yet logged, and when they last were: one line per StalledLogInterval, not one per push.
    int stalledUnlogged;
    long stalledLoggedAt;

    static readonly TimeSpan StalledLogInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a Resync still owed is tried, for when nothing else is pushed; and how long Redis must be back first, so
    /// that every node has subscribed again (a publish reaches only the subscribed).
    /// </summary>
    static readonly TimeSpan ResyncRetry = TimeSpan.FromSeconds(1);

    long restoredAt;

    public PushDispatcher(
        IHubContext<DeskHub, IDeskClient> hub, IHubContext<Portal.PortalHub, Portal.IPortalClient> portal, HubLifetimeManager<DeskHub> lifetime,
        IOptions<RealtimeOptions> options, Telemetry.DeskMetrics metrics, ILogger<PushDispatcher> logger, IConnectionMultiplexer? redis = null)
    {
        (this.hub, this.portal, this.redis) = (hub, portal, redis);
        this.options = options.Value;
        this.logger = logger;
        lost = new LostPushes(logger);
        // Through Redis a push to two groups is two publishes, the second after the first is answered: two pushes on
        // their way at once could reach the second group out of order. A publish waits for Redis, not for consoles.
        inFlightLimit = lifetime is DefaultHubLifetimeManager<DeskHub> ? this.options.PushesInFlight : 1;
        queue = Channel.CreateBounded<Push>(new BoundedChannelOptions(this.options.PushQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite says no instead of waiting; Enqueue never waits
        });
        this.metrics = metrics;
        metrics.ObservePushQueue(() => queue.Reader.Count);
    }

    /// <summary>Pushes dropped since start-up because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Queues a push; returns at once. Call it after the commit.</summary>
    public void Enqueue(string what, Func<IHubClients<IDeskClient>, Task> send) => Write(what, () => send(hub.Clients));

    /// <summary>Queues a push to portal pages; returns at once. Call it after the commit.</summary>
    public void EnqueuePortal(string what, Func<IHubClients<Portal.IPortalClient>, Task> send) => Write($"Portal{what}", () => send(portal.Clients));

    void Write(string what, Func<Task> send)
    {
        if (queue.Writer.TryWrite(new Push(what, send, Stopwatch.GetTimestamp())))
            return;
        Interlocked.Increment(ref dropped);
        metrics.PushesDropped.Add(1, new KeyValuePair<string, object?>(Telemetry.DeskMetrics.Tags.Push, what));
        if (Interlocked.Exchange(ref resyncOwed, 1) == 0)
            LogQueueFull(options.PushQueueCapacity, what);
    }

    /// <summary>A push sent past this queue (the board's) that could not be published: every page reloads once pushes go through.</summary>
    public void Lost(string what, Exception failure) => lost.Add(what, failure);

    /// <summary>Queues a Resync to every page, unless one is queued already; returns at once.</summary>
    void OweResync()
    {
        if (Interlocked.Exchange(ref resyncQueued, 1) == 1)
            return;
        var now = Stopwatch.GetTimestamp();
        if (queue.Writer.TryWrite(new Push(nameof(IDeskClient.Resync), SendResyncAsync, now)))
            return;
        Volatile.Write(ref resyncQueued, 0);
        Interlocked.Exchange(ref resyncOwed, 1); // the queue is full: the full queue's Resync comes once it has room
    }

    Task SendResyncAsync() => Task.WhenAll(hub.Clients.All.Resync(), portal.Clients.All.Resync());

    /// <summary>Tries a Resync still owed every <see cref="ResyncRetry"/>, once Redis has been back that long.</summary>
    async Task RetryResyncAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(ResyncRetry);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            if (lost.Owed && Back)
                OweResync();
        }
    }

    bool Back => redis is not { IsConnected: false } && Stopwatch.GetElapsedTime(Interlocked.Read(ref restoredAt)) >= ResyncRetry;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var inFlight = new Queue<(Task Sent, long StartedAt)>();
        if (redis is not null)
        {
            redis.ConnectionFailed += (_, e) => lost.Disconnected(e.FailureType);
            redis.ConnectionRestored += (_, _) => Interlocked.Exchange(ref restoredAt, Stopwatch.GetTimestamp());
        }
        var retrying = RetryResyncAsync(stopping);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping))
            {
                while (queue.Reader.TryRead(out var push))
                {
                    await MakeRoomAsync(inFlight, stopping);
                    metrics.PushLag.Record(Stopwatch.GetElapsedTime(push.QueuedAt).TotalSeconds,
                        new KeyValuePair<string, object?>(Telemetry.DeskMetrics.Tags.Push, push.What));
                    inFlight.Enqueue((SendAsync(push), Stopwatch.GetTimestamp()));
                    if (Volatile.Read(ref resyncOwed) == 1 && queue.Reader.Count <= options.PushQueueCapacity / 2
                        && Interlocked.Exchange(ref resyncOwed, 0) == 1)
                    {
                        await MakeRoomAsync(inFlight, stopping);
                        var now = Stopwatch.GetTimestamp();
                        inFlight.Enqueue((SendAsync(new Push(nameof(IDeskClient.Resync), SendResyncAsync, now)), now));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        try
        {
            await retrying;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits until fewer than the allowed pushes are on their way, giving up on those stalled too long.</summary>
    async Task MakeRoomAsync(Queue<(Task Sent, long StartedAt)> inFlight, CancellationToken stopping)
    {
        while (true)
        {
            while (inFlight.TryPeek(out var oldest) && oldest.Sent.IsCompleted)
                inFlight.Dequeue();
            if (inFlight.Count < inFlightLimit)
                return;
            var (sent, startedAt) = inFlight.Peek();
            var left = options.StalledPushAfter - Stopwatch.GetElapsedTime(startedAt);
            if (left > TimeSpan.Zero)
                await Task.WhenAny(sent, Task.Delay(left, stopping));
            stopping.ThrowIfCancellationRequested();
            if (sent.IsCompleted)
                continue;
            // The oldest is stuck behind a console that stopped reading: let it and its peers finish on their own. The
            // oldest counts whatever the clock says now: the delay may end a hair before StalledPushAfter by Stopwatch.
            inFlight.Dequeue();
            var abandoned = 1;
            while (inFlight.TryPeek(out var next) && Stopwatch.GetElapsedTime(next.StartedAt) >= options.StalledPushAfter)
            {
                inFlight.Dequeue();
                abandoned++;
            }
            stalledUnlogged += abandoned;
            if (stalledLoggedAt == 0 || Stopwatch.GetElapsedTime(stalledLoggedAt) >= StalledLogInterval)
            {
                LogStalled(stalledUnlogged, options.StalledPushAfter, StalledLogInterval);
                (stalledUnlogged, stalledLoggedAt) = (0, Stopwatch.GetTimestamp());
            }
        }
    }

    async Task SendAsync(Push push)
    {
        var resync = push.What == nameof(IDeskClient.Resync);
        if (resync)
            Volatile.Write(ref resyncQueued, 0);
        // Away, a publish waits out the client's timeout (5 s) and fails: fail at once instead.
        if (redis is { IsConnected: false })
        {
            lost.Add(push.What, null);
            return;
        }
        var mark = lost.Mark;
        try
        {
            await push.Send();
        }
        catch (Exception e)
        {
            lost.Add(push.What, e); // the change is stored; the pages reload when told to, once pushes go through again
            return;
        }
        if (resync)
            lost.Resynced(mark);
        else if (lost.Owed && Back)
            OweResync();
    }

    /// <param name="QueuedAt">When it was queued, right after its commit: the start of <c>desk.push.lag</c>.</param>
    readonly record struct Push(string What, Func<Task> Send, long QueuedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The push queue is full ({Capacity}): {What} and later pushes are dropped until it has room, then the consoles are told to reload")]
    partial void LogQueueFull(int capacity, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} pushes were not delivered to every console within {After}; no longer waiting for them (said at most once per {Every})")]
    partial void LogStalled(int count, TimeSpan after, TimeSpan every);
}
