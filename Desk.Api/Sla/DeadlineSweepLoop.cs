using Microsoft.Extensions.Options;

namespace Desk.Api.Sla;

/// <summary>
/// Sweeps every <see cref="SlaOptions.SweepInterval"/> when that is under the minute Hangfire's cron can express, so a
/// breach is pushed within the interval of its deadline. Every node runs it; the sweep's distributed lock lets one at
/// a time through, and a sweep run twice records nothing twice. A later sweep may sleep until the next deadline due.
/// </summary>
internal sealed class DeadlineSweepLoop(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider clock) : BackgroundService
{
    public static bool Needed(SlaOptions sla) => sla.SweepInterval < TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            using var scope = scopes.CreateScope();
            var job = scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>();
            // A thread of its own: the sweep holds its lock on the thread that took it (see DeadlineSweepJob.Run).
            await Task.Factory.StartNew(() => job.Run(stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }
}
