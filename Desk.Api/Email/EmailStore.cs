using System.Data.Common;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Email;

/// <summary>The mails seen and sent (by Message-ID), the originals of received ones, and the addresses that bounce.</summary>
internal sealed class EmailStore(DeskDb db)
{
    /// <summary>Records a received mail; false when its Message-ID was seen before (the mailbox gave it again).</summary>
    public async Task<bool> FirstSightAsync(DbTransaction tx, string messageId, string address, string? subject, string outcome,
        DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("email_messages",
            "message_id, direction, address, subject, outcome, recorded_at", "@messageId, 'in', @address, @subject, @outcome, @now", "message_id"),
            new { messageId, address, subject, outcome, now }, tx, cancellationToken: ct)) == 1;

    public Task LinkAsync(DbTransaction tx, string messageId, long queryId, string outcome, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update email_messages set query_id = @queryId, outcome = @outcome where message_id = @messageId",
            new { messageId, queryId, outcome }, tx, cancellationToken: ct));

    public Task KeepOriginalAsync(DbTransaction tx, string messageId, byte[] raw, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "insert into email_originals (message_id, raw) values (@messageId, @raw)", new { messageId, raw }, tx, cancellationToken: ct));

    /// <summary>The query of the first of <paramref name="messageIds"/> the desk sent or received for the contact's queries.</summary>
    public async Task<string?> ThreadAsync(DbTransaction tx, IReadOnlyList<string> messageIds, long contactId, CancellationToken ct) =>
        messageIds.Count == 0 ? null : await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition($"""
            select q.reference from email_messages m
            join queries q on q.id = m.query_id
            where {db.Dialect.InList("m.message_id", "messageIds")} and q.contact_id = @contactId
            order by m.recorded_at desc, q.id desc
            {db.Dialect.Limit("one")}
            """, new { messageIds = messageIds.ToArray(), contactId, one = 1 }, tx, cancellationToken: ct));

    /// <summary>The reference in a subject when the query is the contact's.</summary>
    public Task<string?> ContactsQueryAsync(DbTransaction tx, string reference, long contactId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select reference from queries where reference = @reference and contact_id = @contactId",
            new { reference, contactId }, tx, cancellationToken: ct));

    public Task<long?> ContactOfAsync(DbTransaction tx, string address, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select contact_id from contact_identities where channel = 'email' and address = @address",
            new { address }, tx, cancellationToken: ct));

    public async Task MarkUndeliverableAsync(DbTransaction tx, string address, string reason, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("email_undeliverable",
            "address, reason, marked_at", "@address, @reason, @now", "address"), new { address, reason, now }, tx, cancellationToken: ct));

    public Task ClearUndeliverableAsync(DbTransaction tx, string address, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "delete from email_undeliverable where address = @address", new { address }, tx, cancellationToken: ct));

    /// <summary>True when the desk sent one of these mails to the address.</summary>
    public async Task<bool> SentToAsync(DbTransaction tx, string[] messageIds, string address, CancellationToken ct) =>
        messageIds.Length > 0 && await tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(db.Dialect.Exists($"""
            select 1 from email_messages where {db.Dialect.InList("message_id", "messageIds")} and direction = 'out' and address = @address
            """), new { messageIds, address }, tx, cancellationToken: ct));

    public async Task<string?> UndeliverableAsync(string address, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select reason from email_undeliverable where address = @address", new { address }, cancellationToken: ct));
    }

    public Task KeepAttachmentAsync(DbTransaction tx, long queryId, string messageId, string fileName, string contentType, byte[] content,
        DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into email_attachments (query_id, message_id, file_name, content_type, size_bytes, content, received_at)
            values (@queryId, @messageId, @fileName, @contentType, @size, @content, @now)
            """, new { queryId, messageId, fileName, contentType, size = (long)content.Length, content, now }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<MailAttachment>> AttachmentsAsync(long queryId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<MailAttachment>(new CommandDefinition("""
            select id, file_name, content_type, size_bytes, received_at from email_attachments where query_id = @queryId order by id
            """, new { queryId }, cancellationToken: ct))).AsList();
    }

    public async Task<(string FileName, string ContentType, byte[] Content)?> AttachmentAsync(long queryId, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string FileName, string ContentType, byte[] Content)>(new CommandDefinition("""
            select file_name, content_type, content from email_attachments where query_id = @queryId and id = @id
            """, new { queryId, id }, cancellationToken: ct));
        return row.Content is null ? null : row;
    }

    /// <summary>What an outgoing mail threads under: its query's reference, first subject and the user's last mail about it.</summary>
    public async Task<MailThread?> ThreadOfOutboxAsync(long outboxId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var query = await connection.QuerySingleOrDefaultAsync<(long Id, string Reference, string Subject)>(new CommandDefinition("""
            select q.id, q.reference, q.subject from outbox_messages o join queries q on q.id = o.query_id where o.id = @outboxId
            """, new { outboxId }, cancellationToken: ct));
        if (query.Reference is null)
            return null;
        var received = (await connection.QueryAsync<(string MessageId, string? Subject)>(new CommandDefinition("""
            select message_id, subject from email_messages where query_id = @Id and direction = 'in' order by recorded_at, message_id
            """, new { query.Id }, cancellationToken: ct))).AsList();
        var subject = received.Select(r => r.Subject).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
        return new MailThread(query.Id, query.Reference, subject ?? query.Subject, [.. received.Select(r => r.MessageId)]);
    }

    /// <summary>Records a mail the desk sends (again, after a retry: once), so the user's reply to it finds its query.</summary>
    public async Task RecordSentAsync(string messageId, string address, long? queryId, string subject, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("email_messages",
            "message_id, direction, address, query_id, subject, outcome, recorded_at", "@messageId, 'out', @address, @queryId, @subject, 'sent', @now",
            "message_id"), new { messageId, address, queryId, subject, now }, cancellationToken: ct));
    }
}


/// <summary>A query's mail thread: the user's mails about it, oldest first.</summary>
internal sealed record MailThread(long QueryId, string Reference, string Subject, IReadOnlyList<string> Received);

/// <summary>A received attachment as staff see it listed.</summary>
public sealed record MailAttachment(long Id, string FileName, string ContentType, long SizeBytes, DateTimeOffset ReceivedAt);
