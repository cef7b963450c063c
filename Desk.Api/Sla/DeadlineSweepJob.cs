using Desk.Api.Queries;
using Desk.Api.Realtime;
using Microsoft.Extensions.Options;
using Quartz;

namespace Desk.Api.Sla;

/// <summary>Every few seconds: record each missed deadline once, on the timeline, and push it.</summary>
[DisallowConcurrentExecution]
internal sealed partial class DeadlineSweepJob(
    SlaStore store, DeskNotifier notifier, IOptionsMonitor<SlaOptions> options, TimeProvider clock,
    ILogger<DeadlineSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("deadline-sweep", "sla");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            var recorded = await SweepAsync(ct);
            if (recorded > 0)
                LogSwept(recorded);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    /// <summary>Works through everything due, batch by batch; returns how many breaches it recorded.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var recorded = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await store.GetDueDeadlinesAsync(now, options.CurrentValue.SweepBatchSize, ct);
            foreach (var deadline in due)
            {
                if (await store.RecordBreachAsync(deadline, now, ct) is not { } breach)
                    continue;
                var (entry, query) = breach;
                recorded++;
                await notifier.SlaBreachedAsync(new SlaBreach(deadline.Reference, deadline.Queue, deadline.Kind, deadline.DueAt, now));
                await notifier.TimelineAppendedAsync(entry, deadline.Queue);
                await notifier.QueryUpdatedAsync(query.ToSummary(), query.Queue);
            }
            if (due.Count < options.CurrentValue.SweepBatchSize)
                return recorded;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep recorded {Count} SLA breaches")]
    partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep failed; the next run retries")]
    partial void LogFailed(Exception exception);
}
