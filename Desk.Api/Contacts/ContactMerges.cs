using System.Data.Common;
using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;

namespace Desk.Api.Contacts;

/// <summary>Merge contact <paramref name="From"/> into this one; the reason is kept with the merge and in the audit log.</summary>
public sealed record ContactMergeRequest(long? From, string? Reason);

/// <summary>Undo merge <paramref name="Merge"/> (its id, from the card's merges) of a contact into this one.</summary>
public sealed record ContactUnmergeRequest(long? Merge, string? Reason);

/// <summary>A merge done or undone: how many identities, queries and chats it moved (back).</summary>
public sealed record ContactMergeReceipt(long Merge, long Survivor, long Merged, int Identities, int Queries, int Conversations);

internal abstract record ContactChange<T>
{
    public sealed record Done(T Value) : ContactChange<T>;

    public sealed record NotFound(string Detail) : ContactChange<T>;

    public sealed record Invalid(string Field, string Message) : ContactChange<T>;

    public sealed record Conflict(string Message) : ContactChange<T>;

    public sealed record Forbidden(string Message) : ContactChange<T>;
}

/// <summary>
/// One person across channels, by hand: a merge moves every identity, query and chat of one contact into another and
/// keeps the merged contact (pointing at the survivor) together with the list of what moved, so that an un-merge moves
/// back exactly that. Queries and identities the survivor gained after the merge stay with it.
/// </summary>
internal sealed class ContactMerges(DeskDb db, DeskNotifier notifier, TimeProvider clock)
{
    public async Task<ContactChange<ContactMergeReceipt>> MergeAsync(long id, ContactMergeRequest request, Caller caller, CancellationToken ct)
    {
        if (request.From is not { } from)
            return new ContactChange<ContactMergeReceipt>.Invalid("from", "From is required: the id of the contact to merge into this one.");
        if (ReasonProblem(request.Reason) is { } problem)
            return new ContactChange<ContactMergeReceipt>.Invalid("reason", problem);
        if (from == id)
            return new ContactChange<ContactMergeReceipt>.Invalid("from", "A contact cannot be merged into itself.");

        await using var write = await db.BeginWriteAsync(ct);
        if (await HidesQueriesFromAsync(write.Transaction, [id, from], caller, ct))
            return new ContactChange<ContactMergeReceipt>.Forbidden(HiddenQueries);
        var merged = await MergeAsync(write.Transaction, id, from, request.Reason!.Trim(), caller.Name, ct);
        if (merged is not ContactChange<ContactMergeReceipt>.Done(var receipt))
            return merged;
        await write.CommitAsync(ct);
        await notifier.ContactsMergedAsync(id, from);
        return new ContactChange<ContactMergeReceipt>.Done(receipt);
    }

    /// <summary>The merge inside the caller's transaction (a portal verification merges with the code it uses up); the caller commits.</summary>
    public async Task<ContactChange<ContactMergeReceipt>> MergeAsync(DbTransaction tx, long id, long from, string reason, string by, CancellationToken ct)
    {
        var claimed = await ContactRows.ClaimAsync(tx, [id, from], ct);
        if (!claimed.TryGetValue(id, out var survivor))
            return new ContactChange<ContactMergeReceipt>.NotFound($"There is no contact {id}.");
        if (!claimed.TryGetValue(from, out var merged))
            return new ContactChange<ContactMergeReceipt>.NotFound($"There is no contact {from}.");
        foreach (var contact in new[] { survivor, merged })
        {
            if (contact.MergedIntoId is { } into)
                return new ContactChange<ContactMergeReceipt>.Conflict($"Contact {contact.Id} is already merged into contact {into}; merge with that one instead.");
            if (contact.ErasedAt is not null)
                return new ContactChange<ContactMergeReceipt>.Conflict($"Contact {contact.Id} is erased; an erased contact takes part in no merge.");
        }

        var now = clock.GetUtcNow();
        var connection = tx.Connection!;
        var mergeId = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into contact_merges (survivor_id, merged_id, reason, merged_by, merged_at)
            values (@id, @from, @reason, @by, @now)
            {db.Dialect.ReturningId()}
            """, new { id, from, reason, by, now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into contact_merge_moves (merge_id, item, item_id) select @mergeId, 'identity', id from contact_identities where contact_id = @from;
            insert into contact_merge_moves (merge_id, item, item_id) select @mergeId, 'query', id from queries where contact_id = @from;
            insert into contact_merge_moves (merge_id, item, item_id) select @mergeId, 'conversation', id from conversations where contact_id = @from;
            """, new { mergeId, from }, tx, cancellationToken: ct));
        var counts = await MoveAsync(tx, mergeId, from, id, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update contacts set merged_into_id = @id where id = @from", new { id, from }, tx, cancellationToken: ct));
        await AuditLog.RecordAsync(tx, AuditKinds.ContactMerged, by, $"contact:{from}",
            $"Merged into contact {id} (merge {mergeId}): {reason}", now, ct);
        return new ContactChange<ContactMergeReceipt>.Done(new ContactMergeReceipt(mergeId, id, from, counts[0], counts[1], counts[2]));
    }

    public async Task<ContactChange<ContactMergeReceipt>> UnmergeAsync(long id, ContactUnmergeRequest request, Caller caller, CancellationToken ct)
    {
        if (request.Merge is not { } mergeId)
            return new ContactChange<ContactMergeReceipt>.Invalid("merge", "Merge is required: the id of the merge to undo, from the contact card.");
        if (ReasonProblem(request.Reason) is { } problem)
            return new ContactChange<ContactMergeReceipt>.Invalid("reason", problem);

        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var connection = tx.Connection!;
        var merge = await connection.QuerySingleOrDefaultAsync<MergeRow>(new CommandDefinition("""
            select id, survivor_id, merged_id, merged_at, unmerged_at from contact_merges where id = @mergeId and survivor_id = @id
            """, new { mergeId, id }, tx, cancellationToken: ct));
        if (merge is null)
            return new ContactChange<ContactMergeReceipt>.NotFound($"Contact {id} took part in no merge {mergeId} as the one that stayed.");
        var claimed = await ContactRows.ClaimAsync(tx, [merge.SurvivorId, merge.MergedId], ct);
        var (survivor, merged) = (claimed[merge.SurvivorId], claimed[merge.MergedId]);
        // Read again under the contacts' locks: a second un-merge of the same merge waited for the first.
        if (await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
                "select unmerged_at from contact_merges where id = @mergeId", new { mergeId }, tx, cancellationToken: ct)) is { } undone)
            return new ContactChange<ContactMergeReceipt>.Conflict($"Merge {mergeId} was already undone at {undone:u}.");
        if (survivor.MergedIntoId is { } onwards)
            return new ContactChange<ContactMergeReceipt>.Conflict(
                $"Contact {id} is itself merged into contact {onwards} since; undo that merge first.");
        if (survivor.ErasedAt is not null || merged.ErasedAt is not null)
            return new ContactChange<ContactMergeReceipt>.Conflict("One of the contacts is erased; what the merge moved cannot be given back.");
        if (await HidesQueriesFromAsync(tx, [merge.SurvivorId, merge.MergedId], caller, ct))
            return new ContactChange<ContactMergeReceipt>.Forbidden(HiddenQueries);

        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var counts = await MoveAsync(tx, mergeId, id, merge.MergedId, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update contacts set merged_into_id = null where id = @mergedId;
            update contact_merges set unmerged_by = @by, unmerged_at = @now, unmerge_reason = @reason where id = @mergeId;
            """, new { mergedId = merge.MergedId, by = caller.Name, now, reason, mergeId }, tx, cancellationToken: ct));
        // A portal session opened during the merge was opened as the survivor, perhaps through an identity that now goes
        // back: it would go on reading the survivor's queries. Those sessions end; their users sign in again.
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from portal_sessions where contact_id = @id and created_at >= @MergedAt", new { id, merge.MergedAt }, tx, cancellationToken: ct));
        await AuditLog.RecordAsync(tx, AuditKinds.ContactUnmerged, caller.Name, $"contact:{merge.MergedId}",
            $"Taken back out of contact {id} (merge {mergeId}): {reason}", now, ct);
        var receipt = new ContactMergeReceipt(mergeId, id, merge.MergedId, counts[0], counts[1], counts[2]);
        await tx.CommitAsync(ct);
        await notifier.ContactsMergedAsync(id, merge.MergedId);
        return new ContactChange<ContactMergeReceipt>.Done(receipt);
    }

    const string HiddenQueries =
        "These contacts have queries in queues you do not work. Merging them shows those queries to whoever signs in as either person, so a supervisor or an agent of those queues does it.";

    /// <summary>
    /// Whether either contact has a query in a queue the caller may not see. A merge or an un-merge hands a person's
    /// queries to every identity of the other, a portal sign-in included; the caller would give away what they may not read.
    /// </summary>
    static async Task<bool> HidesQueriesFromAsync(DbTransaction tx, long[] ids, Caller caller, CancellationToken ct)
    {
        if (caller.Queues is null)
            return false;
        var queues = await tx.Connection!.QueryAsync<string>(new CommandDefinition(
            "select distinct queue from queries where contact_id in (@first, @second)", new { first = ids[0], second = ids[1] }, tx, cancellationToken: ct));
        return !queues.All(caller.MaySee);
    }

    /// <summary>Moves the merge's recorded identities, queries and chats (with the queries' surveys and suggestions) from one contact to the other.</summary>
    static async Task<int[]> MoveAsync(DbTransaction tx, long mergeId, long from, long to, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var args = new { to, from, mergeId };
        int[] moved =
        [
            await connection.ExecuteAsync(new CommandDefinition("""
                update contact_identities set contact_id = @to
                where contact_id = @from and id in (select item_id from contact_merge_moves where merge_id = @mergeId and item = 'identity')
                """, args, tx, cancellationToken: ct)),
            await connection.ExecuteAsync(new CommandDefinition("""
                update queries set contact_id = @to
                where contact_id = @from and id in (select item_id from contact_merge_moves where merge_id = @mergeId and item = 'query')
                """, args, tx, cancellationToken: ct)),
            await connection.ExecuteAsync(new CommandDefinition("""
                update conversations set contact_id = @to
                where contact_id = @from and id in (select item_id from contact_merge_moves where merge_id = @mergeId and item = 'conversation')
                """, args, tx, cancellationToken: ct)),
        ];
        await connection.ExecuteAsync(new CommandDefinition("""
            update surveys set contact_id = @to
            where contact_id = @from and query_id in (select item_id from contact_merge_moves where merge_id = @mergeId and item = 'query');
            update improvements set contact_id = @to
            where contact_id = @from and query_id in (select item_id from contact_merge_moves where merge_id = @mergeId and item = 'query');
            """, args, tx, cancellationToken: ct));
        // A query merge while they were one person moved a chat to a query that may now be the other person's: the chat
        // goes back to its own query merged into that one (or to none), or the other's replies would reach this chat.
        await connection.ExecuteAsync(new CommandDefinition("""
            update conversations set query_id = (
                select max(d.id) from queries d where d.merged_into_id = conversations.query_id and d.contact_id = conversations.contact_id)
            where contact_id in (@to, @from)
              and exists (select 1 from queries q where q.id = conversations.query_id and q.contact_id <> conversations.contact_id)
            """, args, tx, cancellationToken: ct));
        return moved;
    }

    public static string? ReasonProblem(string? reason) =>
        TextRules.Problem(reason, "Reason", Limits.ReasonLength) is { } problem
            ? problem
            : TextRules.HasVisible(reason!) ? null : "A reason is required: say why.";

    sealed class MergeRow
    {
        public long Id { get; init; }
        public long SurvivorId { get; init; }
        public long MergedId { get; init; }
        public DateTimeOffset MergedAt { get; init; }
        public DateTimeOffset? UnmergedAt { get; init; }
    }
}

/// <summary>A contact row as merges and erasure see it, claimed (write-locked) for the transaction.</summary>
internal sealed class ContactRows
{
    public long Id { get; init; }
    public string DisplayName { get; init; } = "";
    public long? MergedIntoId { get; init; }
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Locks the contacts that exist among <paramref name="ids"/>, in id order so that two merges of one pair wait rather than deadlock.</summary>
    public static async Task<Dictionary<long, ContactRows>> ClaimAsync(DbTransaction tx, IEnumerable<long> ids, CancellationToken ct)
    {
        var claimed = new Dictionary<long, ContactRows>();
        foreach (var id in ids.Distinct().Order())
        {
            await tx.Connection!.ExecuteAsync(new CommandDefinition(
                "update contacts set service_level = service_level where id = @id", new { id }, tx, cancellationToken: ct));
            if (await tx.Connection!.QuerySingleOrDefaultAsync<ContactRows>(new CommandDefinition(
                    "select id, display_name, merged_into_id, erased_at from contacts where id = @id", new { id }, tx, cancellationToken: ct)) is { } row)
                claimed[id] = row;
        }
        return claimed;
    }
}
