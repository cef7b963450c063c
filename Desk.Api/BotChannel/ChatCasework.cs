using System.Data.Common;
using Dapper;
using Desk.Api.Conversations;
using Desk.Api.Improvements;
using Desk.Api.Moments;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Sla;
using Desk.Api.Surveys;
using Desk.Bot;
using Desk.Classifier;
using Microsoft.Extensions.Options;

namespace Desk.Api.BotChannel;

/// <summary>
/// What a chat user's words do to their query, inside the bot turn's transaction: a message on it (reopening it when
/// resolved lately), a correction of its type, and the query as the user may know it.
/// </summary>
internal sealed class ChatCasework(
    QueryStore queries, TimelineStore timeline, MomentStore moments, SurveyPlan surveyPlan, ImprovementStore improvements,
    DeskNotifier notifier, ReopenedAssignee reopenedAssignee, IOptionsMonitor<SlaOptions> sla, TimeProvider clock)
{
    // The conversation's own query, claimed, while it takes the user's words: open, or resolved within the reopen window.
    public async Task<QueryRow?> OwnOpenQueryAsync(DbTransaction tx, ConversationRow row, string reference, CancellationToken ct)
    {
        var query = await queries.ClaimAsync(tx, reference, ct);
        return query is not null && query.ContactId == row.ContactId && TakesFollowUps(query, clock.GetUtcNow()) ? query : null;
    }

    public bool TakesFollowUps(QueryRow query, DateTimeOffset now) =>
        QueryStatus.IsOpen(query.Status) || (query.Status == QueryStatus.Resolved && query.ResolvedAt >= ReopenableSince(now));

    /// <summary>A query resolved since then still takes the user's words, which reopen it.</summary>
    public DateTimeOffset ReopenableSince(DateTimeOffset now) => now - sla.CurrentValue.ReopenWindow;

    public Task UserWroteAsync(DbTransaction tx, QueryRow query, string text, BotAddress address, DateTimeOffset now, List<Func<Task>> after,
        CancellationToken ct) =>
        UserWroteAsync(tx, query, text, address.Caller, address.ChannelId, "The user wrote in the chat.", now, after, ct);

    /// <summary>A user's message on their query from any channel (<paramref name="how"/>: "The user wrote by SMS.").</summary>
    public async Task UserWroteAsync(DbTransaction tx, QueryRow query, string text, string actor, string channel, string how, DateTimeOffset now,
        List<Func<Task>> after, CancellationToken ct)
    {
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.MessageIn, actor, text, new { channel }, now, ct),
        };
        var changed = false;
        // The user answered (back to work), or says the problem is back (reopened); thanks for a fix that holds reopen nothing.
        if (query.Status is QueryStatus.WaitingForUser || (query.Status == QueryStatus.Resolved && !Gratitude.IsOnlyThanks(text)))
        {
            var to = query.Status == QueryStatus.Resolved ? QueryStatus.Open : QueryStatus.InProgress;
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.StatusChanged, "system", how,
                new { from = query.Status, to, channel, says = "user_wrote" }, now, ct));
            if (to == QueryStatus.Open && await surveyPlan.ReopenedAsync(tx, query, now, ct) is { } withdrawn)
                entries.Add(withdrawn);
            if (to == QueryStatus.Open && await moments.RecordAsync(tx, query,
                new MomentDraft(MomentKinds.Reopen, false, $"reopen:v{query.Version}", actor, how), now, ct) is { } reopened)
                entries.Add(reopened);
            if (to == QueryStatus.Open && await reopenedAssignee.ReleaseIfGoneAsync(tx, query, query.Queue, now, ct) is { } released)
                entries.Add(released);
            (query.Status, query.ResolvedAt, changed) = (to, null, true);
        }
        query.UpdatedAt = now;
        await queries.UpdateAsync(tx, query, ct);
        var queue = query.Queue;
        var summary = query.ToSummary();
        after.Add(async () =>
        {
            foreach (var entry in entries)
                await notifier.TimelineAppendedAsync(entry, queue);
            if (changed)
                await notifier.QueryUpdatedAsync(summary, queue);
        });
    }

    // A user's correction decides the type while nobody works the query yet; after that it is a message to its agent.
    public async Task CorrectAsync(DbTransaction tx, QueryRow query, QueryType type, BotAddress address, DateTimeOffset now,
        List<Func<Task>> after, CancellationToken ct)
    {
        if (query.Assignee is not null || query.Type == QueryType.SecurityEvent.ToCode())
        {
            await UserWroteAsync(tx, query, $"The user says this is not {query.Type} but {type.ToCode()}.", address, now, after, ct);
            return;
        }
        var previousQueue = query.Queue;
        var entry = await timeline.AppendAsync(tx, query, TimelineKinds.TypeChanged, address.Caller, "Corrected by the user in the chat.",
            new { from = query.Type, to = type.ToCode(), source = "user", says = "corrected_by_user" }, now, ct);
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into labelled_examples (text, type, source, query_id, previous_type, actor, reason, created_at)
            values (@Text, @type, 'user', @Id, @previous, @actor, 'Corrected by the user in the chat.', @now)
            """, new { query.Text, type = type.ToCode(), query.Id, previous = query.Type, actor = address.Caller, now }, tx, cancellationToken: ct));
        (query.Type, query.Queue, query.DecidedBy, query.Confidence, query.UpdatedAt) =
            (type.ToCode(), Practice.For(type).Queue, "user", 1.0, now);
        var register = await improvements.RetypedAsync(tx, query, now, ct);
        await queries.UpdateAsync(tx, query, ct);
        var summary = query.ToSummary();
        after.Add(async () =>
        {
            await notifier.QueryUpdatedAsync(summary, previousQueue);
            await notifier.TimelineAppendedAsync(entry, summary.Queue);
            if (register is not null)
                await notifier.TimelineAppendedAsync(register, summary.Queue);
        });
    }

    public async Task<BotTicket?> TicketAsync(DbConnection connection, long queryId, CancellationToken ct)
    {
        var query = await connection.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
            "select * from queries where id = @queryId", new { queryId }, cancellationToken: ct));
        if (query is null)
            return null;
        var last = await connection.QuerySingleOrDefaultAsync<(string Body, DateTimeOffset At)?>(new CommandDefinition("""
            select body, created_at from timeline_entries
            where id = (select max(id) from timeline_entries where query_id = @queryId and kind = 'message_out')
            """, new { queryId }, cancellationToken: ct));
        // A query merged into another of the same person's is followed up there: the user may know its reference.
        var mergedInto = query.MergedIntoId is { } into
            ? await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "select reference from queries where id = @into and contact_id = @ContactId", new { into, query.ContactId }, cancellationToken: ct))
            : null;
        return TicketOf(query) with
        {
            LastAgentMessage = last?.Body, LastAgentAt = last?.At, Reopenable = TakesFollowUps(query, clock.GetUtcNow()), MergedInto = mergedInto,
        };
    }

    public static BotTicket TicketOf(QueryRow q) =>
        new(q.Reference, q.Type, q.Priority, q.Queue, q.Status, q.FirstResponseDue, q.ResolutionDue,
            Answered: q.FirstRespondedAt is not null, NextResponseDue: q.NextResponseDue);

}
