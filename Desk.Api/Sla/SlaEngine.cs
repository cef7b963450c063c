using System.Data.Common;
using System.Text.Json;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Moments;
using Desk.Api.Queries;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Desk.Api.Sla;

/// <summary>
/// The one place that owns a query's agreed time frames: it replays the query's timeline against its policy and
/// calendar, and writes the deadlines the console shows, whether a clock is paused, and when the timer pass must
/// next look at the query. Called whenever a query is written, so a change of priority, type, status or pause — or
/// of the policy — moves the deadlines, and they can always be rebuilt from history.
/// </summary>
internal sealed class SlaEngine(DeskDb db, SlaPolicies policies, IOptionsMonitor<SlaOptions> options, TimeProvider clock)
{
    static readonly SlaMetric[] Metrics = [SlaMetric.FirstResponse, SlaMetric.NextResponse, SlaMetric.Resolution];

    /// <summary>Sets the deadlines of a query being taken, which has no history yet but its creation.</summary>
    public async Task ForNewAsync(QueryRow query, string serviceLevel, CancellationToken ct)
    {
        var moments = new[] { new SlaMoment(Instant.FromDateTimeOffset(query.CreatedAt), SlaMomentKind.Created) };
        Apply(query, await ClocksAsync(query, serviceLevel, moments, ct), new HashSet<(string, double, Instant)>());
    }

    /// <summary>
    /// Recomputes a query's clocks from its timeline as this transaction sees it, and sets its SLA columns. A warning or
    /// breach recorded in a clock's cycle that the clock as it now stands has not reached (its priority, type or policy
    /// moved the deadline later) is withdrawn, with the breach mark it set and the open recoveries of its moments: the board,
    /// the list, the scorecard and the team's recoveries then agree with the deadline the query has, and the new clock warns
    /// and breaches in its turn. The timeline keeps what was said at the time.
    /// </summary>
    public async Task<IReadOnlyList<SlaClock>> RecomputeAsync(DbTransaction tx, QueryRow query, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var serviceLevel = await ContactStore.ServiceLevelAsync(tx, query.ContactId, ct);
        var entries = await connection.QueryAsync<(string Kind, string? Data, DateTimeOffset At)>(new CommandDefinition("""
            select kind, data, created_at from timeline_entries
            where query_id = @Id and kind in ('created', 'status_changed', 'message_in', 'message_out', 'phone_call', 'sla_held', 'sla_hold_lifted')
            order by id
            """, query, tx, cancellationToken: ct));
        var events = (await connection.QueryAsync<(long Id, string Metric, string Kind, double Share, DateTimeOffset CycleStart)>(
            new CommandDefinition("select id, metric, kind, share, cycle_start from sla_events where query_id = @Id", query, tx, cancellationToken: ct)))
            .Select(e => new RecordedEvent(e.Id, e.Metric, e.Kind, e.Share, e.CycleStart)).ToList();
        var clocks = await ClocksAsync(query, serviceLevel, entries.Select(Moment).ToList(), ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var withdrawn = events.Where(e => !Reached(e, clocks, now)).ToList();
        if (withdrawn.Count > 0)
        {
            var ids = withdrawn.Select(e => e.Id).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(
                $"delete from sla_events where {db.Dialect.InList("id", "ids")}", new { ids }, tx, cancellationToken: ct));
            foreach (var breach in withdrawn.Where(e => e.Kind == "breach"))
            {
                var key = MomentKinds.SlaBreachKey(breach.Metric, breach.Share, Instant.FromDateTimeOffset(breach.CycleStart).ToUnixTimeTicks());
                await MomentStore.BreachWithdrawnAsync(tx, query.Id, key, breach.Metric, clock.GetUtcNow(), ct);
                if (breach.Metric == Code(SlaMetric.FirstResponse)) query.FirstResponseBreachedAt = null;
                if (breach.Metric == Code(SlaMetric.Resolution)) query.ResolutionBreachedAt = null;
            }
        }
        // The row as it stood before this write: what it had already given.
        var stored = await connection.QuerySingleAsync<(string Status, DateTimeOffset? FirstRespondedAt)>(new CommandDefinition(
            "select status, first_responded_at from queries where id = @Id", query, tx, cancellationToken: ct));
        Apply(query, clocks, events.Except(withdrawn).Select(e => (e.Metric, e.Share, Instant.FromDateTimeOffset(e.CycleStart))).ToHashSet(),
            (stored.FirstRespondedAt is not null, stored.Status is QueryStatus.Resolved or QueryStatus.Closed));
        return clocks;
    }

    sealed record RecordedEvent(long Id, string Metric, string Kind, double Share, DateTimeOffset CycleStart);

    /// <summary>False for an event of the metric's current cycle whose share the clock, as it now stands, has not crossed.</summary>
    static bool Reached(RecordedEvent e, IReadOnlyList<SlaClock> clocks, Instant now) =>
        clocks.First(c => Code(c.Metric) == e.Metric) is not { CycleStart: { } cycle } current
        || cycle != Instant.FromDateTimeOffset(e.CycleStart)
        || (current.Crossings.TryGetValue(e.Share, out var at) && at <= now);

    async Task<IReadOnlyList<SlaClock>> ClocksAsync(QueryRow query, string serviceLevel, IReadOnlyList<SlaMoment> moments, CancellationToken ct)
    {
        var policy = await policies.ForAsync(query.Type, query.Priority, serviceLevel, ct);
        var settings = options.CurrentValue;
        return Metrics.Select(m => SlaClocks.Replay(m, moments, policy.Target(m), policy.Calendar, settings.PauseIn.ToHashSet(), settings.WarnAt)).ToList();
    }

    /// <param name="given">
    /// Whether the query had its first response, and was resolved, before this write: a clock met before it keeps the
    /// deadline the write that met it set, so a later policy, priority or type does not judge it again (a reopened
    /// resolution runs again, on the targets in force).
    /// </param>
    static void Apply(QueryRow query, IReadOnlyList<SlaClock> clocks, IReadOnlySet<(string Metric, double Share, Instant CycleStart)> recorded,
        (bool Answered, bool Resolved) given = default)
    {
        var (first, next, resolution) = (clocks[0], clocks[1], clocks[2]);
        // A paused clock that has not reached its deadline has none for now; the last one stands until it runs again.
        if (first.Due is { } firstDue && !(given.Answered && first.State == SlaClockState.Met))
            query.FirstResponseDue = firstDue.ToDateTimeOffset();
        if (resolution.Due is { } resolutionDue && !(given.Resolved && resolution.State == SlaClockState.Met))
            query.ResolutionDue = resolutionDue.ToDateTimeOffset();
        query.NextResponseDue = next.State is SlaClockState.Running or SlaClockState.Paused ? next.Due?.ToDateTimeOffset() : null;
        query.SlaPaused = clocks.Any(c => c.State == SlaClockState.Paused);
        query.SlaDue = clocks.Where(c => c.State == SlaClockState.Running).Select(c => c.Due).Min()?.ToDateTimeOffset();
        // The timer pass looks again at the first crossing of a running clock not yet recorded, past or future.
        query.SlaNextDue = clocks
            .Where(c => c.State == SlaClockState.Running)
            .SelectMany(c => c.Crossings.Where(x => !recorded.Contains((Code(c.Metric), x.Key, c.CycleStart!.Value))).Select(x => x.Value))
            .Select(at => (Instant?)at)
            .Min()?.ToDateTimeOffset();
    }

    internal static SlaMoment Moment((string Kind, string? Data, DateTimeOffset At) entry)
    {
        var at = Instant.FromDateTimeOffset(entry.At);
        return entry.Kind switch
        {
            TimelineKinds.Created => new SlaMoment(at, SlaMomentKind.Created),
            TimelineKinds.MessageIn => new SlaMoment(at, SlaMomentKind.UserWrote),
            TimelineKinds.MessageOut or TimelineKinds.PhoneCall => new SlaMoment(at, SlaMomentKind.AgentAnswered),
            SlaHolds.HeldKind => new SlaMoment(at, SlaMomentKind.Held),
            SlaHolds.LiftedKind => new SlaMoment(at, SlaMomentKind.HoldLifted),
            _ => new SlaMoment(at, SlaMomentKind.Status, entry.Data is null ? null
                : JsonDocument.Parse(entry.Data).RootElement.TryGetProperty("to", out var to) ? to.GetString() : null),
        };
    }

    public static string Code(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => "first_response",
        SlaMetric.NextResponse => "next_response",
        _ => "resolution",
    };
}
