using System.Data.Common;
using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Overrides;

/// <summary>
/// The append-only audit log of broken rules. Nothing here changes or removes a row, on purpose: a review is its own row
/// (one per override, first review wins), so what an agent did and why stays as it was written.
/// </summary>
internal sealed class OverrideStore(DeskDb db, TimelineStore timeline)
{
    public const string TimelineKind = "rule_overridden";

    /// <summary>Records the override in the caller's transaction, and its line on the query's timeline.</summary>
    public async Task<TimelineEntry> RecordAsync(DbTransaction tx, QueryRow query, string rule, string actor, string justification, object detail,
        DateTimeOffset now, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(detail, JsonSerializerOptions.Web);
        var id = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into overrides (rule_name, query_id, actor, justification, detail, created_at)
            values (@rule, @Id, @actor, @justification, @json, @now)
            {db.Dialect.ReturningId()}
            """, new { rule, query.Id, actor, justification, json, now }, tx, cancellationToken: ct));
        return await timeline.AppendAsync(tx, query, TimelineKind, actor, justification, new { @override = id, rule, detail }, now, ct);
    }

    public async Task<IReadOnlyList<OverrideView>> ListAsync(string? rule, bool? reviewed, long? before, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select o.id, o.rule_name, q.reference, o.actor, o.justification, o.detail, o.created_at,
                r.decision, r.note, r.reviewer, r.reviewed_at
            from overrides o left join queries q on q.id = o.query_id left join override_reviews r on r.override_id = o.id
            where (@rule is null or o.rule_name = @rule) and (@before is null or o.id < @before)
              and (@reviewed is null or (@reviewed = 1 and r.id is not null) or (@reviewed = 0 and r.id is null))
            order by o.id desc {db.Dialect.Limit("limit")}
            """, new { rule, before, limit, reviewed = reviewed is null ? (int?)null : reviewed.Value ? 1 : 0 }, cancellationToken: ct));
        return rows.Select(r => new OverrideView(r.Id, r.RuleName, r.Reference, r.Actor, r.Justification,
            r.Detail is null ? null : JsonDocument.Parse(r.Detail).RootElement.Clone(), r.CreatedAt,
            r.Decision is null ? null : new OverrideReview(r.Decision, r.Note, r.Reviewer!, r.ReviewedAt!.Value))).ToList();
    }

    /// <summary>Who made the override, of which rule, on which query; null when there is no such override.</summary>
    public Task<OverrideMade?> FindAsync(DbTransaction tx, long id, CancellationToken ct) =>
        tx.Connection!.QuerySingleOrDefaultAsync<OverrideMade>(new CommandDefinition(
            "select actor, rule_name, query_id from overrides where id = @id", new { id }, tx, cancellationToken: ct));

    /// <summary>Adds the override's review in the caller's transaction, unless it has one (first review wins): whether it did.</summary>
    public async Task<bool> AddReviewAsync(DbTransaction tx, long id, string decision, string? note, string reviewer, DateTimeOffset now,
        CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("override_reviews",
            "override_id, decision, note, reviewer, reviewed_at", "@id, @decision, @note, @reviewer, @now", "override_id"),
            new { id, decision, note, reviewer, now }, tx, cancellationToken: ct)) == 1;

    /// <summary>Every registered rule, overridden or not, so that a board shows the ones nobody needed to break.</summary>
    public async Task<IReadOnlyList<OverrideCount>> CountsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var counted = (await connection.QueryAsync<(string Rule, long Total, long Unreviewed, long Accepted, long Proposed)>(new CommandDefinition("""
            select o.rule_name, count(*),
                coalesce(sum(case when r.id is null then 1 else 0 end), 0),
                coalesce(sum(case when r.decision = 'accept' then 1 else 0 end), 0),
                coalesce(sum(case when r.decision = 'propose_change' then 1 else 0 end), 0)
            from overrides o left join override_reviews r on r.override_id = o.id
            group by o.rule_name
            """, cancellationToken: ct))).ToDictionary(c => c.Rule);
        return OverrideRules.All.Select(r => r.Name).Concat(counted.Keys.Except(OverrideRules.All.Select(r => r.Name)))
            .Select(name => counted.TryGetValue(name, out var c)
                ? new OverrideCount(name, (int)c.Total, (int)c.Unreviewed, (int)c.Accepted, (int)c.Proposed)
                : new OverrideCount(name, 0, 0, 0, 0)).ToList();
    }

    sealed class Row
    {
        public long Id { get; init; }
        public string RuleName { get; init; } = "";
        public string? Reference { get; init; }
        public string Actor { get; init; } = "";
        public string Justification { get; init; } = "";
        public string? Detail { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? Decision { get; init; }
        public string? Note { get; init; }
        public string? Reviewer { get; init; }
        public DateTimeOffset? ReviewedAt { get; init; }
    }
}

internal sealed class OverrideMade
{
    public string Actor { get; init; } = "";
    public string RuleName { get; init; } = "";
    public long? QueryId { get; init; }
}
