using Desk.Api.Realtime;

namespace Desk.Api.Board;

/// <summary>
/// Sends the board's changes to the board group in the order they were made, several at once as one push when they come
/// faster than they leave; and once a second lets time move the counts (deadlines coming near, a new day, the re-read).
/// </summary>
internal sealed partial class BoardWatch(
    BoardTally tally, Microsoft.AspNetCore.SignalR.IHubContext<DeskHub, IDeskClient> hub, PushDispatcher pushes, TimeProvider clock,
    ILogger<BoardWatch> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stopping) => Task.WhenAll(PushAsync(stopping), TickAsync(stopping));

    async Task PushAsync(CancellationToken stopping)
    {
        try
        {
            while (await tally.Pushes.WaitToReadAsync(stopping))
            {
                var batch = new List<BoardChange>();
                while (batch.Count < 500 && tally.Pushes.TryRead(out var change))
                    batch.Add(change);
                try
                {
                    await hub.Clients.Group(DeskGroups.Board).BoardChanged(Merge(batch));
                }
                catch (Exception e)
                {
                    pushes.Lost(nameof(IDeskClient.BoardChanged), e); // the boards reload when told to, once pushes go through again
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    async Task TickAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stopping);
                await tally.TickAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTickFailed(e);
            }
        }
    }

    /// <summary>Later rows replace earlier ones; feed lines are all kept, oldest first.</summary>
    internal static BoardChange Merge(IReadOnlyList<BoardChange> batch) => batch.Count == 1 ? batch[0] : new BoardChange(
        batch[^1].Node, batch[^1].Sequence,
        [.. batch.SelectMany(c => c.Queues).GroupBy(q => q.Queue).Select(g => g.Last())],
        [.. batch.SelectMany(c => c.Agents).GroupBy(a => a.Username).Select(g => g.Last())],
        batch.LastOrDefault(c => c.Today is not null)?.Today,
        [.. batch.SelectMany(c => c.Items)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The board's tick failed; the next one tries again")]
    partial void LogTickFailed(Exception exception);
}
