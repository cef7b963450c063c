using Microsoft.Extensions.Options;

namespace Desk.Api.Sla;

/// <summary>
/// Sweeps when the next SLA moment falls due, and at least every <see cref="SlaOptions.SweepInterval"/> (finer than the
/// minute Hangfire's cron can express). Every node runs it; the sweep's distributed lock lets one at a time through,
/// and a sweep run twice records nothing twice.
/// </summary>
internal sealed class DeadlineSweepLoop(IServiceScopeFactory scopes, SlaTimers timers, IOptions<SlaOptions> options, TimeProvider clock)
    : BackgroundService
{
    // Not sooner than this after a pass, so a clock that is due again at once cannot spin the loop.
    static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(20);

    public static bool Needed(SlaOptions sla) => sla.SweepInterval < TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            using (var scope = scopes.CreateScope())
            {
                var job = scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>();
                // A thread of its own: the sweep holds its lock on the thread that took it (see DeadlineSweepJob.Run).
                await Task.Factory.StartNew(() => job.Run(stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            // Wake when the next SLA moment falls due (one look at the index), at the latest after the interval: a
            // breach is seen within milliseconds of its deadline, and a moment set by another node within the interval.
            var wait = options.Value.SweepInterval;
            try
            {
                if (await timers.NextDueAsync(stopping) is { } next && next - clock.GetUtcNow() < wait)
                    wait = next - clock.GetUtcNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The pass itself logs what went wrong with the database; the interval is the fallback.
            }
            try
            {
                await Task.Delay(wait < Shortest ? Shortest : wait, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
