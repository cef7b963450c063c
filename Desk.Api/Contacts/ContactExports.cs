using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Contacts;

/// <summary>
/// One entry of a query's timeline. Internal notes are the desk's working words and stay out; moments of truth and routing
/// entries are about the person, so a request to see one's data gets them.
/// </summary>
public sealed record ExportedEntry(string Kind, string Actor, string? Body, DateTimeOffset CreatedAt);

/// <summary>A query of the contact with what they wrote and the timeline they could see.</summary>
public sealed record ExportedQuery(string Reference, string Type, string Status, string Priority, string Channel, string Queue, string Subject,
    string Text, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, IReadOnlyList<ExportedEntry> Timeline);

/// <summary>A survey asked of the contact, with their answer when they gave one.</summary>
public sealed record ExportedSurvey(string Query, string Status, string? Kind, string? Channel, DateTimeOffset? SentAt, DateTimeOffset? AnsweredAt,
    int? Score, string? Comment);

/// <summary>Everything the desk holds about a contact (ITIL 4 7.6.2: the subject's own data, on request).</summary>
public sealed record ContactExport(long Id, string DisplayName, string ServiceLevel, DateTimeOffset CreatedAt, long? MergedInto,
    DateTimeOffset? ErasedAt, IReadOnlyList<ContactChannelIdentity> Identities, IReadOnlyList<ContactMergeEntry> Merges,
    IReadOnlyList<ExportedQuery> Queries, IReadOnlyList<ExportedSurvey> Surveys, DateTimeOffset ExportedAt);

/// <summary>The export of a contact: every query in every queue (an admin's), not the card's first hundred.</summary>
internal sealed class ContactExports(DeskDb db, TimeProvider clock)
{
    public async Task<ContactExport?> ExportAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var contact = await connection.QuerySingleOrDefaultAsync<ContactCards.ContactHead>(new CommandDefinition(
            "select id, display_name, service_level, created_at, merged_into_id, erased_at from contacts where id = @id", new { id }, cancellationToken: ct));
        if (contact is null)
            return null;
        var queries = (await connection.QueryAsync<QueryItem>(new CommandDefinition("""
            select id, reference, type, status, priority, channel, queue, subject, text, created_at, resolved_at, closed_at
            from queries where contact_id = @id order by id
            """, new { id }, cancellationToken: ct))).ToList();
        var entries = (await connection.QueryAsync<EntryItem>(new CommandDefinition("""
            select t.query_id, t.kind, t.actor, t.body, t.created_at
            from timeline_entries t join queries q on q.id = t.query_id
            where q.contact_id = @id and t.kind <> @note
            order by t.id
            """, new { id, note = TimelineKinds.Note }, cancellationToken: ct))).ToLookup(e => e.QueryId);
        var surveys = await connection.QueryAsync<SurveyItem>(new CommandDefinition("""
            select q.reference, s.status, s.kind, s.channel, s.sent_at, s.answered_at, s.score, s.comment
            from surveys s join queries q on q.id = s.query_id
            where s.contact_id = @id
            order by s.id
            """, new { id }, cancellationToken: ct));
        return new ContactExport(contact.Id, contact.DisplayName, contact.ServiceLevel, contact.CreatedAt, contact.MergedIntoId, contact.ErasedAt,
            await ContactCards.IdentitiesAsync(connection, id, ct), await ContactCards.MergesAsync(connection, id, ct),
            queries.Select(q => new ExportedQuery(q.Reference, q.Type, q.Status, q.Priority, q.Channel, q.Queue, q.Subject, q.Text, q.CreatedAt,
                q.ResolvedAt, q.ClosedAt, entries[q.Id].Select(e => new ExportedEntry(e.Kind, e.Actor, e.Body, e.CreatedAt)).ToList())).ToList(),
            surveys.Select(s => new ExportedSurvey(s.Reference, s.Status, s.Kind, s.Channel, s.SentAt, s.AnsweredAt, s.Score, s.Comment)).ToList(),
            clock.GetUtcNow());
    }

    sealed class QueryItem
    {
        public long Id { get; init; }
        public string Reference { get; init; } = "";
        public string Type { get; init; } = "";
        public string Status { get; init; } = "";
        public string Priority { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Queue { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Text { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
    }

    sealed class EntryItem
    {
        public long QueryId { get; init; }
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public string? Body { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    sealed class SurveyItem
    {
        public string Reference { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Kind { get; init; }
        public string? Channel { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
        public int? Score { get; init; }
        public string? Comment { get; init; }
    }
}
