using Desk.Api.Board;
using Desk.Api.Conversations;
using Desk.Api.Outbox;
using Desk.Api.Portal;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Desk.Api.Surveys;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Realtime;

/// <summary>
/// Pushes to the console after a transaction commits; endpoints and jobs share it. The pushes are queued
/// (<see cref="PushDispatcher"/>), never awaited: the caller answers without waiting for any console. The board's tally
/// is told in the caller's order before it returns. A board update that fails is logged, never thrown.
/// The contact's portal pages hear <see cref="IPortalClient.QueryChanged"/> from the same calls, for what the portal shows
/// only: a new query, a change of the query itself (status, type, time frames; each moves the updated time its list
/// shows), and the timeline entries it lists (<see cref="PortalQueries.Shows"/>), so never for a note alone.
/// </summary>
internal sealed partial class DeskNotifier(
    PushDispatcher pushes, BoardTally board, PortalSessions portalSessions, Telemetry.DeskMetrics metrics, ILogger<DeskNotifier> logger)
{
    public Task QueryCreatedAsync(QuerySummary query)
    {
        metrics.TakenIn(query.Channel, query.Type); // every channel's new query passes here once, after its commit
        pushes.Enqueue(nameof(IDeskClient.QueryCreated), c => Audience(c, query.Queue).QueryCreated(query));
        ToPortal(query.ContactId, query.Reference);
        return Board(board.QueryChangedAsync(query, created: true));
    }

    /// <summary>Also tells the queue the query left, by reference only, so its list drops it.</summary>
    public Task QueryUpdatedAsync(QuerySummary query, string previousQueue)
    {
        pushes.Enqueue(nameof(IDeskClient.QueryUpdated), c => Audience(c, query.Queue).QueryUpdated(query));
        ToPortal(query.ContactId, query.Reference);
        if (previousQueue != query.Queue)
            pushes.Enqueue(nameof(IDeskClient.QueryLeft),
                c => c.Group(DeskGroups.Queue(previousQueue)).QueryLeft(new QueryMove(query.Reference, previousQueue, query.Queue)));
        return Board(board.QueryChangedAsync(query, created: false));
    }

    public Task TimelineAppendedAsync(TimelineEntry entry, string queue)
    {
        board.TimelineAppended(entry, queue);
        pushes.Enqueue(nameof(IDeskClient.TimelineAppended), c => Audience(c, queue).TimelineAppended(entry));
        if (PortalQueries.Shows(entry))
            ToPortal(entry.ContactId, entry.Reference);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A merge of contacts, or its undoing, moved queries from one to the other: both contacts' portal pages read again,
    /// and every node moves its portal connections to the contact their session stands for now.
    /// </summary>
    public Task ContactsMergedAsync(long survivor, long merged)
    {
        pushes.EnqueuePortal(nameof(IPortalClient.Resync), c => c.Groups(DeskGroups.Contact(survivor), DeskGroups.Contact(merged)).Resync());
        return portalSessions.ChangedAsync();
    }

    public Task SlaBreachedAsync(SlaBreach breach)
    {
        board.Breached(breach);
        pushes.Enqueue(nameof(IDeskClient.SlaBreached), c => Audience(c, breach.Queue).SlaBreached(breach));
        return Task.CompletedTask;
    }

    public Task SlaWarnedAsync(SlaWarning warning)
    {
        board.Warned(warning);
        pushes.Enqueue(nameof(IDeskClient.SlaWarned), c => Audience(c, warning.Queue).SlaWarned(warning));
        return Task.CompletedTask;
    }

    /// <summary>A conversation entered the live queue, was taken, handed back or timed out.</summary>
    public Task ConversationChangedAsync(ConversationSummary conversation)
    {
        pushes.Enqueue(nameof(IDeskClient.ConversationChanged), c => (conversation.Queue is { } queue
            ? Audience(c, queue)
            : c.Group(DeskGroups.Supervisors)).ConversationChanged(conversation));
        return Task.CompletedTask;
    }

    /// <summary>A low score or a negative comment on a survey, to the query's queue and the supervisors.</summary>
    public Task MomentOfTruthAsync(MomentOfTruth moment)
    {
        pushes.Enqueue(nameof(IDeskClient.MomentOfTruth), c => Audience(c, moment.Queue).MomentOfTruth(moment));
        return Task.CompletedTask;
    }

    public Task DeliveryChangedAsync(DeliveryChange change)
    {
        pushes.Enqueue(nameof(IDeskClient.DeliveryChanged), c => Audience(c, change.Queue).DeliveryChanged(change));
        return Task.CompletedTask;
    }

    /// <summary>
    /// An outage concerns every queue: all staff hear of it once (a link's query is pushed to its own queue apart). The
    /// agents hear it counted over the queues outside restricted ones, the supervisors' group over all.
    /// </summary>
    public Task OutageChangedAsync(Outages.OutageSummary forAgents, Outages.OutageSummary forSupervisors)
    {
        pushes.Enqueue(nameof(IDeskClient.OutageChanged), c => c.Group(DeskGroups.Staff).OutageChanged(forAgents));
        pushes.Enqueue(nameof(IDeskClient.OutageChanged), c => c.Group(DeskGroups.Supervisors).OutageChanged(forSupervisors));
        return Task.CompletedTask;
    }

    // The reference only: the page reads what changed through the portal API, as that contact.
    void ToPortal(long contactId, string reference)
    {
        if (contactId > 0)
            pushes.EnqueuePortal(nameof(IPortalClient.QueryChanged),
                c => c.Group(DeskGroups.Contact(contactId)).QueryChanged(new PortalQueryChange(reference)));
    }

    static IDeskClient Audience(IHubClients<IDeskClient> clients, string queue) => clients.Groups(DeskGroups.Queue(queue), DeskGroups.Supervisors);

    async Task Board(Task update)
    {
        try
        {
            await update;
        }
        catch (Exception e)
        {
            LogBoardFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the board of a query change")]
    partial void LogBoardFailed(Exception exception);
}
