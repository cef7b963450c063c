using System.Data.Common;
using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Moments;
using Desk.Api.Outbox;

namespace Desk.Api.Queries;

/// <summary>Everything that happened to a query, append-only.</summary>
internal sealed class TimelineStore(DeskDb db, OutboxStore outbox)
{
    // The actor's display name comes with the entry, read and pushed alike: no page has to know the staff to show it.
    const string Columns = "t.id, t.kind, t.actor, s.display_name as actor_name, t.body, t.data, t.created_at, t.query_version";
    const string Entries = "timeline_entries t left join staff s on s.username = t.actor";

    public async Task<TimelineEntry> AppendAsync(
        DbTransaction tx, QueryRow query, string kind, string actor, string? body, object? data, DateTimeOffset at, CancellationToken ct)
    {
        var json = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
        var id = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into timeline_entries (query_id, kind, actor, body, data, created_at, query_version)
            values (@queryId, @kind, @actor, @body, @json, @at, @Version)
            {db.Dialect.ReturningId()}
            """, new { queryId = query.Id, kind, actor, body, json, at, query.Version }, tx, cancellationToken: ct));
        var actorName = await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select display_name from staff where username = @actor", new { actor }, tx, cancellationToken: ct));
        return new TimelineEntry(id, query.Reference, kind, actor, body, Parse(json), at, query.Version, ActorName: actorName)
        {
            ContactId = query.ContactId,
        };
    }

    /// <summary>
    /// The whole timeline; staff's own entries, internal notes and moments of truth (their account of how the user
    /// fared), only when <paramref name="withInternal"/> (staff).
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> ListAsync(long queryId, string reference, bool withInternal, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(
            new CommandDefinition($"""
                select {Columns} from {Entries}
                where t.query_id = @queryId and (@note is null or t.kind not in (@note, @moment))
                order by t.id
                """, new { queryId, note = withInternal ? null : TimelineKinds.Note, moment = MomentKinds.TimelineKind }, cancellationToken: ct));
        var deliveries = await outbox.DeliveriesAsync(connection, queryId, ct);
        return rows.Select(r => r.Entry(reference, deliveries.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>What happened to a query after the given version of it (internal notes aside): a stale change is told this.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> SinceAsync(DbTransaction tx, QueryRow query, long version, CancellationToken ct)
    {
        var rows = await tx.Connection!.QueryAsync<EntryRow>(new CommandDefinition($"""
            select {Columns} from {Entries}
            where t.query_id = @Id and t.query_version > @version and t.kind <> @note
            order by t.id
            """, new { query.Id, version, note = TimelineKinds.Note }, tx, cancellationToken: ct));
        return rows.Select(r => r.Entry(query.Reference)).ToList();
    }

    /// <summary>The channel the user's latest message on the query came by ("email", "sms", a chat's), or null when none came.</summary>
    public async Task<string?> LastWroteByAsync(DbTransaction tx, QueryRow query, CancellationToken ct)
    {
        var data = await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition($"""
            select data from timeline_entries where query_id = @Id and kind = @messageIn order by id desc {db.Dialect.Limit("one")}
            """, new { query.Id, messageIn = TimelineKinds.MessageIn, one = 1 }, tx, cancellationToken: ct));
        return Parse(data) is { ValueKind: JsonValueKind.Object } parsed && parsed.TryGetProperty("channel", out var channel)
            && channel.ValueKind == JsonValueKind.String ? channel.GetString() : null;
    }

    public async Task<bool> IsEntryOfAsync(DbTransaction tx, QueryRow query, long entryId, CancellationToken ct) =>
        await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select query_id from timeline_entries where id = @entryId", new { entryId }, tx, cancellationToken: ct)) == query.Id;

    /// <summary>What others (agents, the bot) sent the user after entry <paramref name="afterId"/>: a reply written before may now be out of date.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> SentToUserAfterAsync(DbTransaction tx, QueryRow query, long afterId, string writer, CancellationToken ct)
    {
        var rows = await tx.Connection!.QueryAsync<EntryRow>(new CommandDefinition($"""
            select {Columns} from {Entries}
            where t.query_id = @Id and t.id > @afterId and t.kind in (@reply, @bot) and t.actor <> @writer
            order by t.id
            """, new { query.Id, afterId, reply = TimelineKinds.MessageOut, bot = TimelineKinds.BotMessage, writer }, tx, cancellationToken: ct));
        return rows.Select(r => r.Entry(query.Reference)).ToList();
    }

    sealed class EntryRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public string? Body { get; init; }
        public string? Data { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long? QueryVersion { get; init; } // null on entries from before versions existed
        public string? ActorName { get; init; }

        public TimelineEntry Entry(string reference, Delivery? delivery = null) =>
            new(Id, reference, Kind, Actor, Body, Parse(Data), CreatedAt, QueryVersion ?? 0, delivery, ActorName);
    }

    static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
