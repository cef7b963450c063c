using Desk.Api.Board;
using Desk.Api.Conversations;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Desk.Api.Surveys;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Realtime;

/// <summary>
/// Pushes to the console after a transaction commits; endpoints and jobs share it. A push that fails is
/// logged, never thrown: the query is stored, and clients catch up on their next load.
/// </summary>
internal sealed partial class DeskNotifier(IHubContext<DeskHub, IDeskClient> hub, BoardTally board, ILogger<DeskNotifier> logger)
{
    public async Task QueryCreatedAsync(QuerySummary query)
    {
        await Push(nameof(IDeskClient.QueryCreated), Audience(query.Queue).QueryCreated(query));
        await Push(nameof(IDeskClient.BoardChanged), board.QueryChangedAsync(query, created: true));
    }

    /// <summary>Also tells the queue the query left, by reference only, so its list drops it.</summary>
    public async Task QueryUpdatedAsync(QuerySummary query, string previousQueue)
    {
        await Push(nameof(IDeskClient.QueryUpdated), Audience(query.Queue).QueryUpdated(query));
        if (previousQueue != query.Queue)
            await Push(nameof(IDeskClient.QueryLeft),
                hub.Clients.Group(DeskGroups.Queue(previousQueue)).QueryLeft(new QueryMove(query.Reference, previousQueue, query.Queue)));
        await Push(nameof(IDeskClient.BoardChanged), board.QueryChangedAsync(query, created: false));
    }

    public Task TimelineAppendedAsync(TimelineEntry entry, string queue)
    {
        board.TimelineAppended(entry, queue);
        return Push(nameof(IDeskClient.TimelineAppended), Audience(queue).TimelineAppended(entry));
    }

    public Task SlaBreachedAsync(SlaBreach breach)
    {
        board.Breached(breach);
        return Push(nameof(IDeskClient.SlaBreached), Audience(breach.Queue).SlaBreached(breach));
    }

    public Task SlaWarnedAsync(SlaWarning warning)
    {
        board.Warned(warning);
        return Push(nameof(IDeskClient.SlaWarned), Audience(warning.Queue).SlaWarned(warning));
    }

    /// <summary>A conversation entered the live queue, was taken, handed back or timed out.</summary>
    public Task ConversationChangedAsync(ConversationSummary conversation) =>
        Push(nameof(IDeskClient.ConversationChanged), (conversation.Queue is { } queue
            ? Audience(queue)
            : hub.Clients.Group(DeskGroups.Supervisors)).ConversationChanged(conversation));

    /// <summary>A low score or a negative comment on a survey, to the query's queue and the supervisors.</summary>
    public Task MomentOfTruthAsync(MomentOfTruth moment) =>
        Push(nameof(IDeskClient.MomentOfTruth), Audience(moment.Queue).MomentOfTruth(moment));

    public Task DeliveryChangedAsync(DeliveryChange change) =>
        Push(nameof(IDeskClient.DeliveryChanged), Audience(change.Queue).DeliveryChanged(change));

    /// <summary>An outage concerns every queue: all staff hear of it (a link's query is pushed to its own queue apart).</summary>
    public Task OutageChangedAsync(Outages.OutageSummary outage) =>
        Push(nameof(IDeskClient.OutageChanged), hub.Clients.Groups([.. Practice.Queues.Select(q => DeskGroups.Queue(q.Queue)), DeskGroups.Supervisors])
            .OutageChanged(outage));

    IDeskClient Audience(string queue) => hub.Clients.Groups(DeskGroups.Queue(queue), DeskGroups.Supervisors);

    async Task Push(string what, Task send)
    {
        try
        {
            await send;
        }
        catch (Exception e)
        {
            LogPushFailed(e, what);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {What} to the console")]
    partial void LogPushFailed(Exception exception, string what);
}
