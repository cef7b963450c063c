using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Routing;

namespace Desk.Api.Contacts;

/// <summary>Erase contact: <paramref name="Confirm"/> repeats its display name or id, so the wrong contact is not erased by a typo.</summary>
public sealed record ContactEraseRequest(string? Reason, string? Confirm);

/// <summary>What an erasure removed: the identities deleted and the queries whose personal data became "[erased]".</summary>
public sealed record ContactErasureReceipt(long Id, string DisplayName, int Identities, int Queries, DateTimeOffset ErasedAt);

/// <summary>
/// Offboarding (ITIL 4 7.6.2): on request an admin erases a contact. Its identities are deleted and its name replaced;
/// its queries stay for statistics (type, priority, queue, times, SLA figures) with every text a person wrote on them, the
/// user's words and the desk's replies alike, replaced by "[erased]"; its chats, outbox messages, survey comments and
/// suggestions lose their text, as do the moments of truth staff noted on its queries and the numbers its texts came
/// from; its training examples and idempotency receipts are deleted. The audit log records
/// the erasure and the admin's reason, never what was erased.
/// </summary>
internal sealed class ContactErasure(DeskDb db, TimeProvider clock)
{
    public const string Erased = "[erased]";

    public static string ErasedName(long id) => $"Erased contact {id}";

    public async Task<ContactChange<ContactErasureReceipt>> EraseAsync(long id, ContactEraseRequest request, Caller caller, CancellationToken ct)
    {
        if (ContactMerges.ReasonProblem(request.Reason) is { } problem)
            return new ContactChange<ContactErasureReceipt>.Invalid("reason", problem);
        if (TextRules.Problem(request.Confirm, "Confirm", ContactAddresses.MaxLength) is { } confirmProblem)
            return new ContactChange<ContactErasureReceipt>.Invalid("confirm", confirmProblem);

        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var connection = tx.Connection!;
        if (!(await ContactRows.ClaimAsync(tx, [id], ct)).TryGetValue(id, out var contact))
            return new ContactChange<ContactErasureReceipt>.NotFound($"There is no contact {id}.");
        if (contact.ErasedAt is { } erasedAt)
            return new ContactChange<ContactErasureReceipt>.Conflict($"Contact {id} was already erased at {erasedAt:u}; nothing personal is left to erase.");
        if (contact.MergedIntoId is { } into)
            return new ContactChange<ContactErasureReceipt>.Conflict($"Contact {id} is merged into contact {into}, which holds its identities and queries; erase that one.");
        var confirm = request.Confirm!.Trim();
        if (confirm != contact.DisplayName.Trim() && confirm != id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return new ContactChange<ContactErasureReceipt>.Invalid("confirm", "Confirm must repeat the contact's display name or id exactly.");

        var now = clock.GetUtcNow();
        var args = new
        {
            id, erased = Erased, now, name = ErasedName(id), created = TimelineKinds.Created, messageIn = TimelineKinds.MessageIn, moment = Moments.MomentKinds.TimelineKind,
            messageOut = TimelineKinds.MessageOut, bot = TimelineKinds.BotMessage, phoneCall = TimelineKinds.PhoneCall,
        };
        var identities = await connection.ExecuteAsync(new CommandDefinition(
            "delete from contact_identities where contact_id = @id", args, tx, cancellationToken: ct));
        var queries = await connection.ExecuteAsync(new CommandDefinition(
            "update queries set subject = @erased, text = @erased where contact_id = @id", args, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            update timeline_entries set body = @erased where body is not null and query_id in (select id from queries where contact_id = @id);
            update timeline_entries set data = null
            where kind in (@created, @messageIn, @messageOut, @bot, @phoneCall, @moment)
                and query_id in (select id from queries where contact_id = @id);
            update outbox_messages set address = @erased, payload = @erased
            where query_id in (select id from queries where contact_id = @id)
                or conversation_id in (select id from conversations where contact_id = @id);
            update outbox_messages set state = 'failed', last_error = 'The contact was erased.', claimed_until = null,
                revision = revision + 1
            where state in ('pending', 'retrying', 'sending')
                and (query_id in (select id from queries where contact_id = @id)
                    or conversation_id in (select id from conversations where contact_id = @id));
            update bot_events set data = null
            where query_id in (select id from queries where contact_id = @id)
                or conversation_id in (select id from conversations where contact_id = @id);
            delete from labelled_examples where query_id in (select id from queries where contact_id = @id);
            delete from idempotency_keys where query_id in (select id from queries where contact_id = @id);
            update surveys set comment = @erased where comment is not null and contact_id = @id;
            update surveys set status = 'cancelled', due_at = null, reason = 'The contact was erased.' where contact_id = @id and status = 'scheduled';
            update improvements set text = @erased where contact_id = @id;
            update moments set note = @erased where note is not null and query_id in (select id from queries where contact_id = @id);
            update moments set recovery_note = @erased where recovery_note is not null and query_id in (select id from queries where contact_id = @id);
            update sms_received set address = @erased where query_id in (select id from queries where contact_id = @id);
            delete from email_originals where message_id in (
                select message_id from email_messages where query_id in (select id from queries where contact_id = @id));
            delete from email_attachments where query_id in (select id from queries where contact_id = @id);
            update email_messages set address = @erased, subject = null where query_id in (select id from queries where contact_id = @id);
            update contacts set display_name = @name, erased_at = @now where id = @id;
            """, args, tx, cancellationToken: ct));
        // A chat is found again by its key (a hash of the channel's conversation id): a new key and an empty reference
        // cut the person off from it, so writing again starts a new, unrelated conversation.
        var conversations = await connection.QueryAsync<long>(new CommandDefinition(
            "select id from conversations where contact_id = @id", args, tx, cancellationToken: ct));
        foreach (var conversation in conversations)
            await connection.ExecuteAsync(new CommandDefinition("""
                update conversations set conversation_key = @key, address = '{}', pending = null, step = null where id = @conversation
                """, new { key = $"erased:{conversation}", conversation }, tx, cancellationToken: ct));
        // Contacts once merged into this one (or into one merged into it) hold nothing but their old names now.
        for (var round = new List<long> { id }; round.Count > 0;)
        {
            var merged = (await connection.QueryAsync<long>(new CommandDefinition(
                $"select id from contacts where {db.Dialect.InList("merged_into_id", "round")}", new { round }, tx, cancellationToken: ct))).ToList();
            foreach (var old in merged)
                await connection.ExecuteAsync(new CommandDefinition(
                    "update contacts set display_name = @name, erased_at = @now where id = @old", new { name = ErasedName(old), now, old }, tx, cancellationToken: ct));
            round = merged;
        }
        await AuditLog.RecordAsync(tx, AuditKinds.ContactErased, caller.Name, $"contact:{id}",
            $"Erased {identities} identities and the personal data of {queries} queries: {request.Reason!.Trim()}", now, ct);
        await tx.CommitAsync(ct);
        return new ContactChange<ContactErasureReceipt>.Done(new ContactErasureReceipt(id, ErasedName(id), identities, queries, now));
    }
}
