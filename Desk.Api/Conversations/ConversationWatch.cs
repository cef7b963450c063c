using Microsoft.Extensions.Options;

namespace Desk.Api.Conversations;

/// <summary>
/// Tells users who waited too long for a person that nobody is free, and counts questions of the bot left unanswered
/// as abandoned. Every node runs it; each change re-checks under the row lock, so a conversation is handled once.
/// </summary>
internal sealed partial class ConversationWatch(
    ConversationStore conversations, Handoffs handoffs, IOptionsMonitor<ConversationOptions> options, TimeProvider clock,
    ILogger<ConversationWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogRoundFailed(e);
            }
            try
            {
                await Task.Delay(options.CurrentValue.WatchInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var waitedSince = clock.GetUtcNow() - settings.HandoffTimeout;
        foreach (var id in await conversations.WaitingSinceBeforeAsync(waitedSince, ct))
            await handoffs.TimeOutAsync(id, waitedSince, ct);
        var quietSince = clock.GetUtcNow() - settings.AbandonAfter;
        foreach (var id in await conversations.UnansweredSinceBeforeAsync(quietSince, ct))
            await handoffs.AbandonAsync(id, quietSince, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A conversation watch round failed; the next one tries again")]
    partial void LogRoundFailed(Exception exception);
}
