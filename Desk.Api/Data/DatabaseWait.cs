using Microsoft.Extensions.Options;

namespace Desk.Api.Data;

/// <summary>
/// The first thing a node does: waits until its database answers, for at most <see cref="DatabaseOptions.StartupWait"/>,
/// before the seconds of work that come before the migrations (the classifier's training). A database that stays out of
/// reach, or refuses the connection string, stops the start-up with one line that says what to check, not a stack trace.
/// </summary>
internal sealed partial class DatabaseWait(DeskDb db, IOptions<DatabaseOptions> options, ILogger<DatabaseWait> logger)
{
    static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>True once the database answers; false (having said why) when it did not within the wait.</summary>
    public async Task<bool> UntilReachableAsync(CancellationToken ct)
    {
        var wait = options.Value.StartupWait;
        var until = DateTimeOffset.UtcNow + wait; // the wall clock: the desk's own clock may be a test's
        var said = false;
        while (true)
        {
            try
            {
                db.Dialect.PrepareDatabase(db.ConnectionString); // SQLite: its folder and file first, or opening fails
                await using var connection = await db.OpenAsync(ct);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var left = until - DateTimeOffset.UtcNow;
                if (!DatabaseUnreachable.Is(e) || left <= TimeSpan.Zero)
                {
                    LogGaveUp(options.Value.Provider, wait, Reason(e));
                    return false;
                }
                if (!said)
                    LogWaiting(options.Value.Provider, wait, Reason(e));
                said = true;
                await Task.Delay(left < Pause ? left : Pause, ct);
            }
        }
    }

    static string Reason(Exception e) => e.Message.ReplaceLineEndings(" ");

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Waiting up to {Wait} (Database:StartupWait) for the {Provider} database to answer: {Reason}")]
    partial void LogWaiting(string provider, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Cannot start: no connection to the {Provider} database after waiting up to {Wait} (Database:StartupWait): {Reason}. Check Database:ConnectionString and that the database is up.")]
    partial void LogGaveUp(string provider, TimeSpan wait, string reason);
}
