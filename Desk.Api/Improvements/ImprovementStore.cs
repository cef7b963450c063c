using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Desk.Classifier;

namespace Desk.Api.Improvements;

/// <summary>The SQL of the improvement register. Writes take the caller's transaction; reads open their own connection.</summary>
internal sealed class ImprovementStore(DeskDb db, TimelineStore timeline)
{
    const string SelectRow = """
        select i.*, q.reference, q.queue
        from improvements i join queries q on q.id = i.query_id
        """;

    /// <summary>
    /// A query that is an improvement suggestion joins the register, once, when it gets that type with some certainty (at
    /// intake outside triage, or when an agent or the user says so); the timeline entry saying so, or null.
    /// </summary>
    public async Task<TimelineEntry?> SuggestedAsync(DbTransaction tx, QueryRow query, DateTimeOffset now, CancellationToken ct) =>
        query.Type == QueryType.ImprovementSuggestion.ToCode() && query.Queue != Practice.TriageQueue
            ? (await RegisterAsync(tx, ImprovementSources.Query, query.Id, query, query.Text, now, ct))?.Entry
            : null;

    /// <summary>
    /// A query whose type changed: as a suggestion it joins the register; no longer one, its entry leaves the register
    /// unless a supervisor decided on it already (the user is not asked about a suggestion they no longer make). The
    /// timeline entry saying so, or null; its query's timeline keeps both.
    /// </summary>
    public Task<TimelineEntry?> RetypedAsync(DbTransaction tx, QueryRow query, DateTimeOffset now, CancellationToken ct) =>
        query.Type == QueryType.ImprovementSuggestion.ToCode() ? SuggestedAsync(tx, query, now, ct) : WithdrawAsync(tx, query, now, ct);

    async Task<TimelineEntry?> WithdrawAsync(DbTransaction tx, QueryRow query, DateTimeOffset now, CancellationToken ct)
    {
        var args = new { source = ImprovementSources.Query, query.Id, status = ImprovementStatus.New };
        var id = await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from improvements where source = @source and source_id = @Id and status = @status", args, tx, cancellationToken: ct));
        if (id is null)
            return null;
        await tx.Connection!.ExecuteAsync(new CommandDefinition("delete from improvements where id = @id", new { id }, tx, cancellationToken: ct));
        return await timeline.AppendAsync(tx, query, ImprovementKinds.Withdrawn, "desk",
            $"Withdrawn from the improvement register (#{id}): the query is no longer a suggestion.", new { improvement = id, args.source, says = "improvement_withdrawn" }, now, ct);
    }

    /// <summary>Adds an entry for its source unless it has one: its id and the timeline entry on the query saying so, or null.</summary>
    public async Task<Registration?> RegisterAsync(DbTransaction tx, string source, long sourceId, QueryRow query, string text,
        DateTimeOffset now, CancellationToken ct)
    {
        var added = await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("improvements",
            "source, source_id, query_id, contact_id, text, status, created_at, updated_at, status_changed_at",
            "@source, @sourceId, @Id, @ContactId, @text, 'new', @now, @now, @now", "source, source_id"),
            new { source, sourceId, query.Id, query.ContactId, text, now }, tx, cancellationToken: ct));
        if (added == 0)
            return null;
        var id = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            "select id from improvements where source = @source and source_id = @sourceId", new { source, sourceId }, tx, cancellationToken: ct));
        return new Registration(id, await timeline.AppendAsync(tx, query, ImprovementKinds.Registered, "desk",
            $"Added to the improvement register as #{id}.", new { improvement = id, source, says = "improvement_registered" }, now, ct));
    }

    /// <summary>Newest first, keyset paged on the id; only entries from queues the caller may see (null: all).</summary>
    public async Task<IReadOnlyList<ImprovementRow>> ListAsync(string? status, long? after, int limit, string[]? queues, CancellationToken ct)
    {
        var conditions = new List<string>();
        if (status is not null) conditions.Add("i.status = @status");
        if (after is not null) conditions.Add("i.id < @after");
        if (queues is not null) conditions.Add(db.Dialect.InList("q.queue", "queues"));
        var where = conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ImprovementRow>(new CommandDefinition(
            $"{SelectRow} {where} order by i.id desc {db.Dialect.Limit("limit")}",
            new { status, after, limit, queues }, cancellationToken: ct))).AsList();
    }

    public async Task<ImprovementRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ImprovementRow>(new CommandDefinition(
            $"{SelectRow} where i.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The entry, its row locked until the transaction ends; null when there is none.</summary>
    public async Task<ImprovementRow?> ClaimAsync(DbTransaction tx, long id, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update improvements set updated_at = updated_at where id = @id", new { id }, tx, cancellationToken: ct)) == 0
            ? null
            : await tx.Connection!.QuerySingleAsync<ImprovementRow>(new CommandDefinition(
                $"{SelectRow} where i.id = @id", new { id }, tx, cancellationToken: ct));

    public Task SaveAsync(DbTransaction tx, ImprovementRow row, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update improvements set status = @Status, owner = @Owner, note = @Note, updated_at = @UpdatedAt, status_changed_at = @StatusChangedAt
            where id = @Id
            """, row, tx, cancellationToken: ct));

    /// <summary>How many entries stand in each status, and of them the proposals to change an overridden rule.</summary>
    /// <summary>Only entries from queues the caller may see (null: all).</summary>
    public async Task<ImprovementCounts> CountsAsync(string[]? queues, CancellationToken ct)
    {
        var where = queues is null ? "" : $"where i.query_id in (select q.id from queries q where {db.Dialect.InList("q.queue", "queues")})";
        await using var connection = await db.OpenAsync(ct);
        var counts = (await connection.QueryAsync<(string Source, string Status, int Count)>(new CommandDefinition(
            $"select i.source, i.status, count(*) from improvements i {where} group by i.source, i.status", new { queues }, cancellationToken: ct))).ToList();
        ImprovementCounts Of(Func<string, bool> source)
        {
            int In(string status) => counts.Where(c => c.Status == status && source(c.Source)).Sum(c => c.Count);
            return new(In(ImprovementStatus.New), In(ImprovementStatus.Accepted), In(ImprovementStatus.Planned), In(ImprovementStatus.Done),
                In(ImprovementStatus.Declined));
        }
        return Of(_ => true) with { RuleChanges = Of(source => source == ImprovementSources.Override) };
    }
}

/// <summary>An entry just added: its id, and the line on its query's timeline saying so.</summary>
internal sealed record Registration(long Id, TimelineEntry Entry);

internal static class ImprovementKinds
{
    /// <summary>On the query an entry came from.</summary>
    public const string Registered = "improvement_registered";

    /// <summary>On the query whose entry left the register undecided, when it stopped being a suggestion.</summary>
    public const string Withdrawn = "improvement_withdrawn";
}
