using System.Diagnostics.Metrics;
using Desk.Api.Board;
using Desk.Api.Outbox;
using Microsoft.Extensions.Options;

namespace Desk.Api.Telemetry;

/// <summary>
/// The figures that are states rather than events, for a node that exports: queue lengths from the board's counts
/// (kept move by move, so a scrape costs the same at any number of open queries; warmed here at start-up) and the
/// outbox backlog, read from the database every <see cref="TelemetryOptions.SampleInterval"/> so no scrape waits for it.
/// </summary>
internal sealed partial class DeskGauges : BackgroundService
{
    static readonly (string State, Func<QueueBoard, int> Count)[] States =
    [
        ("on_track", q => q.Open - q.AtRisk - q.Breached),
        ("at_risk", q => q.AtRisk),
        ("breached", q => q.Breached),
    ];

    readonly BoardTally board;
    readonly OutboxStore outbox;
    readonly TelemetryOptions options;
    readonly TimeProvider clock;
    readonly ILogger<DeskGauges> logger;
    OutboxStore.Backlog? backlog;

    public DeskGauges(BoardTally board, OutboxStore outbox, DeskMetrics metrics, IOptions<TelemetryOptions> options, TimeProvider clock,
        ILogger<DeskGauges> logger)
    {
        (this.board, this.outbox, this.options, this.clock, this.logger) = (board, outbox, options.Value, clock, logger);
        metrics.ObserveQueueLengths(QueueLengths);
        metrics.ObserveOutboxBacklog(OutboxBacklog);
    }

    IEnumerable<Measurement<long>> QueueLengths() =>
        from queue in board.QueueRows()
        from state in States
        select new Measurement<long>(state.Count(queue),
            new KeyValuePair<string, object?>(DeskMetrics.Tags.Queue, queue.Queue),
            new KeyValuePair<string, object?>(DeskMetrics.Tags.SlaState, state.State));

    IEnumerable<Measurement<long>> OutboxBacklog() => Volatile.Read(ref backlog) is { } b
        ? [new(b.Waiting, new KeyValuePair<string, object?>(DeskMetrics.Tags.OutboxState, "waiting")),
           new(b.Sending, new KeyValuePair<string, object?>(DeskMetrics.Tags.OutboxState, "sending"))]
        : [];

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        try
        {
            await board.WarmAsync(stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmFailed(e); // the board's own re-read, or its first viewer, fills the counts later
        }
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Volatile.Write(ref backlog, await outbox.BacklogAsync(stopping));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(e); // the figure already read stays shown
            }
            try
            {
                await Task.Delay(options.SampleInterval, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the board's counts for the queue lengths; they show once the board reads them")]
    partial void LogWarmFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the outbox backlog; the next sample tries again")]
    partial void LogSampleFailed(Exception exception);
}
