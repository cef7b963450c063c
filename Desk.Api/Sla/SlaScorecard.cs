using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Desk.Api.Sla;

/// <summary>
/// How well the agreed time frames were kept over a period of UTC days, per type, priority, queue or service level.
/// Each candidate query's first-response and resolution clocks are replayed from its timeline exactly as the engine
/// replays them (its current priority and policy, the policy's calendar, paused time left out). The stored deadline
/// columns are not enough for a clock not met: while it is paused they keep the deadline from before the pause. A met
/// one is judged against its stored deadline, which the engine set when it was met and keeps, so a later policy does
/// not judge the period again. The definitions, as the API states them: SlaScorecardApi.Definitions.
/// </summary>
internal sealed class SlaScorecard(DeskDb db, SlaPolicies policies, IOptionsMonitor<SlaOptions> options, TimeProvider clock)
{
    public const string Everything = "(all)";

    public static readonly string[] Groupings = ["type", "priority", "queue", "service_level"];

    static readonly SlaMetric[] Metrics = [SlaMetric.FirstResponse, SlaMetric.Resolution];

    public async Task<SlaScorecardView> ComputeAsync(DateOnly from, DateOnly to, string by, CancellationToken ct)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var now = clock.GetUtcNow();
        var cutoff = now < end ? now : end;
        var period = new Period(Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end), Instant.FromDateTimeOffset(now));
        var groups = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var total = new Tally();
        Tally Group(string type, string priority, string queue, string serviceLevel)
        {
            var key = by switch { "type" => type, "priority" => priority, "queue" => queue, _ => serviceLevel };
            return groups.TryGetValue(key, out var tally) ? tally : groups[key] = new Tally();
        }

        await using var connection = await db.OpenAsync(ct);
        foreach (var row in await connection.QueryAsync<CreatedRow>(new CommandDefinition("""
            select q.type, q.priority, q.queue, c.service_level, count(*) as created
            from queries q join contacts c on c.id = q.contact_id
            where q.created_at >= @start and q.created_at < @end
            group by q.type, q.priority, q.queue, c.service_level
            """, new { start, end }, cancellationToken: ct)))
        {
            Group(row.Type, row.Priority, row.Queue, row.ServiceLevel).Created += row.Created;
            total.Created += row.Created;
        }

        // Candidates: a first response or resolution in the period, or a deadline in it that has passed unmet. An unmet
        // clock that is overdue is running, or stopped or paused after crossing its deadline: its stored deadline is then
        // exact, so the filter misses none; the replay below decides. Read row by row, one query's timeline at a time.
        var pauseIn = options.CurrentValue.PauseIn.ToHashSet();
        var chosen = new Dictionary<(string Type, string Priority, string ServiceLevel), SlaPolicy>(); // one policy per computation
        var moments = new List<SlaMoment>();
        MomentRow? current = null;
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition("""
            select q.id, q.type, q.priority, q.queue, c.service_level, q.first_response_due, q.resolution_due, t.kind, t.data, t.created_at
            from queries q
            join contacts c on c.id = q.contact_id
            join timeline_entries t on t.query_id = q.id
            where q.created_at < @end
              and t.kind in ('created', 'status_changed', 'message_in', 'message_out', 'phone_call', 'sla_held', 'sla_hold_lifted')
              and ((q.first_responded_at >= @start and q.first_responded_at < @end)
                or (q.resolved_at >= @start and q.resolved_at < @end)
                or (q.first_responded_at is null and q.first_response_due >= @start and q.first_response_due < @cutoff)
                or (q.resolved_at is null and q.resolution_due >= @start and q.resolution_due < @cutoff))
            order by q.id, t.id
            """, new { start, end, cutoff }, cancellationToken: ct)))
        {
            var parse = reader.GetRowParser<MomentRow>();
            while (await reader.ReadAsync(ct))
            {
                var row = parse(reader);
                if (current is not null && row.Id != current.Id)
                    await JudgeAsync(current);
                current = row;
                moments.Add(SlaEngine.Moment((row.Kind, row.Data, row.CreatedAt)));
            }
        }
        if (current is not null)
            await JudgeAsync(current);

        return new SlaScorecardView(from, to, by,
            groups.Select(g => g.Value.ToView(g.Key)).ToList(), total.ToView(Everything));

        async Task JudgeAsync(MomentRow query)
        {
            var which = (query.Type, query.Priority, query.ServiceLevel);
            if (!chosen.TryGetValue(which, out var policy))
                chosen[which] = policy = await policies.ForAsync(query.Type, query.Priority, query.ServiceLevel, ct);
            var group = Group(query.Type, query.Priority, query.Queue, query.ServiceLevel);
            foreach (var metric in Metrics)
            {
                var replayed = SlaClocks.Replay(metric, moments, policy.Target(metric), policy.Calendar, pauseIn, []);
                var verdict = period.Judge(replayed, metric == SlaMetric.FirstResponse ? query.FirstResponseDue : query.ResolutionDue);
                group.Add(metric, verdict, replayed.Elapsed);
                total.Add(metric, verdict, replayed.Elapsed);
            }
            moments.Clear();
        }
    }

    enum Verdict { None, Met, Late, Overdue }

    readonly record struct Period(Instant Start, Instant End, Instant Now)
    {
        bool Holds(Instant at) => at >= Start && at < End;

        // Met or late in the period it was met in, against the deadline it was met against; overdue in the period its
        // deadline fell in, once that has passed.
        public Verdict Judge(SlaClock replayed, DateTimeOffset stored) => replayed switch
        {
            { MetAt: { } met } when Holds(met) => met > Instant.FromDateTimeOffset(stored) ? Verdict.Late : Verdict.Met,
            { MetAt: null, Due: { } due } when Holds(due) && due < Now => Verdict.Overdue,
            _ => Verdict.None,
        };
    }

    sealed class Tally
    {
        public long Created;
        readonly Score firstResponse = new(), resolution = new();

        public void Add(SlaMetric metric, Verdict verdict, Duration elapsed) =>
            (metric == SlaMetric.FirstResponse ? firstResponse : resolution).Add(verdict, elapsed);

        public ScorecardGroup ToView(string key) => new(key, Created, firstResponse.ToView(), resolution.ToView());
    }

    sealed class Score
    {
        int met, late, overdue;
        readonly List<double> seconds = [];

        public void Add(Verdict verdict, Duration elapsed)
        {
            switch (verdict)
            {
                case Verdict.Met:
                    met++;
                    seconds.Add(elapsed.TotalSeconds);
                    break;
                case Verdict.Late:
                    late++;
                    seconds.Add(elapsed.TotalSeconds);
                    break;
                case Verdict.Overdue:
                    overdue++;
                    break;
            }
        }

        public MetricScore ToView()
        {
            var judged = met + late + overdue;
            seconds.Sort();
            return new MetricScore(met, late, overdue,
                judged == 0 ? null : Math.Round(100.0 * met / judged, 1),
                seconds.Count == 0 ? null : Math.Round(seconds.Average(), 1),
                // Nearest rank: the smallest time that at least 90% of them did not exceed.
                seconds.Count == 0 ? null : Math.Round(seconds[(int)Math.Ceiling(0.9 * seconds.Count) - 1], 1));
        }
    }

    sealed class CreatedRow
    {
        public string Type { get; init; } = "";
        public string Priority { get; init; } = "";
        public string Queue { get; init; } = "";
        public string ServiceLevel { get; init; } = "";
        public long Created { get; init; }
    }

    sealed class MomentRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string Priority { get; init; } = "";
        public string Queue { get; init; } = "";
        public string ServiceLevel { get; init; } = "";
        public DateTimeOffset FirstResponseDue { get; init; }
        public DateTimeOffset ResolutionDue { get; init; }
        public string Kind { get; init; } = "";
        public string? Data { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}

/// <summary>
/// One period's scorecard: a row per group (<paramref name="By"/>: type, priority, queue or service_level, the
/// contact's service level standing for the service) and the total over all of them.
/// </summary>
public sealed record SlaScorecardView(DateOnly From, DateOnly To, string By, IReadOnlyList<ScorecardGroup> Groups, ScorecardGroup Total);

/// <summary>One group: queries created in the period, and how its first responses and resolutions did.</summary>
public sealed record ScorecardGroup(string Key, long Created, MetricScore FirstResponse, MetricScore Resolution);

/// <summary>
/// Met and late: met in the period, on or after their deadline; overdue: not met, the deadline in the period and
/// passed. Attainment is met ÷ (met + late + overdue) in percent. Times are business time on the policy's calendar,
/// paused time left out, of the met and late ones; null where there is nothing to measure.
/// </summary>
public sealed record MetricScore(int Met, int Late, int Overdue, double? AttainmentPercent, double? AverageSeconds, double? P90Seconds);
