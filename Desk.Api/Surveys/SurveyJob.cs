using Hangfire;

namespace Desk.Api.Surveys;

/// <summary>
/// Runs the survey sender every minute as a Hangfire recurring job. Hangfire runs a job at least once, and two nodes
/// may run it at the same moment: each survey is claimed under its row lock and moved on with what it sends in one
/// transaction, so a second run finds nothing left to do.
/// </summary>
internal sealed partial class SurveyJob(SurveySender sender, ILogger<SurveyJob> logger)
{
    public const string Id = "survey-sender";

    [AutomaticRetry(Attempts = 0)] // the next minute's run is the retry
    public async Task<int> RunAsync(CancellationToken ct)
    {
        try
        {
            return await sender.RunDueAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The survey sender failed; the next run retries")]
    partial void LogFailed(Exception exception);
}
