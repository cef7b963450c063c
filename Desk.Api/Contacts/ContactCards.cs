using Dapper;
using Desk.Api.Data;
using Desk.Api.Routing;

namespace Desk.Api.Contacts;

/// <summary>
/// One way a contact reached the desk: the channel and the address or user id it gave. <c>VerifiedAt</c> is set once the
/// person proved they hold it (a portal code sent there came back); an address merely typed in stays unverified.
/// </summary>
public sealed record ContactChannelIdentity(string Channel, string Address, DateTimeOffset Since, DateTimeOffset? VerifiedAt);

/// <summary>One of the contact's queries, as the card lists it, whatever channel it came in on.</summary>
public sealed record ContactQuery(string Reference, string Subject, string Status, string Type, string Queue, string Channel, DateTimeOffset CreatedAt);

/// <summary>A merge this contact took part in, either side; <c>UnmergedAt</c> is set once it was undone.</summary>
public sealed record ContactMergeEntry(long Id, long Survivor, long Merged, string Reason, string MergedBy, DateTimeOffset MergedAt,
    string? UnmergedBy, DateTimeOffset? UnmergedAt, string? UnmergeReason);

/// <summary>
/// Who a contact is, every identity they wrote from, and their queries in the queues the caller may see, newest first.
/// <c>MergedInto</c> names the contact that now holds a merged contact's identities and queries; <c>ErasedAt</c> is set
/// once the contact was erased.
/// </summary>
public sealed record ContactCard(long Id, string DisplayName, string ServiceLevel, IReadOnlyList<ContactChannelIdentity> Identities,
    IReadOnlyList<ContactQuery> Queries, long? MergedInto, DateTimeOffset? ErasedAt, IReadOnlyList<ContactMergeEntry> Merges);

/// <summary>The contact card of the query pane (7.3: one user across channels, one timeline per contact).</summary>
internal sealed class ContactCards(DeskDb db)
{
    public const int MostQueries = 100;

    public async Task<ContactCard?> GetAsync(long id, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var contact = await connection.QuerySingleOrDefaultAsync<ContactHead>(new CommandDefinition(
            "select id, display_name, service_level, created_at, merged_into_id, erased_at from contacts where id = @id", new { id }, cancellationToken: ct));
        if (contact is null)
            return null;
        var queries = await connection.QueryAsync<QueryItem>(new CommandDefinition($"""
            select reference, subject, status, type, queue, channel, created_at from queries
            where contact_id = @id
            order by id desc {db.Dialect.Limit("most")}
            """, new { id, most = MostQueries }, cancellationToken: ct));
        return new ContactCard(contact.Id, contact.DisplayName, contact.ServiceLevel, await IdentitiesAsync(connection, id, ct),
            queries.Where(q => caller.MaySee(q.Queue)).Select(q => new ContactQuery(q.Reference, q.Subject, q.Status, q.Type, q.Queue, q.Channel, q.CreatedAt)).ToList(),
            contact.MergedIntoId, contact.ErasedAt, await MergesAsync(connection, id, ct));
    }

    public static async Task<IReadOnlyList<ContactChannelIdentity>> IdentitiesAsync(System.Data.Common.DbConnection connection, long id, CancellationToken ct) =>
        (await connection.QueryAsync<IdentityItem>(new CommandDefinition("""
            select channel, address, created_at as since, verified_at from contact_identities where contact_id = @id order by id
            """, new { id }, cancellationToken: ct))).Select(i => new ContactChannelIdentity(i.Channel, i.Address, i.Since, i.VerifiedAt)).ToList();

    public static async Task<IReadOnlyList<ContactMergeEntry>> MergesAsync(System.Data.Common.DbConnection connection, long id, CancellationToken ct) =>
        (await connection.QueryAsync<MergeItem>(new CommandDefinition("""
            select id, survivor_id, merged_id, reason, merged_by, merged_at, unmerged_by, unmerged_at, unmerge_reason
            from contact_merges where survivor_id = @id or merged_id = @id
            order by id
            """, new { id }, cancellationToken: ct)))
            .Select(m => new ContactMergeEntry(m.Id, m.SurvivorId, m.MergedId, m.Reason, m.MergedBy, m.MergedAt, m.UnmergedBy, m.UnmergedAt, m.UnmergeReason))
            .ToList();

    internal sealed class ContactHead
    {
        public long Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string ServiceLevel { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public long? MergedIntoId { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
    }

    sealed class IdentityItem
    {
        public string Channel { get; init; } = "";
        public string Address { get; init; } = "";
        public DateTimeOffset Since { get; init; }
        public DateTimeOffset? VerifiedAt { get; init; }
    }

    sealed class QueryItem
    {
        public string Reference { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public string Type { get; init; } = "";
        public string Queue { get; init; } = "";
        public string Channel { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    sealed class MergeItem
    {
        public long Id { get; init; }
        public long SurvivorId { get; init; }
        public long MergedId { get; init; }
        public string Reason { get; init; } = "";
        public string MergedBy { get; init; } = "";
        public DateTimeOffset MergedAt { get; init; }
        public string? UnmergedBy { get; init; }
        public DateTimeOffset? UnmergedAt { get; init; }
        public string? UnmergeReason { get; init; }
    }
}
