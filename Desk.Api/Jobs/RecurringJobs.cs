using Desk.Api.Classification;
using Desk.Api.Sla;
using Desk.Api.Surveys;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Desk.Api.Jobs;

/// <summary>
/// Registers the desk's recurring jobs on every start (an update when the interval changed, nothing new otherwise), and
/// asks for a retraining check at once: a restart never defers it, and it is cheap unless enough examples arrived.
/// </summary>
internal sealed partial class RecurringJobs(
    IRecurringJobManager jobs, IOptions<SlaOptions> sla, IOptions<ClassifierTrainingOptions> training, ILogger<RecurringJobs> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        var sweep = Schedules.Every(sla.Value.SweepInterval);
        var retrain = Schedules.Every(training.Value.Interval);
        jobs.AddOrUpdate<DeadlineSweepJob>(DeadlineSweepJob.Id, job => job.Run(CancellationToken.None), sweep, utc);
        jobs.AddOrUpdate<RetrainJob>(RetrainJob.Id, job => job.RunAsync(CancellationToken.None), retrain, utc);
        jobs.AddOrUpdate<SurveyJob>(SurveyJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), utc);
        jobs.Trigger(RetrainJob.Id);
        LogRegistered(sweep, retrain);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs: deadline sweep at '{Sweep}', classifier retraining at '{Retrain}' (cron, UTC)")]
    partial void LogRegistered(string sweep, string retrain);
}
