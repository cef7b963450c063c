using Quartz;

namespace Desk.Api.Classification;

/// <summary>On the ClassifierTraining interval: retrain when enough new labelled examples arrived, promote if no worse.</summary>
[DisallowConcurrentExecution]
internal sealed partial class RetrainJob(Retraining retraining, ILogger<RetrainJob> logger) : IJob
{
    public static readonly JobKey Key = new("classifier-retrain", "classifier");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            if (await retraining.RunAsync(ModelVersions.SystemActor, force: false, wait: false, ct) is null)
                LogBusy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled classifier retraining skipped: a run started on demand is still going")]
    partial void LogBusy();

    [LoggerMessage(Level = LogLevel.Error, Message = "Classifier retraining failed; the active model is unchanged and the next run retries")]
    partial void LogFailed(Exception exception);
}
