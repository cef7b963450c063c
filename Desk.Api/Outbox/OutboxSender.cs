using System.Collections.Concurrent;
using System.Threading.Channels;
using Desk.Api.Operations;
using Desk.Api.Realtime;
using Microsoft.Extensions.Options;

namespace Desk.Api.Outbox;

/// <summary>
/// Delivers the outbox: woken when this node writes a message (<see cref="Wake"/>) or finishes a send, and every
/// <see cref="OutboxOptions.PollInterval"/> for messages written on other nodes and retries that fall due. Each message
/// is sent on its own, at most <see cref="OutboxOptions.BatchSize"/> at once, so a connector that takes its whole
/// timeout to answer holds up only its own conversation, not every other channel's messages.
/// </summary>
internal sealed partial class OutboxSender(
    OutboxStore store, IEnumerable<IDeskChannel> channels, DeskNotifier notifier, IOptionsMonitor<OutboxOptions> options,
    TimeProvider clock, ILogger<OutboxSender> logger) : BackgroundService
{
    readonly Channel<bool> woken = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly Dictionary<string, IDeskChannel> byName = channels.ToDictionary(c => c.Name);
    readonly FailureStreak failures = new("The outbox sender", logger, clock);
    readonly ConcurrentDictionary<long, Task> sending = new();

    /// <summary>Called after a transaction that wrote to the outbox commits.</summary>
    public void Wake() => woken.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!options.CurrentValue.Enabled)
        {
            LogDisabled();
            return;
        }
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var started = await StartDueAsync(stopping);
                failures.Worked();
                if (started > 0)
                    continue; // more may be due right away
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                failures.Failed(e);
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wait.CancelAfter(options.CurrentValue.PollInterval);
            try
            {
                await woken.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
            }
        }
        // What was sent is recorded before the node stops, so it does not stay "sending".
        await Task.WhenAll(sending.Values);
    }

    /// <summary>Marks what a stopped node left, then starts sending what is due, as many as there is room for.</summary>
    async Task<int> StartDueAsync(CancellationToken ct)
    {
        foreach (var change in await store.ReleaseAbandonedAsync(clock.GetUtcNow(), ct))
            await notifier.DeliveryChangedAsync(change);
        var room = options.CurrentValue.BatchSize - sending.Count;
        if (room <= 0)
            return 0;
        // The claim takes only the first due message of each address, so these may all go at once.
        var due = await store.ClaimDueAsync(room, clock.GetUtcNow(), ct);
        foreach (var message in due)
        {
            var send = SendThenWakeAsync(message, ct);
            sending[message.Id] = send;
            if (send.IsCompleted)
                sending.TryRemove(message.Id, out _);
        }
        return due.Count;
    }

    async Task SendThenWakeAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await SendAsync(message, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Not recorded: the message stays "sending" until its lease ends, then reads unknown, never sent twice.
            failures.Failed(e);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The node is stopping: left "sending", it reads unknown once its lease ends. A send never faults the loop's wait at stop.
        }
        finally
        {
            sending.TryRemove(message.Id, out _);
            Wake(); // the next message of its conversation may go now, and there is room for one more
        }
    }

    async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        DeliveryResult result;
        if (!byName.TryGetValue(message.Channel, out var channel))
            result = new DeliveryResult.Failed($"No channel called '{message.Channel}' is installed.");
        else
        {
            try
            {
                result = await channel.SendAsync(message, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The channel may have got it before it threw: do not send it again.
                LogSendThrew(e, message.Channel);
                result = new DeliveryResult.Unknown("The channel failed while sending it.");
            }
        }
        if (result is not DeliveryResult.Delivered)
            LogNotDelivered(message.Channel, message.Id, result.GetType().Name.ToLowerInvariant(), message.Attempts);
        // Recorded even when the desk is stopping: what was sent must not stay "sending".
        if (await store.CompleteAsync(message, result, clock.GetUtcNow(), CancellationToken.None) is { } change)
            await notifier.DeliveryChangedAsync(change);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox:Enabled is false: this node sends no messages to users; another node must.")]
    partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} channel threw while sending")]
    partial void LogSendThrew(Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} on {Channel} not delivered ({Result}, try {Attempts})")]
    partial void LogNotDelivered(string channel, long id, string result, int attempts);
}
