using System.Data.Common;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Outages;

/// <summary>The SQL of outages and their links. Writes take the caller's transaction.</summary>
internal sealed class OutageStore(DeskDb db)
{
    // An outage with its counts of linked queries, all or (with "and q.queue in …" after each count) those the reader may see.
    const string Columns = "o.id, o.title, o.description, o.service, o.status, o.declared_by, o.declared_at, o.resolved_by, o.resolved_at, o.resolution";

    const string LinkedCount = "select count(*) from outage_links l join queries q on q.id = l.query_id where l.outage_id = o.id";

    const string OpenLinkedCount = LinkedCount + " and q.status not in ('resolved', 'closed')";

    public Task<long> DeclareAsync(DbTransaction tx, DeclareOutage outage, string actor, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into outages (title, description, service, status, declared_by, declared_at)
            values (@Title, @Description, @Service, 'declared', @actor, @now)
            {db.Dialect.ReturningId()}
            """, new { outage.Title, outage.Description, outage.Service, actor, now }, tx, cancellationToken: ct));

    /// <summary>Takes the outage's row lock (links, notices and the resolution of one outage queue up); null when there is none.</summary>
    public async Task<OutageSummary?> ClaimAsync(DbTransaction tx, long id, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update outages set status = status where id = @id", new { id }, tx, cancellationToken: ct)) == 0
            ? null
            : await GetAsync(tx, id, null, ct);

    /// <summary>The outage, counting the linked queries in <paramref name="queues"/> (null: all).</summary>
    public async Task<OutageSummary> GetAsync(DbTransaction tx, long id, string[]? queues, CancellationToken ct)
    {
        var seen = queues is null ? "" : $" and {db.Dialect.InList("q.queue", "queues")}";
        return (await tx.Connection!.QuerySingleAsync<SummaryRow>(new CommandDefinition(
            $"select {Columns}, ({LinkedCount}{seen}) as linked, ({OpenLinkedCount}{seen}) as open_linked from outages o where o.id = @id",
            new { id, queues }, tx, cancellationToken: ct))).ToSummary();
    }

    public async Task<OutageSummary?> GetAsync(long id, string[]? queues, CancellationToken ct)
    {
        var seen = queues is null ? "" : $" and {db.Dialect.InList("q.queue", "queues")}";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<SummaryRow>(new CommandDefinition(
            $"select {Columns}, ({LinkedCount}{seen}) as linked, ({OpenLinkedCount}{seen}) as open_linked from outages o where o.id = @id",
            new { id, queues }, cancellationToken: ct)))?.ToSummary();
    }

    /// <summary>Declared outages first, then the latest resolved; newest first within each.</summary>
    public async Task<IReadOnlyList<OutageSummary>> ListAsync(int limit, string[]? queues, CancellationToken ct)
    {
        var seen = queues is null ? "" : $" and {db.Dialect.InList("q.queue", "queues")}";
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition($"""
            select {Columns}, ({LinkedCount}{seen}) as linked, ({OpenLinkedCount}{seen}) as open_linked from outages o
            order by case when o.status = 'declared' then 0 else 1 end, o.id desc
            {db.Dialect.Limit("limit")}
            """, new { limit, queues }, cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    public async Task<IReadOnlyList<OutageLink>> LinksAsync(long id, string[]? queues, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition("""
            select q.reference, q.subject, q.status, q.queue, q.channel, c.display_name as contact_name, l.linked_by, l.linked_at
            from outage_links l join queries q on q.id = l.query_id join contacts c on c.id = q.contact_id
            where l.outage_id = @id
            order by l.linked_at, q.id
            """, new { id }, cancellationToken: ct));
        return rows.Where(r => queues is null || queues.Contains(r.Queue))
            .Select(r => new OutageLink(r.Reference, r.Subject, r.Status, r.Queue, r.Channel, r.ContactName, r.LinkedBy, r.LinkedAt)).ToList();
    }

    /// <summary>The titles of the outages declared and not yet resolved, newest first: what a user writing in now may be about.</summary>
    public async Task<IReadOnlyList<string>> DeclaredTitlesAsync(DbTransaction tx, int max, CancellationToken ct) =>
        (await tx.Connection!.QueryAsync<string>(new CommandDefinition($"""
            select title from outages where status = 'declared' order by id desc {db.Dialect.Limit("max")}
            """, new { max }, tx, cancellationToken: ct))).AsList();

    /// <summary>The references of the queries linked to the outage, oldest link first.</summary>
    public async Task<IReadOnlyList<string>> LinkedReferencesAsync(DbTransaction tx, long id, CancellationToken ct) =>
        (await tx.Connection!.QueryAsync<string>(new CommandDefinition("""
            select q.reference from outage_links l join queries q on q.id = l.query_id
            where l.outage_id = @id order by l.linked_at, q.id
            """, new { id }, tx, cancellationToken: ct))).AsList();

    /// <summary>True when the link is new; false when the query was linked already.</summary>
    public async Task<bool> LinkAsync(DbTransaction tx, long id, long queryId, string actor, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict(
            "outage_links", "outage_id, query_id, linked_by, linked_at", "@id, @queryId, @actor, @now", "outage_id, query_id"),
            new { id, queryId, actor, now }, tx, cancellationToken: ct)) == 1;

    public async Task<bool> UnlinkAsync(DbTransaction tx, long id, long queryId, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "delete from outage_links where outage_id = @id and query_id = @queryId", new { id, queryId }, tx, cancellationToken: ct)) == 1;

    public Task ResolveAsync(DbTransaction tx, long id, string actor, string? resolution, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update outages set status = 'resolved', resolved_by = @actor, resolved_at = @now, resolution = @resolution where id = @id
            """, new { id, actor, resolution, now }, tx, cancellationToken: ct));

    sealed class SummaryRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string? Service { get; init; }
        public string Status { get; init; } = "";
        public string DeclaredBy { get; init; } = "";
        public DateTimeOffset DeclaredAt { get; init; }
        public string? ResolvedBy { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
        public string? Resolution { get; init; }
        public long Linked { get; init; }
        public long OpenLinked { get; init; }

        public OutageSummary ToSummary() =>
            new(Id, Title, Description, Service, Status, DeclaredBy, DeclaredAt, ResolvedBy, ResolvedAt, Resolution, (int)Linked, (int)OpenLinked);
    }

    sealed class LinkRow
    {
        public string Reference { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public string Queue { get; init; } = "";
        public string Channel { get; init; } = "";
        public string ContactName { get; init; } = "";
        public string LinkedBy { get; init; } = "";
        public DateTimeOffset LinkedAt { get; init; }
    }
}
