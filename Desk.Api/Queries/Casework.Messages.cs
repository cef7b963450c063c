using Desk.Api.Identity;
using Desk.Api.Moments;
using Desk.Api.Routing;

namespace Desk.Api.Queries;

/// <summary>Writing on a query: a staff reply, a phone call on the record, an internal note, or the contact's own message.</summary>
internal sealed partial class Casework
{
    const string PhoneChannel = "phone";

    /// <summary>Staff reply (public), phone call on the record (public, channel phone) or note (internal); an intake key writes as the contact, on the queries it submitted.</summary>
    public async Task<CaseResult> WriteAsync(string reference, PostMessage message, Caller caller, CancellationToken ct)
    {
        var (actor, fromContact) = (caller.Name, !caller.IsStaff);
        if (TextRules.Problem(message.Text, "Text", Limits.TextLength) is { } problem)
            return new CaseResult.Invalid("text", problem);
        if (message.Visibility is not ("public" or "internal") || (fromContact && message.Visibility == "internal"))
            return new CaseResult.Invalid("visibility", fromContact ? "A contact's message is public." : "Visibility must be public or internal.");
        if (message.SeenEntry is < 1)
            return new CaseResult.Invalid("seenEntry", "SeenEntry is the id of a timeline entry you saw, 1 or more.");

        if (message.Channel is not null && (message.Channel != PhoneChannel || fromContact || message.Visibility != "public"))
            return new CaseResult.Invalid("channel", fromContact ? "A contact's message comes on its own channel."
                : "Channel is \"phone\" (a call with the user, recorded and sent nowhere) or absent (a reply on the user's channel).");
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        var query = await queries.ClaimAsync(tx, reference, ct);
        // A key writes the user's words on a query it submitted whatever queue it went to since, as a chat user does: a
        // security event's follow-up is not lost because the key may not read that queue. It still reads nothing there.
        if (query is null || (fromContact ? query.SubmittedBy != caller.Name : !caller.MaySee(query.Queue)))
            return new CaseResult.NotFound();
        if (query.Status == QueryStatus.Closed)
            return new CaseResult.Conflict(query.MergedIntoId is null ? "The query is closed; submit a new query."
                : $"{query.Reference} was closed as a duplicate{await Merges.MergedNoteAsync(tx, query, caller, ct)}; write on that query.");
        if (message.SeenEntry is { } seenEntry && !await timeline.IsEntryOfAsync(tx, query, seenEntry, ct))
            return new CaseResult.Invalid("seenEntry", $"Entry {seenEntry} is not on {query.Reference}'s timeline: give the id of the newest entry you saw there.");
        var now = clock.GetUtcNow();
        var kind = fromContact ? TimelineKinds.MessageIn : message.Visibility == "internal" ? TimelineKinds.Note
            : message.Channel == PhoneChannel ? TimelineKinds.PhoneCall : TimelineKinds.MessageOut;
        // Checked under the query's row lock: of two agents replying at once, the second hears of the first.
        if (kind == TimelineKinds.MessageOut && message is { SeenEntry: { } seen, Confirm: false }
            && await timeline.SentToUserAfterAsync(tx, query, seen, actor, ct) is { Count: > 0 } meanwhile)
            return new CaseResult.Collided(meanwhile);
        var taken = kind == TimelineKinds.MessageOut ? await handoffs.TakeWaitingAsync(tx, query, actor, now, ct) : null;
        var entry = await timeline.AppendAsync(tx, query, kind, actor, message.Text,
            caller.KeyName is null ? null : new { key = caller.KeyName }, now, ct);
        // A person's public reply goes to the user, in this transaction: it is sent if and only if it is stored.
        if (kind == TimelineKinds.MessageOut)
        {
            // Where the user last wrote about this query when that was e-mail or SMS (they left the chat for it); else the chat
            // they wrote in about it (the one this reply took); else a channel plug-in (e-mail, SMS) for one of their identities.
            // Status notices go the same way (UserReach.StatusChangedAsync).
            var signature = await StaffStore.DisplayNameAsync(tx, actor, ct);
            if (taken is null && await reach.LastWrittenByAsync(tx, query, ct) is { } lastUsed)
                entry = await reach.ReplyAsync(tx, lastUsed, query, entry, signature, now, ct);
            else
                entry = await chat.ReplyAsync(tx, query, taken?.Row, entry, signature, now, ct);
            if (entry.Delivery is null && await reach.PluginAsync(tx, query, ct) is { } plugin)
                entry = await reach.ReplyAsync(tx, plugin, query, entry, signature, now, ct);
        }
        var entries = new List<TimelineEntry>([.. taken?.Entries ?? [], entry]);
        if (kind == TimelineKinds.MessageOut && await reach.NoteCutAsync(tx, query, entry, now, ct) is { } cutNote)
            entries.Add(cutNote);
        var changed = taken is not null;
        // Speaking with the user on the phone answers them as a reply does.
        if (kind is (TimelineKinds.MessageOut or TimelineKinds.PhoneCall) && query.FirstRespondedAt is null)
        {
            query.FirstRespondedAt = now;
            changed = true;
            if (await moments.RecordAsync(tx, query, new MomentDraft(MomentKinds.FirstResponse, true, MomentKinds.FirstResponse, actor), now, ct)
                is { } moment)
                entries.Add(moment);
        }
        // A person's first answer to a new query is taking it on: it is in progress, and theirs unless someone has it.
        if (kind is (TimelineKinds.MessageOut or TimelineKinds.PhoneCall) && query.Status == QueryStatus.New)
        {
            if (query.Assignee is null)
            {
                entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.AssigneeChanged, actor, "Answered the user.",
                    new { from = (string?)null, to = actor, says = "answered_user" }, now, ct));
                query.Assignee = actor;
            }
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.StatusChanged, actor, "Answered the user.",
                new { from = query.Status, to = QueryStatus.InProgress, says = "answered_user" }, now, ct));
            query.Status = QueryStatus.InProgress;
            changed = true;
        }
        if (kind == TimelineKinds.MessageIn && query.Status == QueryStatus.WaitingForUser)
        {
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.StatusChanged, "system", "The user answered.",
                new { from = query.Status, to = QueryStatus.InProgress, says = "user_answered" }, now, ct));
            query.Status = QueryStatus.InProgress;
            changed = true;
        }
        query.UpdatedAt = now;
        await queries.UpdateAsync(tx, query, ct);
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        if (entry.Delivery is not null)
            sender.Wake();
        if (taken is { Chat: var chatTaken })
            await notifier.ConversationChangedAsync(chatTaken);

        foreach (var appended in entries)
            await notifier.TimelineAppendedAsync(appended, query.Queue);
        if (changed)
            await notifier.QueryUpdatedAsync(query.ToSummary(), query.Queue);
        return new CaseResult.Written(entry);
    }
}
