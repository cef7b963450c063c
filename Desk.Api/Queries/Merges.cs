using Dapper;
using Desk.Api.Audit;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Bot;

namespace Desk.Api.Queries;

/// <summary>
/// Merging a duplicate into the query that survives, both the same person's: the duplicate is closed (its clocks stop)
/// and points at the survivor, both timelines say so, and the duplicate's chats move to the survivor, so that the user's
/// next words there land on it and agents' replies on the survivor reach them. A message written to the duplicate
/// through the API afterwards is refused with a 409 naming the survivor (Casework), rather than moved silently.
/// Two people's queries are not merged: the survivor's replies, notices and survey would reach the other person's chat.
/// One person known as two contacts is merged as contacts first; one problem many people report is a major outage.
/// </summary>
internal sealed class Merges(
    DeskDb db, QueryStore queries, TimelineStore timeline, ConversationStore conversations, ChatOutbox chat, OutboxSender sender,
    DeskNotifier notifier, QueueAccess access, TimeProvider clock)
{
    public async Task<MergeResult> MergeAsync(string reference, MergeRequest request, Caller caller, CancellationToken ct)
    {
        if (TextRules.Problem(request.Into, "Into", 32) is { } intoProblem)
            return new MergeResult.Invalid("into", intoProblem);
        if (!TextRules.HasVisible(request.Into!))
            return new MergeResult.Invalid("into", "Into is required: the reference of the query that stays.");
        if (TextRules.Problem(request.Reason, "Reason", Limits.ReasonLength) is { } reasonProblem)
            return new MergeResult.Invalid("reason", reasonProblem);
        if (!TextRules.HasVisible(request.Reason!))
            return new MergeResult.Invalid("reason", "A merge needs a reason: say why these queries are the same.");
        var into = request.Into!.Trim();
        if (string.Equals(into, reference, StringComparison.OrdinalIgnoreCase))
            return new MergeResult.Invalid("into", "A query cannot be merged into itself.");

        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        // Both rows are claimed in reference order, so two merges of the same pair wait for each other instead of deadlocking.
        var (first, second) = string.CompareOrdinal(reference, into) < 0 ? (reference, into) : (into, reference);
        var claimedFirst = await queries.ClaimAsync(tx, first, ct);
        var claimedSecond = await queries.ClaimAsync(tx, second, ct);
        var (duplicate, survivor) = first == reference ? (claimedFirst, claimedSecond) : (claimedSecond, claimedFirst);
        if (duplicate is null || !caller.MaySee(duplicate.Queue))
            return new MergeResult.NotFound(reference);
        if (survivor is null || !caller.MaySee(survivor.Queue))
            return new MergeResult.NotFound(into);
        if (duplicate.MergedIntoId is not null || duplicate.Status == QueryStatus.Closed)
            return new MergeResult.Conflict($"{duplicate.Reference} is closed{await MergedNoteAsync(tx, duplicate, caller, ct)}; there is nothing to merge.");
        if (survivor.MergedIntoId is not null)
            return new MergeResult.Conflict($"{survivor.Reference} is itself merged{await MergedNoteAsync(tx, survivor, caller, ct)}; merge into that query instead.");
        if (!QueryStatus.IsOpen(survivor.Status))
            return new MergeResult.Conflict(survivor.Status == QueryStatus.Resolved
                ? $"{survivor.Reference} is resolved; merge into an open query, or reopen it first."
                : $"{survivor.Reference} is closed; merge into an open query.");
        if (duplicate.ContactId != survivor.ContactId)
            return new MergeResult.Conflict($"{duplicate.Reference} and {survivor.Reference} are two contacts' queries: merged, one person's "
                + "replies would reach the other. If they are one person, merge the contacts first; if many people report one problem, "
                + "link their queries to a major outage.");

        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var entries = new List<(TimelineEntry Entry, string Queue)>
        {
            // A status change to closed is what stops the duplicate's SLA clocks when they are recomputed.
            (await timeline.AppendAsync(tx, duplicate, TimelineKinds.StatusChanged, caller.Name, reason,
                new { from = duplicate.Status, to = QueryStatus.Closed, mergedInto = survivor.Reference }, now, ct), duplicate.Queue),
            (await timeline.AppendAsync(tx, duplicate, TimelineKinds.MergedInto, caller.Name, reason, new { into = survivor.Reference }, now, ct),
                duplicate.Queue),
            (await timeline.AppendAsync(tx, survivor, TimelineKinds.MergeReceived, caller.Name, reason, new { from = duplicate.Reference }, now, ct),
                survivor.Queue),
        };
        var duplicateChat = await conversations.ForQueryAsync(tx, duplicate.Id, ct);
        (duplicate.Status, duplicate.ClosedAt, duplicate.UpdatedAt, duplicate.MergedIntoId) = (QueryStatus.Closed, now, now, survivor.Id);
        await queries.UpdateAsync(tx, duplicate, ct);
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update queries set merged_into_id = @survivorId where id = @duplicateId;
            update conversations set query_id = @survivorId where query_id = @duplicateId;
            """, new { survivorId = survivor.Id, duplicateId = duplicate.Id }, tx, cancellationToken: ct));
        // The user of a chat about the duplicate hears where it goes on.
        if (duplicateChat is not null && await chat.NoticeAsync(tx, duplicateChat, survivor,
                BotNotices.Merged(duplicateChat.Speaks, duplicate.Reference, survivor.Reference), now, ct) is { } told)
            entries.Add((told, survivor.Queue));
        survivor.UpdatedAt = now;
        await queries.UpdateAsync(tx, survivor, ct);
        await AuditLog.RecordAsync(tx, AuditKinds.QueryMerged, caller.Name, duplicate.Reference,
            $"Merged into {survivor.Reference}: {reason}", now, ct);
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing

        if (entries.Any(e => e.Entry.Delivery is not null))
            sender.Wake();
        await notifier.QueryUpdatedAsync(duplicate.ToSummary(), duplicate.Queue);
        await notifier.QueryUpdatedAsync(survivor.ToSummary(), survivor.Queue);
        foreach (var (entry, queue) in entries)
        {
            var other = queue == duplicate.Queue ? survivor.Queue : duplicate.Queue;
            await notifier.TimelineAppendedAsync(access.SeenAlike(queue, other) ? entry : MergeLinks.Withheld(entry), queue);
        }
        return new MergeResult.Merged(new MergeReceipt(duplicate.ToSummary(), survivor.ToSummary()));
    }

    /// <summary>
    /// " (merged into INC-1001)" for a merged query, "" otherwise: what a refusal tells the caller. A survivor in a queue
    /// the caller may not see is not named.
    /// </summary>
    public static async Task<string> MergedNoteAsync(System.Data.Common.DbTransaction tx, QueryRow query, Caller caller, CancellationToken ct)
    {
        if (query.MergedIntoId is not { } id)
            return "";
        var (reference, queue) = await tx.Connection!.QuerySingleAsync<(string, string)>(new CommandDefinition(
            "select reference, queue from queries where id = @id", new { id }, tx, cancellationToken: ct));
        return caller.MaySee(queue) ? $" (merged into {reference})" : " (merged into a query you may not see)";
    }
}

/// <summary>Merge this query, a duplicate, into <paramref name="Into"/>; the reason is kept on both timelines and in the audit log.</summary>
public sealed record MergeRequest(string? Into, string? Reason);

/// <summary>The duplicate, now closed, and the query that survives.</summary>
public sealed record MergeReceipt(QuerySummary Duplicate, QuerySummary Survivor);

internal abstract record MergeResult
{
    public sealed record Merged(MergeReceipt Receipt) : MergeResult;

    public sealed record NotFound(string Reference) : MergeResult;

    public sealed record Invalid(string Field, string Message) : MergeResult;

    public sealed record Conflict(string Message) : MergeResult;
}
