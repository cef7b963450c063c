using Desk.Api.Queries;
using Desk.Api.Realtime;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Desk.Api.Sla;

/// <summary>
/// Records each missed deadline once, on the timeline, and pushes it. Hangfire runs it as a recurring job (at least
/// once: a second run finds each breach marked and records nothing again); <see cref="DeadlineSweepLoop"/> runs it
/// between, when <see cref="SlaOptions.SweepInterval"/> is finer than Hangfire's one-minute grid.
/// </summary>
internal sealed partial class DeadlineSweepJob(
    SlaStore store, DeskNotifier notifier, JobStorage jobs, IOptionsMonitor<SlaOptions> options, TimeProvider clock,
    ILogger<DeadlineSweepJob> logger)
{
    public const string Id = "deadline-sweep";

    public const string LockName = "desk:" + Id;

    /// <summary>
    /// One sweep, unless another node (or the loop) is sweeping now. Synchronous on purpose: some of Hangfire's
    /// storages keep a lock with the thread that took it, so it is taken, held and released on this one.
    /// Returns how many breaches it recorded.
    /// </summary>
    [AutomaticRetry(Attempts = 0)] // the next run is the retry
    public int Run(CancellationToken ct)
    {
        try
        {
            using var connection = jobs.GetConnection();
            using var held = TryLock(connection);
            if (held is null)
                return 0;
            var recorded = SweepAsync(ct).GetAwaiter().GetResult();
            if (recorded > 0)
                LogSwept(recorded);
            return recorded;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
            return 0;
        }
    }

    /// <summary>The sweep's lock, or null while another node (or this one's loop) sweeps.</summary>
    static IDisposable? TryLock(IStorageConnection connection)
    {
        try
        {
            return connection.AcquireDistributedLock(LockName, TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            return null;
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
                // Marked only where still unmarked, in the transaction that writes the timeline: once, whoever runs.
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
