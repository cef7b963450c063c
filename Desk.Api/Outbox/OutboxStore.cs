using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.Options;

namespace Desk.Api.Outbox;

/// <summary>
/// The SQL of the outbox. A message is written in its cause's transaction; the sender claims it (state <c>sending</c>,
/// committed before the channel is called), then records what came of it. So a crash before the claim leaves it to be
/// sent after restart, and a crash after the claim leaves it <c>unknown</c>, never sent twice.
/// </summary>
internal sealed class OutboxStore(DeskDb db, IOptionsMonitor<OutboxOptions> options)
{
    const string Columns = "id, message_id, channel, address, payload, attempts";

    /// <summary>Writes a message to send; returns its row id.</summary>
    public Task<long> EnqueueAsync(DbTransaction tx, OutboxEntry entry, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into outbox_messages (
                message_id, channel, address, payload, query_id, timeline_entry_id, conversation_id,
                state, attempts, next_attempt_at, created_at, updated_at)
            values (
                @messageId, @Channel, @Address, @Payload, @QueryId, @TimelineEntryId, @ConversationId,
                'pending', 0, @now, @now, @now)
            {db.Dialect.ReturningId()}
            """, new
        {
            messageId = Guid.NewGuid().ToString("N"),
            entry.Channel,
            entry.Address,
            entry.Payload,
            entry.QueryId,
            entry.TimelineEntryId,
            entry.ConversationId,
            now,
        }, tx, cancellationToken: ct));

    /// <summary>
    /// Claims up to <paramref name="max"/> due messages for this node. A message waits while an earlier one to the same
    /// address is still to be sent, so a conversation gets its messages in the order they were written.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(int max, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var due = (await write.Connection.QueryAsync<long>(new CommandDefinition($"""
            select m.id from outbox_messages m
            where m.state in ('pending', 'retrying') and m.next_attempt_at <= @now
              and not exists (
                  select 1 from outbox_messages e
                  where e.channel = m.channel and e.address = m.address and e.id < m.id
                    and e.state in ('pending', 'retrying', 'sending'))
            order by m.id
            {db.Dialect.Limit("max")}
            """, new { now, max }, write.Transaction, cancellationToken: ct))).AsList();
        if (due.Count == 0)
            return [];
        var until = now + options.CurrentValue.Lease;
        var claimed = new List<long>();
        foreach (var id in due)
        {
            // Another node may have claimed it since the select: only the update that finds it still due wins.
            if (await write.Connection.ExecuteAsync(new CommandDefinition("""
                    update outbox_messages set state = 'sending', attempts = attempts + 1, claimed_until = @until, updated_at = @now,
                        revision = revision + 1
                    where id = @id and state in ('pending', 'retrying')
                    """, new { id, until, now }, write.Transaction, cancellationToken: ct)) == 1)
                claimed.Add(id);
        }
        var rows = claimed.Count == 0 ? [] : (await write.Connection.QueryAsync<MessageRow>(new CommandDefinition($"""
            select {Columns} from outbox_messages where {db.Dialect.InList("id", "ids")} order by id
            """, new { ids = claimed.ToArray() }, write.Transaction, cancellationToken: ct)))
            .Select(r => new OutboxMessage(r.Id, r.MessageId, r.Channel, r.Address, r.Payload, r.Attempts)).ToList();
        await write.CommitAsync(ct);
        return rows;
    }

    /// <summary>Records what came of a send; returns the message's delivery as the timeline shows it.</summary>
    public async Task<DeliveryChange?> CompleteAsync(OutboxMessage message, DeliveryResult result, DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        (string State, string? Error, DateTimeOffset? Next) outcome = result switch
        {
            DeliveryResult.Delivered => ("sent", null, null),
            DeliveryResult.Retry retry when message.Attempts < settings.MaxAttempts =>
                // A connector's Retry-After counts, but never parks a message longer than the longest back-off.
                ("retrying", retry.Reason, now + Min(retry.After ?? Backoff(settings, message.Attempts), settings.MaxBackoff)),
            DeliveryResult.Retry retry => ("failed", $"{retry.Reason} (gave up after {message.Attempts} tries)", null),
            DeliveryResult.Failed failed => ("failed", failed.Reason, null),
            DeliveryResult.Unknown unknown => ("unknown", unknown.Reason, null),
            _ => throw new ArgumentOutOfRangeException(nameof(result)),
        };
        var (state, error, next) = outcome;
        await using var write = await db.BeginWriteAsync(ct);
        await write.Connection.ExecuteAsync(new CommandDefinition("""
            update outbox_messages set
                state = @state, last_error = @error, claimed_until = null, updated_at = @now, revision = revision + 1,
                next_attempt_at = coalesce(@next, next_attempt_at),
                sent_at = case when @state = 'sent' then @now else sent_at end
            where id = @Id and state = 'sending'
            """, new { state, error, now, next, message.Id }, write.Transaction, cancellationToken: ct));
        var change = await ChangeAsync(write.Transaction, message.Id, ct);
        await write.CommitAsync(ct);
        return change;
    }

    /// <summary>
    /// Sends a message given up (failed) or of unknown delivery again, from its first try: its state, or null when the
    /// entry sent nothing. Only those two states change; the caller tells a message under way from one that was resent.
    /// </summary>
    public async Task<(string State, DeliveryChange? Change)?> ResendAsync(long queryId, long entryId, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var found = await write.Connection.QuerySingleOrDefaultAsync<(long Id, string? State)>(new CommandDefinition("""
            select id, state from outbox_messages where query_id = @queryId and timeline_entry_id = @entryId
            """, new { queryId, entryId }, write.Transaction, cancellationToken: ct));
        if (found.State is null)
            return null;
        var resent = await write.Connection.ExecuteAsync(new CommandDefinition("""
            update outbox_messages set state = 'pending', attempts = 0, next_attempt_at = @now, last_error = null, updated_at = @now,
                revision = revision + 1
            where id = @Id and state in ('failed', 'unknown')
            """, new { found.Id, now }, write.Transaction, cancellationToken: ct));
        var change = resent == 1 ? await ChangeAsync(write.Transaction, found.Id, ct) : null;
        await write.CommitAsync(ct);
        return (found.State, change);
    }

    /// <summary>
    /// Messages still held by a sender past their lease were being sent when a node stopped: they may have arrived,
    /// so they are marked unknown rather than sent again.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryChange>> ReleaseAbandonedAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var stale = (await write.Connection.QueryAsync<long>(new CommandDefinition("""
            select id from outbox_messages where state = 'sending' and claimed_until < @now
            """, new { now }, write.Transaction, cancellationToken: ct))).AsList();
        var changes = new List<DeliveryChange>();
        foreach (var id in stale)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition("""
                update outbox_messages set state = 'unknown', claimed_until = null, updated_at = @now, revision = revision + 1,
                    last_error = 'The desk stopped while sending it; not sent again so the user does not get it twice.'
                where id = @id and state = 'sending' and claimed_until < @now
                """, new { id, now }, write.Transaction, cancellationToken: ct));
            if (await ChangeAsync(write.Transaction, id, ct) is { } change)
                changes.Add(change);
        }
        await write.CommitAsync(ct);
        return changes;
    }

    /// <summary>
    /// How many messages are still to be delivered: waiting (pending or retrying) and being sent. Each count reads only
    /// its own partial index, so its cost follows the backlog, never the messages sent long ago.
    /// </summary>
    public async Task<Backlog> BacklogAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleAsync<Backlog>(new CommandDefinition("""
            select
                (select count(*) from outbox_messages where state in ('pending', 'retrying')) as waiting,
                (select count(*) from outbox_messages where state = 'sending') as sending
            """, cancellationToken: ct));
    }

    /// <summary>
    /// Messages retrying since before <paramref name="retryingSince"/>, and given up (failed or unknown) since
    /// <paramref name="givenUpSince"/>, with the latest error among them. Each count reads a partial index.
    /// </summary>
    public async Task<Trouble> TroubleAsync(DateTimeOffset retryingSince, DateTimeOffset givenUpSince, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleAsync<Trouble>(new CommandDefinition($"""
            select
                (select count(*) from outbox_messages where state = 'retrying' and created_at < @retryingSince) as retrying,
                (select count(*) from outbox_messages where state in ('failed', 'unknown') and updated_at >= @givenUpSince) as given_up,
                (select last_error from outbox_messages
                 where state in ('retrying', 'failed', 'unknown') and updated_at >= @givenUpSince
                 order by updated_at desc {db.Dialect.Limit("one")}) as last_error
            """, new { retryingSince, givenUpSince, one = 1 }, cancellationToken: ct));
    }

    internal sealed class Trouble
    {
        public long Retrying { get; init; }
        public long GivenUp { get; init; }
        public string? LastError { get; init; }
    }

    internal sealed class Backlog
    {
        public long Waiting { get; init; }
        public long Sending { get; init; }
    }

    /// <summary>The delivery of each given timeline entry that sent something.</summary>
    public async Task<IReadOnlyDictionary<long, Delivery>> DeliveriesAsync(DbConnection connection, long queryId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<DeliveryRow>(new CommandDefinition("""
            select timeline_entry_id, state, attempts, channel, updated_at, last_error, revision
            from outbox_messages where query_id = @queryId and timeline_entry_id is not null
            """, new { queryId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.TimelineEntryId, r => r.ToDelivery());
    }

    async Task<DeliveryChange?> ChangeAsync(DbTransaction tx, long id, CancellationToken ct)
    {
        var row = await tx.Connection!.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition("""
            select o.timeline_entry_id, o.state, o.attempts, o.channel, o.updated_at, o.last_error, o.revision, q.reference, q.queue
            from outbox_messages o join queries q on q.id = o.query_id
            where o.id = @id and o.timeline_entry_id is not null
            """, new { id }, tx, cancellationToken: ct));
        return row is null ? null : new DeliveryChange(row.Reference!, row.TimelineEntryId, row.ToDelivery(), row.Queue!);
    }

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    static TimeSpan Backoff(OutboxOptions settings, int attempts)
    {
        var wait = settings.FirstBackoff * Math.Pow(2, Math.Max(0, attempts - 1));
        var capped = wait < settings.MaxBackoff ? wait : settings.MaxBackoff;
        // Up to a fifth more, so that many messages failing at once do not all come back at once.
        return capped * (1 + Random.Shared.NextDouble() / 5);
    }

    sealed class MessageRow
    {
        public long Id { get; init; }
        public string MessageId { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Address { get; init; } = "";
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
    }

    sealed class DeliveryRow
    {
        public long TimelineEntryId { get; init; }
        public string State { get; init; } = "";
        public int Attempts { get; init; }
        public string Channel { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
        public string? LastError { get; init; }
        public int Revision { get; init; }
        public string? Reference { get; init; }
        public string? Queue { get; init; }

        public Delivery ToDelivery() => new(State, Attempts, Channel, UpdatedAt, LastError, Revision);
    }
}

/// <summary>
/// A message for the outbox: the channel plug-in, the thread it belongs to (messages of one thread go out in the order
/// they were written: a conversation, a mail thread), what the plug-in sends, and what it belongs to at the desk.
/// </summary>
internal sealed record OutboxEntry(
    string Channel, string Address, string Payload, long? QueryId = null, long? TimelineEntryId = null, long? ConversationId = null);
