using Hangfire;

namespace Desk.Api.Classification;

/// <summary>
/// On the ClassifierTraining interval and at start: retrain when enough new labelled examples arrived, promote if no
/// worse. Safe to run twice (Hangfire runs a job at least once): one run at a time across nodes (Retraining's lock),
/// and a run right after another finds no new examples since its candidate and skips.
/// </summary>
internal sealed partial class RetrainJob(Retraining retraining, ILogger<RetrainJob> logger)
{
    public const string Id = "classifier-retrain";

    [AutomaticRetry(Attempts = 0)] // the next run is the retry
    public async Task RunAsync(CancellationToken ct)
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
