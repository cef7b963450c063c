using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Desk.Api.Board;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>
/// Shares who is online with the other nodes: this node writes the usernames it has hub connections for to its own Redis
/// key, which expires after <see cref="RedisOptions.PresenceLease"/> unless renewed, and tells the others to read again
/// (<see cref="NodeEvents"/>); each node keeps what the others wrote in <see cref="BoardPresence"/>, in memory, so that
/// routing and the board never wait on Redis. Alone (no Redis) it does nothing.
/// </summary>
/// <remarks>
/// The event carries no data and may be lost, so every node also renews its key and reads the others' every third of the
/// lease: a node that died (kill -9) drops out when its key expires. If Redis cannot be read for a whole lease, this node
/// falls back to its own connections.
/// </remarks>
internal sealed partial class NodePresence : BackgroundService
{
    public const string Changed = "presence-changed";

    readonly IConnectionMultiplexer? redis;
    readonly BoardPresence presence;
    readonly NodeEvents events;
    readonly ILogger<NodePresence> logger;
    readonly TimeSpan lease;
    readonly string node = Guid.NewGuid().ToString("n")[..12];
    readonly RedisKey nodes;
    readonly string keyPrefix;
    readonly Channel<bool> dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly SemaphoreSlim reading = new(1, 1);
    long lastRead = Stopwatch.GetTimestamp();
    bool unpublished, failing;

    public NodePresence(IConnectionMultiplexer? redis, BoardPresence presence, NodeEvents events, RedisOptions options, ILogger<NodePresence> logger)
    {
        (this.redis, this.presence, this.events, this.logger, lease) = (redis, presence, events, logger, options.PresenceLease);
        keyPrefix = $"{options.Prefix}:presence:";
        nodes = keyPrefix + "nodes";
        if (redis is null)
            return;
        presence.HereChanged += () => dirty.Writer.TryWrite(true);
        events.Subscribe(Changed, ReadAsync);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (redis is null)
            return;
        using var renew = new PeriodicTimer(lease / 3);
        var tick = renew.WaitForNextTickAsync(stopping).AsTask();
        Task<bool>? wake = null;
        try
        {
            await WriteAsync(publish: true);
            await ReadAsync(stopping);
            while (!stopping.IsCancellationRequested)
            {
                wake ??= dirty.Reader.WaitToReadAsync(stopping).AsTask();
                await Task.WhenAny(wake, tick);
                if (wake.IsCompleted)
                {
                    await wake;
                    wake = null;
                    if (dirty.Reader.TryRead(out _))
                        await WriteAsync(publish: true);
                }
                if (tick.IsCompleted)
                {
                    await tick;
                    tick = renew.WaitForNextTickAsync(stopping).AsTask();
                    await WriteAsync(publish: unpublished);
                    await ReadAsync(stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Takes this node's word out at once on a clean stop, so the others need not wait for the lease.</summary>
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (redis is null)
            return;
        await Safely(async db =>
        {
            await db.KeyDeleteAsync(keyPrefix + node);
            await db.SetRemoveAsync(nodes, node);
            await events.PublishAsync(Changed);
        }, "remove");
    }

    async Task WriteAsync(bool publish)
    {
        var here = JsonSerializer.Serialize(presence.Here);
        var written = await Safely(async db =>
        {
            // The key first: a reader that finds this node among the nodes finds its key, unless it expired.
            await db.StringSetAsync(keyPrefix + node, here, lease);
            await db.SetAddAsync(nodes, node);
        }, "write");
        unpublished = publish && !written; // the renewal publishes what this write could not
        if (written && publish)
            await events.PublishAsync(Changed);
    }

    async Task ReadAsync(CancellationToken ct)
    {
        await reading.WaitAsync(ct);
        try
        {
            List<string> online = [];
            var read = await Safely(async db =>
            {
                var others = (await db.SetMembersAsync(nodes)).Select(m => m.ToString()).Where(m => m != node).ToList();
                var said = await Task.WhenAll(others.Select(o => db.StringGetAsync(keyPrefix + o)));
                foreach (var (other, value) in others.Zip(said))
                {
                    if (value.IsNull)
                        await db.SetRemoveAsync(nodes, other); // expired: that node is gone, or writes again at its next renewal
                    else
                        online.AddRange(JsonSerializer.Deserialize<string[]>(value.ToString()) ?? []);
                }
            }, "read");
            if (read)
            {
                lastRead = Stopwatch.GetTimestamp();
                presence.OnOtherNodes(online);
            }
            else if (Stopwatch.GetElapsedTime(lastRead) > lease)
                presence.OnOtherNodes([]);
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>False when Redis did not answer; logged once until it answers again.</summary>
    async Task<bool> Safely(Func<IDatabase, Task> work, string what)
    {
        try
        {
            await work(redis!.GetDatabase());
            if (failing)
                LogRecovered();
            failing = false;
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            if (!failing)
                LogFailed(e, what);
            failing = true;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} who is online in Redis; other nodes' agents count as online until the presence lease runs out, then only this node's")]
    partial void LogFailed(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: presence is shared across nodes once more")]
    partial void LogRecovered();
}
