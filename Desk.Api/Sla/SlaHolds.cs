using System.Data.Common;
using Dapper;
using Desk.Api.Overrides;
using Desk.Api.Queries;

namespace Desk.Api.Sla;

/// <summary>
/// An agent's hold on a query's SLA clocks outside the policy's pausing statuses: the user is on leave, a vendor holds
/// the fix while the query stays in progress. Putting one on breaks <c>sla.policy</c>, so it takes an override with a
/// written justification; lifting it does not. A hold is two timeline entries, which <see cref="SlaClocks.Replay"/> reads
/// as a pause from one to the other, so the live engine, the SLA repair and the scorecard agree on it. Resolving or
/// closing the query ends a hold.
/// </summary>
internal static class SlaHolds
{
    public const string HeldKind = "sla_held";
    public const string LiftedKind = "sla_hold_lifted";

    /// <summary>Puts the hold on (<paramref name="hold"/>) or lifts it, in the caller's transaction; a refusal writes nothing.</summary>
    public static async Task<(CaseResult? Refusal, TimelineEntry? Entry)> ChangeAsync(DbTransaction tx, QueryRow query, bool hold, string? overriding,
        string actor, string? reason, DateTimeOffset now, TimelineStore timeline, CancellationToken ct)
    {
        if (hold && !QueryStatus.IsOpen(query.Status))
            return (new CaseResult.Conflict($"{query.Reference} is {query.Status}: its SLA clocks have stopped, there is nothing to hold."), null);
        var since = await HeldSinceAsync(tx, query, ct);
        if (hold && since is not null)
            return (new CaseResult.Conflict($"{query.Reference}'s SLA clocks are on hold already, since {since:u}."), null);
        if (!hold && since is null)
            return (new CaseResult.Conflict($"{query.Reference}'s SLA clocks are not on hold; there is nothing to lift."), null);
        if (hold && overriding != OverrideRules.SlaPolicy)
            return (new CaseResult.Invalid("slaHold", $"Only the policy's statuses pause the SLA clocks; to hold them anyway, "
                + $"override {OverrideRules.SlaPolicy} with a justification.") { Rule = OverrideRules.SlaPolicy }, null);
        var entry = hold
            ? await timeline.AppendAsync(tx, query, HeldKind, actor, reason, null, now, ct)
            : await timeline.AppendAsync(tx, query, LiftedKind, actor, reason, new { since }, now, ct);
        return (null, entry);
    }

    /// <summary>Since when the query's clocks are on hold, read from its timeline as the replay reads it; null when they are not.</summary>
    public static async Task<DateTimeOffset?> HeldSinceAsync(DbTransaction tx, QueryRow query, CancellationToken ct)
    {
        var entries = await tx.Connection!.QueryAsync<(string Kind, string? Data, DateTimeOffset At)>(new CommandDefinition("""
            select kind, data, created_at from timeline_entries
            where query_id = @Id and kind in ('status_changed', 'sla_held', 'sla_hold_lifted')
            order by id
            """, query, tx, cancellationToken: ct));
        DateTimeOffset? since = null;
        foreach (var entry in entries)
            since = SlaEngine.Moment(entry) switch
            {
                { Kind: SlaMomentKind.Held } => since ?? entry.At,
                { Kind: SlaMomentKind.HoldLifted } or { Status: "resolved" or "closed" } => null,
                _ => since,
            };
        return since;
    }
}
