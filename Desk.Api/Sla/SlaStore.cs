using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Sla;

internal sealed class DueDeadline
{
    public long QueryId { get; init; }
    public string Reference { get; init; } = "";
    public string Queue { get; init; } = "";
    public string Kind { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
}

/// <summary>Deadlines are stored columns; the sweep asks for what is due and marks each breach once.</summary>
internal sealed class SlaStore(DeskDb db, TimelineStore timeline, QueryStore queries)
{
    public async Task<IReadOnlyList<DueDeadline>> GetDueDeadlinesAsync(DateTimeOffset now, int batch, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<DueDeadline>(new CommandDefinition($"""
            select id as query_id, reference, queue, 'first_response' as kind, first_response_due as due_at
            from queries
            where first_responded_at is null and first_response_breached_at is null
              and status not in ('resolved', 'closed') and first_response_due <= @now
            union all
            select id, reference, queue, 'resolution', resolution_due
            from queries
            where resolved_at is null and resolution_breached_at is null
              and status <> 'closed' and resolution_due <= @now
            order by due_at
            {db.Dialect.Limit("batch")}
            """, new { now, batch }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Records the breach on the query and its timeline; null when another node got there first.</summary>
    public async Task<(TimelineEntry Entry, QueryRow Query)?> RecordBreachAsync(DueDeadline due, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        var column = due.Kind == "first_response" ? "first_response_breached_at" : "resolution_breached_at";
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            $"update queries set {column} = @now, updated_at = @now where id = @QueryId and {column} is null",
            new { now, due.QueryId }, tx, cancellationToken: ct));
        if (marked == 0)
            return null;
        var query = await queries.GetAsync(tx, due.QueryId, ct);
        var entry = await timeline.AppendAsync(tx, query, TimelineKinds.SlaBreached, "system",
            due.Kind == "first_response" ? "First response deadline missed." : "Resolution deadline missed.",
            new { kind = due.Kind, dueAt = due.DueAt }, now, ct);
        await tx.CommitAsync(ct);
        return (entry, query);
    }
}
