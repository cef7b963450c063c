using Desk.Api.Operations;
using Microsoft.Extensions.Options;

namespace Desk.Api.Conversations;

/// <summary>
/// Tells users who waited too long for a person that nobody is free, and counts questions of the bot left unanswered
/// as abandoned. Every node runs it; each change re-checks under the row lock, so a conversation is handled once.
/// </summary>
internal sealed class ConversationWatch(
    ConversationStore conversations, Handoffs handoffs, IOptionsMonitor<ConversationOptions> options, TimeProvider clock,
    ILogger<ConversationWatch> logger) : BackgroundService
{
    readonly FailureStreak failures = new("The conversation watch", logger, clock);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stopping);
                failures.Worked();
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                failures.Failed(e);
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
}
