using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Sla;

namespace Desk.Api.Queries;

/// <summary>The SQL of the queries table. Writes take the caller's transaction; reads open their own connection.</summary>
internal sealed class QueryStore(DeskDb db, SlaEngine sla)
{
    const string SelectRow = """
        select q.*, c.display_name as contact_name
        from queries q join contacts c on c.id = q.contact_id
        """;

    public async Task<string> NextReferenceAsync(DbTransaction tx, string prefix, CancellationToken ct)
    {
        // The update holds the counter's row lock until commit, so the number it returns is this transaction's alone.
        var number = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(db.Dialect.UpdateReturning(
            "reference_counters", "last_number = last_number + 1", "prefix = @prefix", "last_number"),
            new { prefix }, tx, cancellationToken: ct));
        return $"{prefix}-{number}";
    }

    public Task<long> InsertAsync(DbTransaction tx, QueryRow q, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into queries (
                reference, type, queue, status, priority, impact, urgency, channel, contact_id, subject, text,
                catalog_item, assignee, submitted_by, decided_by, model_version, confidence, decision_rule,
                created_at, updated_at, first_response_due, resolution_due, next_response_due, sla_paused, sla_next_due, sla_due, language,
                catalog_granted)
            values (
                @Reference, @Type, @Queue, @Status, @Priority, @Impact, @Urgency, @Channel, @ContactId, @Subject, @Text,
                @CatalogItem, @Assignee, @SubmittedBy, @DecidedBy, @ModelVersion, @Confidence, @DecisionRule,
                @CreatedAt, @UpdatedAt, @FirstResponseDue, @ResolutionDue, @NextResponseDue, @SlaPaused, @SlaNextDue, @SlaDue, @Language,
                @CatalogGranted)
            {db.Dialect.ReturningId()}
            """, q, tx, cancellationToken: ct));

    public async Task<QueryRow?> GetAsync(string reference, CancellationToken ct)
    {
        if (Written(reference) is not { } written)
            return null;
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} where q.reference = @written", new { written }, cancellationToken: ct));
    }

    public async Task<QueryRow?> GetAsync(DbTransaction tx, string reference, CancellationToken ct) =>
        Written(reference) is not { } written ? null : await tx.Connection!.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} where q.reference = @written", new { written }, tx, cancellationToken: ct));

    /// <summary>
    /// Bumps the query's version and so takes its row lock until the transaction ends: two changes to one query queue
    /// up on every engine, and the row read next is the latest. Null when there is no such query.
    /// </summary>
    public async Task<QueryRow?> ClaimAsync(DbTransaction tx, string reference, CancellationToken ct) =>
        Written(reference) is not { } written || await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update queries set version = version + 1 where reference = @written", new { written }, tx, cancellationToken: ct)) == 0
            ? null
            : await GetAsync(tx, written, ct);

    /// <summary>
    /// A reference as the desk writes it (INC-1042), however it was typed (inc-1042); null for one no query has, with a
    /// control character (PostgreSQL could not even look for a NUL) or null from a hub message.
    /// </summary>
    static string? Written(string? reference) =>
        reference is null || !TextRules.IsStorable(reference) ? null : reference.ToUpperInvariant();

    public Task<QueryRow> GetAsync(DbTransaction tx, long id, CancellationToken ct) =>
        tx.Connection!.QuerySingleAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} where q.id = @id", new { id }, tx, cancellationToken: ct));

    /// <summary>The queue of each of these queries that exists.</summary>
    public async Task<IReadOnlyDictionary<string, string>> QueuesAsync(string[] references, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Reference, string Queue)>(new CommandDefinition(
            $"select reference, queue from queries where {db.Dialect.InList("reference", "references")}", new { references }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Reference, r => r.Queue);
    }

    // Breached and still open first, then the soonest deadline of a running clock, then paused or done; ties by age. The
    // sla_rank column (migration 0027) is that order's first key; the open queries in this order are an index, and queue
    // by queue another.
    const string MostUrgentFirst = "order by q.sla_rank, q.sla_due, q.created_at, q.id";

    const string NewestFirst = "order by q.id desc";

    /// <summary>The columns both orders read.</summary>
    const string OrderColumns = "q.id, q.sla_rank, q.sla_due, q.created_at";

    /// <summary>How many matches a list counts past its offset: beyond that, its total says "at least".</summary>
    public const int CountedAhead = 10_000;

    /// <summary>
    /// One page of the queries matching the filter, and how many match: counted along the page's own order, up to
    /// <see cref="CountedAhead"/> past the offset (<c>Capped</c> when more match), so that a list costs the same at any
    /// number of open queries. Urgency pages by offset; newest first also takes a keyset cursor on the id, so its pages
    /// never shift under new arrivals.
    /// </summary>
    public async Task<(IReadOnlyList<QueryRow> Rows, int Total, bool Capped)> ListAsync(QueryFilter filter, CancellationToken ct)
    {
        var conditions = new List<string>();
        void Match(string? value, string condition)
        {
            if (value is not null)
            {
                conditions.Add(condition);
            }
        }
        conditions.Add("1 = 1");
        Match(filter.Queue, "q.queue = @Queue");
        Match(filter.Status, "q.status = @Status");
        Match(filter.Type, "q.type = @Type");
        Match(filter.Priority, "q.priority = @Priority");
        Match(filter.Assignee, "q.assignee = @Assignee");
        Match(filter.Channel, "q.channel = @Channel");
        Match(filter.Language, "q.language = @Language");
        if (filter.Active)
        {
            conditions.Add("q.status not in ('resolved', 'closed')");
        }
        else if (filter.Status is QueryStatus.Resolved or QueryStatus.Closed)
        {
            // Says in literals what the parameter says, so that the planner may read the done queries' indexes (0028).
            conditions.Add("q.status in ('resolved', 'closed')");
        }
        if (filter.Unassigned)
        {
            conditions.Add("q.assignee is null");
        }
        if (filter.Sla == "breached")
        {
            conditions.Add("(q.first_response_breached_at is not null or q.resolution_breached_at is not null)");
        }
        else if (filter.Sla is not null)
        {
            conditions.Add("q.first_response_breached_at is null and q.resolution_breached_at is null and q.sla_paused = @Paused");
        }
        Match(filter.Like, """
            (lower(q.reference) like lower(@Like) escape '\' or lower(q.subject) like lower(@Like) escape '\'
             or lower(q.text) like lower(@Like) escape '\' or lower(c.display_name) like lower(@Like) escape '\')
            """);
        // A member's queues without a queue picked: each queue read apart along its own index, as far as the page (or the
        // count) reaches, then merged; one read of them all would sort every open query of those queues.
        var legs = filter.Queues is not null && filter.Queue is null ? filter.Queues : null;
        if (legs is { Length: 0 })
            return ([], 0, false);
        if (filter.Queues is not null && legs is null)
        {
            conditions.Add(db.Dialect.InList("q.queue", nameof(QueryFilter.Queues)));
        }
        var where = "where " + string.Join(" and ", conditions);
        var after = filter.After is null ? "" : "and q.id < @After";
        var order = filter.Newest ? NewestFirst : MostUrgentFirst;
        var parameters = new DynamicParameters(filter);
        for (var i = 0; i < (legs?.Length ?? 0); i++)
            parameters.Add($"Leg{i}", legs![i]);
        string Reading(string select, string from, string reach) => legs is null
            ? $"{select} {from} {order} {db.Dialect.Limit(reach)}"
            : string.Join(" union all ", legs.Select((_, i) =>
                $"select * from ({select} {from} and q.queue = @Leg{i} {order} {db.Dialect.Limit(reach)}) leg{i}"));

        await using var connection = await db.OpenAsync(ct);
        var join = filter.Like is null ? "" : "join contacts c on c.id = q.contact_id";
        // The legs are read one after another, so the outer limit stops the count at the first Counted matches of them all.
        var reached = Reading($"select q.id from queries q {join}", where, nameof(QueryFilter.Counted));
        var counted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(legs is null
                ? $"select count(*) from ({reached}) matching"
                : $"select count(*) from (select id from ({reached}) legs {db.Dialect.LimitAnyOrder(nameof(QueryFilter.Counted))}) matching",
            parameters, cancellationToken: ct));
        var page = db.Dialect.Page(nameof(QueryFilter.Offset), nameof(QueryFilter.Limit));
        // The legs carry only the order's columns, which their index holds, and the page's rows are read by id after the merge.
        var rows = await connection.QueryAsync<QueryRow>(new CommandDefinition(legs is null
                ? $"{SelectRow} {where} {after} {order} {page}"
                : $"""
                   {SelectRow} where q.id in (select q.id from (
                       {Reading($"select {OrderColumns} from queries q {join}", $"{where} {after}", nameof(QueryFilter.Reach))}
                   ) q {order} {page}) {order}
                   """,
            parameters, cancellationToken: ct));
        return (rows.AsList(), Math.Min(counted, filter.Offset + CountedAhead), counted > filter.Offset + CountedAhead);
    }

    /// <summary>
    /// Writes a changed query, with its agreed time frames recomputed from its timeline (so append this change's
    /// entries first): every change of priority, type or status moves the clocks here, and nowhere else.
    /// </summary>
    public async Task UpdateAsync(DbTransaction tx, QueryRow q, CancellationToken ct)
    {
        await sla.RecomputeAsync(tx, q, ct);
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update queries set
                type = @Type, queue = @Queue, status = @Status, priority = @Priority, assignee = @Assignee,
                decided_by = @DecidedBy, confidence = @Confidence, updated_at = @UpdatedAt,
                first_responded_at = @FirstRespondedAt, resolved_at = @ResolvedAt, closed_at = @ClosedAt,
                first_response_due = @FirstResponseDue, resolution_due = @ResolutionDue, next_response_due = @NextResponseDue,
                sla_paused = @SlaPaused, sla_next_due = @SlaNextDue, sla_due = @SlaDue,
                first_response_breached_at = @FirstResponseBreachedAt, resolution_breached_at = @ResolutionBreachedAt
            where id = @Id
            """, q, tx, cancellationToken: ct));
    }

    /// <summary>True when the contact has an open query whose agreed service level is already breached (the generated open_breached).</summary>
    public Task<bool> HasBreachedOpenQueryAsync(DbTransaction tx, long contactId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(db.Dialect.Exists("""
            select 1 from queries where contact_id = @contactId and open_breached = 1
            """), new { contactId }, tx, cancellationToken: ct));
}

/// <summary>
/// What a list asks for; <paramref name="Queues"/> are the queues the caller may see (null: all), an array because
/// Dapper hands a list to PostgreSQL as one array parameter.
/// </summary>
internal sealed record QueryFilter(
    string? Queue, string? Status, string? Type, string? Priority, string? Assignee, string? Channel, long? After, int Limit,
    string[]? Queues)
{
    /// <summary>Only queries not resolved or closed.</summary>
    public bool Active { get; init; }
    /// <summary>Only queries nobody is assigned.</summary>
    public bool Unassigned { get; init; }
    public string? Language { get; init; }
    /// <summary>breached, on_track or paused (the last two: not breached, and the clocks running or stopped for now).</summary>
    public string? Sla { get; init; }
    public bool Paused => Sla == "paused";
    /// <summary>The search text as a LIKE pattern: lower case, its wildcards escaped with a backslash, between two %.</summary>
    public string? Like { get; init; }
    public bool Newest { get; init; }
    public int Offset { get; init; }
    /// <summary>How many matches the list's count reads at most: one more than it reports, to tell "at least".</summary>
    public int Counted => Offset + QueryStore.CountedAhead + 1;
    /// <summary>How far into each queue a page reads when a member's queues are read apart.</summary>
    public int Reach => Offset + Limit;
}

/// <summary>One queue's open queries: all, nobody's, one member's, and with a breached agreement.</summary>
internal sealed record OpenCounts(int All, int Unassigned, int Mine, int Breached);
