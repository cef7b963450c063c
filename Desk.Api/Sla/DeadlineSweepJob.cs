using Desk.Api.Operations;
using Hangfire;
using Hangfire.Storage;

namespace Desk.Api.Sla;

/// <summary>
/// Runs the SLA timer pass (<see cref="SlaTimers"/>): each warning and breach due is recorded once, on the timeline,
/// and pushed. Hangfire runs it as a recurring job (at least once: a second run finds each event recorded and records
/// nothing again); <see cref="DeadlineSweepLoop"/> runs it between, every <see cref="SlaOptions.SweepInterval"/>.
/// One per node (a singleton), so that its failures while the database is down are logged as one streak.
/// </summary>
internal sealed partial class DeadlineSweepJob(SlaTimers timers, JobStorage jobs, TimeProvider clock, ILogger<DeadlineSweepJob> logger)
{
    readonly FailureStreak failures = new("Deadline sweep", logger, clock);

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
            {
                failures.Worked(); // the lock was read: the database answers
                return 0;
            }
            var recorded = SweepAsync(ct).GetAwaiter().GetResult();
            failures.Worked();
            if (recorded > 0)
                LogSwept(recorded);
            return recorded;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Failed(e);
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

    /// <summary>Works through everything due; returns how many warnings and breaches it recorded.</summary>
    public Task<int> SweepAsync(CancellationToken ct) => timers.RunDueAsync(ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep recorded {Count} SLA warnings and breaches")]
    partial void LogSwept(int count);
}
