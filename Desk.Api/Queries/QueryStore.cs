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
        // The update holds the counter's row lock until commit, so the number read back is this transaction's alone.
        var number = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition("""
            update reference_counters set last_number = last_number + 1 where prefix = @prefix;
            select last_number from reference_counters where prefix = @prefix;
            """, new { prefix }, tx, cancellationToken: ct));
        return $"{prefix}-{number}";
    }

    public Task<long> InsertAsync(DbTransaction tx, QueryRow q, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into queries (
                reference, type, queue, status, priority, impact, urgency, channel, contact_id, subject, text,
                catalog_item, assignee, submitted_by, decided_by, model_version, confidence, decision_rule,
                created_at, updated_at, first_response_due, resolution_due, next_response_due, sla_paused, sla_next_due)
            values (
                @Reference, @Type, @Queue, @Status, @Priority, @Impact, @Urgency, @Channel, @ContactId, @Subject, @Text,
                @CatalogItem, @Assignee, @SubmittedBy, @DecidedBy, @ModelVersion, @Confidence, @DecisionRule,
                @CreatedAt, @UpdatedAt, @FirstResponseDue, @ResolutionDue, @NextResponseDue, @SlaPaused, @SlaNextDue)
            {db.Dialect.ReturningId()}
            """, q, tx, cancellationToken: ct));

    public async Task<QueryRow?> GetAsync(string reference, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} where q.reference = @reference", new { reference }, cancellationToken: ct));
    }

    public Task<QueryRow?> GetAsync(DbTransaction tx, string reference, CancellationToken ct) =>
        tx.Connection!.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} where q.reference = @reference", new { reference }, tx, cancellationToken: ct));

    /// <summary>
    /// Bumps the query's version and so takes its row lock until the transaction ends: two changes to one query queue
    /// up on every engine, and the row read next is the latest. Null when there is no such query.
    /// </summary>
    public async Task<QueryRow?> ClaimAsync(DbTransaction tx, string reference, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update queries set version = version + 1 where reference = @reference", new { reference }, tx, cancellationToken: ct)) == 0
            ? null
            : await GetAsync(tx, reference, ct);

    public Task<QueryRow> GetAsync(DbTransaction tx, long id, CancellationToken ct) =>
        tx.Connection!.QuerySingleAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} where q.id = @id", new { id }, tx, cancellationToken: ct));

    public async Task<string?> ReferenceAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select reference from queries where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Newest first; keyset paging on the id, so a page never shifts under new arrivals.</summary>
    public async Task<IReadOnlyList<QueryRow>> ListAsync(QueryFilter filter, CancellationToken ct)
    {
        var conditions = new List<string>();
        void Match(string? value, string condition)
        {
            if (value is not null)
            {
                conditions.Add(condition);
            }
        }
        Match(filter.Queue, "q.queue = @Queue");
        Match(filter.Status, "q.status = @Status");
        Match(filter.Type, "q.type = @Type");
        Match(filter.Priority, "q.priority = @Priority");
        Match(filter.Assignee, "q.assignee = @Assignee");
        Match(filter.Channel, "q.channel = @Channel");
        if (filter.Queues is not null)
        {
            conditions.Add(db.Dialect.InList("q.queue", nameof(QueryFilter.Queues)));
        }
        if (filter.After is not null)
        {
            conditions.Add("q.id < @After");
        }
        var where = conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<QueryRow>(new CommandDefinition(
            $"{SelectRow} {where} order by q.id desc {db.Dialect.Limit(nameof(QueryFilter.Limit))}", filter, cancellationToken: ct));
        return rows.AsList();
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
                sla_paused = @SlaPaused, sla_next_due = @SlaNextDue,
                first_response_breached_at = @FirstResponseBreachedAt, resolution_breached_at = @ResolutionBreachedAt
            where id = @Id
            """, q, tx, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<string, int>> OpenCountsByQueueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Queue, int Open)>(new CommandDefinition("""
            select queue, count(*) from queries
            where status not in ('resolved', 'closed')
            group by queue
            """, cancellationToken: ct));
        return rows.ToDictionary(r => r.Queue, r => r.Open);
    }

    /// <summary>True when the contact has an open query whose agreed service level is already breached.</summary>
    public Task<bool> HasBreachedOpenQueryAsync(DbTransaction tx, long contactId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(db.Dialect.Exists("""
            select 1 from queries
            where contact_id = @contactId and status not in ('resolved', 'closed')
              and (first_response_breached_at is not null or resolution_breached_at is not null)
            """), new { contactId }, tx, cancellationToken: ct));
}

/// <summary>
/// What a list asks for; <paramref name="Queues"/> are the queues the caller may see (null: all), an array because
/// Dapper hands a list to PostgreSQL as one array parameter.
/// </summary>
internal sealed record QueryFilter(
    string? Queue, string? Status, string? Type, string? Priority, string? Assignee, string? Channel, long? After, int Limit,
    string[]? Queues);
