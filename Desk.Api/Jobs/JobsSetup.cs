using Desk.Api.Classification;
using Desk.Api.Data;
using Desk.Api.Sla;
using Quartz;

namespace Desk.Api.Jobs;

/// <summary>
/// Quartz.NET in the host, on its persistent AdoJobStore in the desk's own database (clustered where the engine allows).
/// Its tables come from our migrations (0002_quartz_schema), never from the scheduler at run time.
/// </summary>
internal static class JobsSetup
{
    public static IServiceCollection AddDeskJobs(
        this IServiceCollection services, IConfiguration configuration, ISqlDialect dialect, DatabaseOptions database)
    {
        var sla = configuration.GetSection(SlaOptions.Section).Get<SlaOptions>() ?? new SlaOptions();
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store => dialect.UseForJobs(store, database.ConnectionString));
            q.AddJob<DeadlineSweepJob>(j => j.WithIdentity(DeadlineSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(DeadlineSweepJob.Key)
                .WithIdentity("deadline-sweep-every", "sla")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(sla.SweepInterval).RepeatForever()));
            q.AddRetrainJob(configuration);
            q.AddQuartzHealthChecks(h => h.Name = "scheduler");
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        return services;
    }
}
