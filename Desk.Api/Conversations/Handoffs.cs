using System.Data.Common;
using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Bot;

namespace Desk.Api.Conversations;

/// <summary>
/// A person taking a chat from the live queue, handing it back to the bot, and the desk telling a user that nobody
/// came in time. Each is one transaction with its notice to the user in the outbox; the console is told after.
/// </summary>
internal sealed class Handoffs(
    DeskDb db, ConversationStore conversations, QueryStore queries, TimelineStore timeline, ChatOutbox chat, OutboxSender sender,
    DeskNotifier notifier, TimeProvider clock)
{
    public async Task<HandoffResult> TakeAsync(long id, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await ClaimAsync(tx, id, caller, ct) is not var (row, query))
            return new HandoffResult.NotFound();
        if (row.State == ConversationStates.Live)
            return row.Agent == caller.Name
                ? new HandoffResult.Done(await conversations.SummaryAsync(tx, id, ct))
                : new HandoffResult.Conflict($"{row.Agent} is already chatting with this user.");

        var previousQueue = query.Queue;
        var entries = await TakeAsync(tx, row, query, caller.Name, now, ct);
        await queries.UpdateAsync(tx, query, ct);
        return await FinishAsync(write, row, query, previousQueue, entries, ct);
    }

    /// <summary>
    /// An agent's public reply to a chat that waits for a person about <paramref name="query"/> takes the chat, as the
    /// live queue's take does, in the reply's transaction: nobody is told "nobody is free" after the agent's answer.
    /// Null when no chat waits for a person about this query. The chat comes back claimed, for the reply to go to; the
    /// query is changed in memory and the caller, which goes on writing it, stores it.
    /// </summary>
    public async Task<(ConversationSummary Chat, ConversationRow Row, List<TimelineEntry> Entries)?> TakeWaitingAsync(
        DbTransaction tx, QueryRow query, string agent, DateTimeOffset now, CancellationToken ct)
    {
        if (await conversations.ForQueryAsync(tx, query.Id, ct) is not { State: ConversationStates.Waiting } found || found.QueryId != query.Id
            || await conversations.ClaimAsync(tx, found.Id, null, ct) is not { State: ConversationStates.Waiting } row)
            return null;
        var entries = await TakeAsync(tx, row, query, agent, now, ct);
        return (await conversations.SummaryAsync(tx, row.Id, ct), row, entries);
    }

    // The take itself, both rows claimed: the chat live with the agent, the query theirs and in progress (stored by the
    // caller), the user told.
    async Task<List<TimelineEntry>> TakeAsync(DbTransaction tx, ConversationRow row, QueryRow query, string agent, DateTimeOffset now, CancellationToken ct)
    {
        var waited = row.WaitingSince is { } since ? (now - since).TotalSeconds : (double?)null;
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.HandoffTaken, agent, null, new { waitSeconds = waited }, now, ct),
        };
        if (query.Assignee is null)
        {
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.AssigneeChanged, agent, "Took the chat.",
                new { from = (string?)null, to = agent, says = "took_chat" }, now, ct));
            query.Assignee = agent;
        }
        if (query.Status is QueryStatus.New or QueryStatus.Open or QueryStatus.WaitingForUser)
        {
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.StatusChanged, agent, "Chatting with the user.",
                new { from = query.Status, to = QueryStatus.InProgress, says = "chatting" }, now, ct));
            query.Status = QueryStatus.InProgress;
        }
        query.UpdatedAt = now;
        (row.State, row.Agent, row.WaitingSince, row.Step, row.Pending, row.UpdatedAt) =
            (ConversationStates.Live, agent, null, null, null, now);
        await conversations.SaveAsync(tx, row, ct);
        await conversations.RecordEventAsync(tx, row, BotEvents.HandoffTaken, query.Id,
            JsonSerializer.Serialize(new { waitSeconds = waited }, JsonSerializerOptions.Web), now, ct);
        var name = await StaffStore.DisplayNameAsync(tx, agent, ct);
        if (await chat.NoticeAsync(tx, row, query, BotNotices.Joined(row.Speaks, name), now, ct) is { } notice)
            entries.Add(notice);
        return entries;
    }

    /// <summary>Hands a live chat back to the bot: the person holding it, or a supervisor.</summary>
    public async Task<HandoffResult> ReleaseAsync(long id, Caller caller, bool mayOverride, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await ClaimAsync(tx, id, caller, ct) is not var (row, query))
            return new HandoffResult.NotFound();
        if (row.State != ConversationStates.Live)
            return new HandoffResult.Conflict("Nobody holds this chat: the bot has it, or it is waiting to be taken.");
        if (row.Agent != caller.Name && !mayOverride)
            return new HandoffResult.Conflict($"{row.Agent} holds this chat; only they or a supervisor can hand it back.");

        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.HandoffReleased, caller.Name, null, new { agent = row.Agent }, now, ct),
        };
        (row.State, row.Agent, row.UpdatedAt) = (ConversationStates.Bot, null, now);
        await conversations.SaveAsync(tx, row, ct);
        await conversations.RecordEventAsync(tx, row, BotEvents.HandoffReleased, query.Id, null, now, ct);
        if (await chat.NoticeAsync(tx, row, query, BotNotices.Released(row.Speaks, query.Reference, open: query.Status is not (QueryStatus.Resolved or QueryStatus.Closed)), now, ct) is { } notice)
            entries.Add(notice);
        return await FinishAsync(write, row, query, query.Queue, entries, ct);
    }

    /// <summary>
    /// A query resolved or closed ends its chat with a person (held, or waiting for one), in the change's transaction: the
    /// user's next words reach the bot, which reopens the query if the problem is back, and the survey, which never
    /// interrupts a chat with a person, can go. The status notice tells the user; when the status has none
    /// (<paramref name="told"/> false), the hand-back notice does. Null when no chat with a person is about the query.
    /// </summary>
    public async Task<(ConversationSummary Chat, List<TimelineEntry> Entries)?> EndWithQueryAsync(
        DbTransaction tx, QueryRow query, string actor, bool told, DateTimeOffset now, CancellationToken ct)
    {
        if (await conversations.ForQueryAsync(tx, query.Id, ct) is not { State: ConversationStates.Live or ConversationStates.Waiting } found
            || found.QueryId != query.Id
            || await conversations.ClaimAsync(tx, found.Id, null, ct) is not { State: ConversationStates.Live or ConversationStates.Waiting } row)
            return null;
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.HandoffReleased, actor, null, new { agent = row.Agent, because = query.Status }, now, ct),
        };
        (row.State, row.Agent, row.WaitingSince, row.UpdatedAt) = (ConversationStates.Bot, null, null, now);
        await conversations.SaveAsync(tx, row, ct);
        await conversations.RecordEventAsync(tx, row, BotEvents.HandoffReleased, query.Id, null, now, ct);
        if (!told && await chat.NoticeAsync(tx, row, query, BotNotices.Released(row.Speaks, query.Reference, open: false), now, ct) is { } notice)
            entries.Add(notice);
        return (await conversations.SummaryAsync(tx, row.Id, ct), entries);
    }

    /// <summary>
    /// A live chat whose agent can no longer hold it (disabled, or no longer working its queue) goes back to the live
    /// queue for the next person, and the user is told so; false when <paramref name="agent"/> no longer holds it.
    /// </summary>
    public async Task<bool> ReturnToQueueAsync(long id, string agent, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await ClaimAsync(tx, id, Caller.Desk(actor), ct) is not var (row, query) || row.State != ConversationStates.Live || row.Agent != agent)
            return false;
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.HandoffReleased, actor, null, new { agent, to = ConversationStates.Waiting }, now, ct),
        };
        (row.State, row.Agent, row.WaitingSince, row.UpdatedAt) = (ConversationStates.Waiting, null, now, now);
        await conversations.SaveAsync(tx, row, ct);
        await conversations.RecordEventAsync(tx, row, BotEvents.HandoffReleased, query.Id, null, now, ct);
        if (await chat.NoticeAsync(tx, row, query, BotNotices.BackInQueue(row.Speaks, query.Reference), now, ct) is { } notice)
            entries.Add(notice);
        await FinishAsync(write, row, query, query.Queue, entries, ct);
        return true;
    }

    /// <summary>Tells a user nobody came in time, if the conversation still waits since before <paramref name="before"/>.</summary>
    public async Task<bool> TimeOutAsync(long id, DateTimeOffset before, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        // Checked again under the row lock: it may have been taken since it was listed.
        if (await conversations.ClaimAsync(tx, id, null, ct) is not { State: ConversationStates.Waiting, WaitingSince: { } since } row
            || since >= before || row.QueryId is not { } queryId)
            return false;
        var query = await ClaimQueryAsync(tx, queryId, ct);
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.HandoffTimedOut, "system", null,
                new { waitSeconds = (now - since).TotalSeconds }, now, ct),
        };
        (row.State, row.WaitingSince, row.UpdatedAt) = (ConversationStates.Bot, null, now);
        await conversations.SaveAsync(tx, row, ct);
        await conversations.RecordEventAsync(tx, row, BotEvents.HandoffTimedOut, query.Id, null, now, ct);
        // A query resolved or closed meanwhile does not "stay open": its status notice already told the user.
        if (QueryStatus.IsOpen(query.Status) && await chat.NoticeAsync(tx, row, query, BotNotices.NobodyFree(row.Speaks, query.Reference), now, ct) is { } notice)
            entries.Add(notice);
        await FinishAsync(write, row, query, query.Queue, entries, ct);
        return true;
    }

    /// <summary>Counts a question of the bot left unanswered since before <paramref name="before"/> as abandoned, and forgets it.</summary>
    public async Task<bool> AbandonAsync(long id, DateTimeOffset before, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await conversations.ClaimAsync(tx, id, null, ct) is not { State: ConversationStates.Bot, Step: not null } row
            || row.LastUserAt >= before)
            return false;
        await conversations.RecordEventAsync(tx, row, BotEvents.Abandoned, row.QueryId,
            JsonSerializer.Serialize(new { step = row.Step }, JsonSerializerOptions.Web), now, ct);
        (row.Step, row.Pending, row.UpdatedAt) = (null, null, now);
        await conversations.SaveAsync(tx, row, ct);
        await write.CommitAsync(ct);
        return true;
    }

    async Task<HandoffResult> FinishAsync(
        WriteTransaction write, ConversationRow row, QueryRow query, string previousQueue, List<TimelineEntry> entries, CancellationToken ct)
    {
        var summary = await conversations.SummaryAsync(write.Transaction, row.Id, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        sender.Wake();
        await notifier.ConversationChangedAsync(summary);
        await notifier.QueryUpdatedAsync(query.ToSummary(), previousQueue);
        foreach (var entry in entries)
            await notifier.TimelineAppendedAsync(entry, query.Queue);
        return new HandoffResult.Done(summary);
    }

    // The conversation and its query, both claimed; null when there is none the caller may see.
    async Task<(ConversationRow Row, QueryRow Query)?> ClaimAsync(DbTransaction tx, long id, Caller caller, CancellationToken ct)
    {
        if (await conversations.ClaimAsync(tx, id, null, ct) is not { QueryId: { } queryId } row)
            return null;
        var query = await ClaimQueryAsync(tx, queryId, ct);
        return caller.MaySee(query.Queue) ? (row, query) : null;
    }

    async Task<QueryRow> ClaimQueryAsync(DbTransaction tx, long queryId, CancellationToken ct)
    {
        var reference = (await queries.GetAsync(tx, queryId, ct)).Reference;
        return (await queries.ClaimAsync(tx, reference, ct))!;
    }

}

internal abstract record HandoffResult
{
    public sealed record Done(ConversationSummary Conversation) : HandoffResult;

    public sealed record NotFound : HandoffResult;

    public sealed record Conflict(string Message) : HandoffResult;
}
