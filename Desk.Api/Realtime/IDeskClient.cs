using Desk.Api.Board;
using Desk.Api.Conversations;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Surveys;

namespace Desk.Api.Realtime;

/// <summary>What the desk pushes to the agent console and supervisor boards.</summary>
public interface IDeskClient
{
    /// <summary>A query was taken in a queue the client watches.</summary>
    Task QueryCreated(QuerySummary query);

    /// <summary>A query changed (status, assignee, priority, type, queue, first response).</summary>
    Task QueryUpdated(QuerySummary query);

    /// <summary>
    /// A query moved to another queue. Sent to the queue it left instead of the update itself, since its watchers
    /// may not be allowed to see it where it went (a security event); those who may get the update from there.
    /// </summary>
    Task QueryLeft(QueryMove move);

    /// <summary>Something was added to a query's timeline.</summary>
    Task TimelineAppended(TimelineEntry entry);

    /// <summary>A query missed its first-response, next-response or resolution deadline.</summary>
    Task SlaBreached(SlaBreach breach);

    /// <summary>A query used a warning share (75%, 90% by default) of a target.</summary>
    Task SlaWarned(SlaWarning warning);

    /// <summary>A chat entered the live queue (a person was asked for), was taken, handed back to the bot or timed out.</summary>
    Task ConversationChanged(ConversationSummary conversation);

    /// <summary>What was sent to a user (an agent reply, a bot message) was delivered, is retried, failed, or its fate is unknown.</summary>
    Task DeliveryChanged(DeliveryChange change);

    /// <summary>A user gave a low score or a negative comment in a survey: a moment of truth, with its recovery query.</summary>
    Task MomentOfTruth(MomentOfTruth moment);

    /// <summary>A major outage was declared, its links changed, its users were told, or it was resolved.</summary>
    Task OutageChanged(Outages.OutageSummary outage);

    /// <summary>To the live boards: the queue, staff and attainment rows that changed, and new feed lines.</summary>
    Task BoardChanged(BoardChange change);

    /// <summary>
    /// Another console's presence on a query this one views: <c>joined</c> (it opened the query: answer with
    /// <c>StillViewing</c>), <c>viewing</c>, <c>typing</c> (a reply; lasts a few seconds unless repeated) or <c>left</c>.
    /// </summary>
    Task PresenceChanged(QueryPresence presence);

    /// <summary>
    /// Pushes were dropped (the desk could not keep up): reload what is shown, as after a reconnection.
    /// </summary>
    Task Resync();
}

/// <summary><paramref name="Viewer"/> tells one console (a browser tab) of a staff member from another.</summary>
public sealed record QueryPresence(string Reference, string Viewer, string Username, string DisplayName, string State);

public sealed record QueryMove(string Reference, string From, string To);

public sealed record SlaBreach(string Reference, string Queue, string Kind, DateTimeOffset DueAt, DateTimeOffset At);

public sealed record SlaWarning(string Reference, string Queue, string Kind, double Share, DateTimeOffset DueAt, DateTimeOffset At);
