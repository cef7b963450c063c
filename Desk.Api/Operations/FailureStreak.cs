namespace Desk.Api.Operations;

/// <summary>
/// Logs a background loop's failures without flooding the log: the first with its exception, then, while they go on, at
/// most one line per <see cref="Every"/> saying so, and one line when the loop works again. With the database down the
/// deadline sweep and the outbox each logged a stack trace a second (about 3,000 lines per node per minute).
/// </summary>
internal sealed partial class FailureStreak(string loop, ILogger logger, TimeProvider clock)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    readonly Lock gate = new();
    int failures;
    DateTimeOffset since, said;

    public void Failed(Exception e)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (failures++ == 0)
            {
                (since, said) = (now, now);
                LogFirst(e, loop);
            }
            else if (now - said >= Every)
            {
                said = now;
                LogStill(loop, failures, since, e.Message);
            }
        }
    }

    public void Worked()
    {
        lock (gate)
        {
            if (failures == 0)
                return;
            LogWorks(loop, failures, clock.GetUtcNow() - since);
            failures = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop} failed; it keeps trying")]
    partial void LogFirst(Exception exception, string loop);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Loop} still fails: {Failures} failures since {Since:u} (last: {Reason})")]
    partial void LogStill(string loop, int failures, DateTimeOffset since, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Loop} works again, after {Failures} failures over {Duration}")]
    partial void LogWorks(string loop, int failures, TimeSpan duration);
}
