using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;
using NodaTime;

namespace Desk.Api.Board;

/// <summary>
/// The board's reads. The open queries are read whole only to build a node's counts (at start of watching, each new day
/// and every <c>Board:ReloadInterval</c>), a few narrow columns through the status index; every push after that moves one
/// query, and every <c>Board:ResyncInterval</c> the node takes in the queries changed since (<see cref="ChangedSinceAsync"/>).
/// </summary>
internal sealed class BoardStore(DeskDb db)
{
    // The timeline kinds a board's feed shows, and what it calls them: each a contact with the user, or an SLA event.
    static readonly Dictionary<string, string> FeedKinds = new()
    {
        [TimelineKinds.Created] = "query_created",
        [TimelineKinds.MessageIn] = "user_message",
        [TimelineKinds.HandoffRequested] = "handoff_requested",
        [TimelineKinds.HandoffTaken] = "handoff_taken",
        [TimelineKinds.HandoffTimedOut] = "handoff_timed_out",
        [TimelineKinds.SlaWarning] = "sla_warning",
        [TimelineKinds.SlaBreached] = "sla_breached",
        [Surveys.SurveyKinds.MomentOfTruth] = "low_score",
    };

    public static string? FeedKind(string timelineKind) => FeedKinds.GetValueOrDefault(timelineKind);

    /// <summary>
    /// A moment of truth's line (Desk.Api/Moments): a survey's own is "low_score"; one whose cause has a line of its own
    /// (a breach, a handoff, a complaint's creation) is that line, so none shows twice; any other is "moment_of_truth",
    /// saying its kind and polarity. Null when the cause's line tells it.
    /// </summary>
    public static BoardFeedItem? MomentLine(JsonElement? data, DateTimeOffset at, string reference, string queue)
    {
        if (data is not { ValueKind: JsonValueKind.Object } d || !d.TryGetProperty("moment", out _))
            return new("low_score", at, reference, queue, MomentOfTruth: true);
        if (d.TryGetProperty("cause", out var cause) && cause.GetString() is { } shown && FeedKind(shown) is not null)
            return null;
        var kind = d.TryGetProperty("kind", out var k) ? k.GetString() : null;
        var polarity = d.TryGetProperty("polarity", out var p) ? p.GetString() : null;
        return new("moment_of_truth", at, reference, queue, Metric: kind, Text: $"{kind?.Replace('_', ' ')}, {polarity}", MomentOfTruth: true);
    }

    /// <summary>Every moment of truth but the warning, which is the desk's own early word, not a user's experience.</summary>
    public static bool IsMomentOfTruth(string feedKind) => feedKind != "sla_warning";

    public sealed record Staff(string DisplayName, string Role);

    public async Task<(BoardCounts Counts, IReadOnlyDictionary<string, Staff> Staff)> LoadAsync(
        BoardOptions options, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var warned = (await connection.QueryAsync<(string Reference, string Metric)>(new CommandDefinition("""
            select distinct q.reference, e.metric from queries q join sla_events e on e.query_id = q.id
            where q.status in ('new', 'open', 'in_progress', 'waiting_for_user') and e.kind = 'warning'
              and e.metric in ('first_response', 'resolution')
            """, cancellationToken: ct))).ToHashSet();
        var staff = await StaffAsync(connection, ct);
        var today = await TodayAsync(connection, options, now, ct);

        var counts = new BoardCounts(options.AtRiskWithin, today);
        // The few columns that place a query on the board, into the queries' own row type; streamed (and read last: one
        // command at a time on a connection), so that only the board's 32 bytes per open query stay, not a list of rows.
        var rows = connection.QueryUnbufferedAsync<QueryRow>("""
            select reference, queue, assignee, created_at, version, first_responded_at, sla_paused, first_response_breached_at,
                resolution_breached_at, first_response_due, next_response_due, resolution_due
            from queries where status in ('new', 'open', 'in_progress', 'waiting_for_user')
            """);
        await foreach (var r in rows.WithCancellation(ct))
            counts.Set(r.Reference, Place(r, warned), now);
        counts.TakeChanges();
        return (counts, staff);
    }

    /// <summary>
    /// Hands each query changed since <paramref name="since"/> to <paramref name="take"/> as it is read (every change sets
    /// <c>updated_at</c>; read through its index, streamed): its reference, version and new place, null when it left the
    /// board. Returns how many it read, with today's attainment and the staff.
    /// </summary>
    public async Task<CatchUp> ChangedSinceAsync(
        DateTimeOffset since, BoardOptions options, DateTimeOffset now, Action<string, long, OpenQuery?> take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var warned = (await connection.QueryAsync<(string Reference, string Metric)>(new CommandDefinition("""
            select distinct q.reference, e.metric from queries q join sla_events e on e.query_id = q.id
            where q.updated_at >= @since and e.kind = 'warning' and e.metric in ('first_response', 'resolution')
            """, new { since }, cancellationToken: ct))).ToHashSet();
        var today = await TodayAsync(connection, options, now, ct);
        var staff = await StaffAsync(connection, ct);
        var read = 0;
        var rows = connection.QueryUnbufferedAsync<QueryRow>("""
            select reference, status, queue, assignee, created_at, version, first_responded_at, sla_paused, first_response_breached_at,
                resolution_breached_at, first_response_due, next_response_due, resolution_due
            from queries where updated_at >= @since
            """, new { since });
        await foreach (var r in rows.WithCancellation(ct))
        {
            take(r.Reference, r.Version, QueryStatus.IsOpen(r.Status) ? Place(r, warned) : null);
            read++;
        }
        return new CatchUp(read, today, staff);
    }

    public sealed record CatchUp(int Read, Attainment Today, IReadOnlyDictionary<string, Staff> Staff);

    static OpenQuery Place(QueryRow r, HashSet<(string Reference, string Metric)> warned) => new(
        r.Queue, r.Assignee, r.CreatedAt, r.Version, r.FirstRespondedAt is not null, r.SlaPaused,
        r.FirstResponseBreachedAt is not null || r.ResolutionBreachedAt is not null, r.FirstResponseDue, r.NextResponseDue,
        r.ResolutionDue, warned.Contains((r.Reference, "first_response")), warned.Contains((r.Reference, "resolution")));

    static async Task<IReadOnlyDictionary<string, Staff>> StaffAsync(System.Data.Common.DbConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<(string Username, string DisplayName, string Role)>(new CommandDefinition(
            "select username, display_name, role from staff where disabled_at is null", cancellationToken: ct)))
            .ToDictionary(s => s.Username, s => new Staff(s.DisplayName, s.Role), StringComparer.Ordinal);

    /// <summary>Today's first responses and resolutions, and how many were in time: ranges of their partial indexes.</summary>
    static async Task<Attainment> TodayAsync(System.Data.Common.DbConnection connection, BoardOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var (day, from, to) = Today(options.Zone, now);
        var firsts = await connection.QuerySingleAsync<(long Total, long Met)>(new CommandDefinition("""
            select count(*), coalesce(sum(case when first_responded_at <= first_response_due then 1 else 0 end), 0)
            from queries where first_responded_at >= @from and first_responded_at < @to
            """, new { from, to }, cancellationToken: ct));
        var resolutions = await connection.QuerySingleAsync<(long Total, long Met)>(new CommandDefinition("""
            select count(*), coalesce(sum(case when resolved_at <= resolution_due then 1 else 0 end), 0)
            from queries where resolved_at >= @from and resolved_at < @to
            """, new { from, to }, cancellationToken: ct));
        return new Attainment(day, options.TimeZone, (int)firsts.Total, (int)firsts.Met, (int)resolutions.Total, (int)resolutions.Met);
    }

    /// <summary>Whether a query that comes (back) onto the board had its first warnings: a reopened one, or one this node missed.</summary>
    public async Task<(bool FirstResponse, bool Resolution)> WarnedAsync(string reference, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var metrics = (await connection.QueryAsync<string>(new CommandDefinition("""
            select distinct e.metric from sla_events e join queries q on q.id = e.query_id
            where q.reference = @reference and e.kind = 'warning'
            """, new { reference }, cancellationToken: ct))).ToHashSet();
        return (metrics.Contains("first_response"), metrics.Contains("resolution"));
    }

    /// <summary>The latest feed lines the timeline holds, newest first: the primary key read backwards, so it stops at the limit.</summary>
    public async Task<IReadOnlyList<BoardFeedItem>> FeedAsync(int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Kind, string Reference, string Queue, string? Data, DateTimeOffset At)>(new CommandDefinition($"""
            select t.kind, q.reference, q.queue, t.data, t.created_at from timeline_entries t join queries q on q.id = t.query_id
            where t.kind in ('created', 'message_in', 'handoff_requested', 'handoff_taken', 'handoff_timed_out', 'sla_warning', 'sla_breached',
                'moment_of_truth')
            order by t.id desc {db.Dialect.Limit("limit")}
            """, new { limit = limit * 2 }, cancellationToken: ct)); // moments told by their cause's line are left out below
        return rows.Select(r =>
        {
            if (r.Kind == Surveys.SurveyKinds.MomentOfTruth)
                return MomentLine(r.Data is null ? null : JsonDocument.Parse(r.Data).RootElement, r.At, r.Reference, r.Queue);
            var kind = FeedKinds[r.Kind];
            string? metric = null;
            double? share = null;
            if (r.Data is not null && kind.StartsWith("sla_", StringComparison.Ordinal))
            {
                var data = JsonDocument.Parse(r.Data).RootElement;
                metric = data.TryGetProperty("kind", out var m) ? m.GetString() : null;
                share = kind == "sla_warning" && data.TryGetProperty("share", out var s) ? s.GetDouble() : null;
            }
            return new BoardFeedItem(kind, r.At, r.Reference, r.Queue, metric, share, MomentOfTruth: IsMomentOfTruth(kind));
        }).OfType<BoardFeedItem>().Take(limit).ToList();
    }

    /// <summary>Today in the board's zone, and the UTC instants it starts and ends.</summary>
    public static (string Day, DateTimeOffset From, DateTimeOffset To) Today(DateTimeZone zone, DateTimeOffset now)
    {
        var date = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        return (date.ToString("yyyy-MM-dd", null), zone.AtStartOfDay(date).ToDateTimeOffset().ToUniversalTime(),
            zone.AtStartOfDay(date.PlusDays(1)).ToDateTimeOffset().ToUniversalTime());
    }
}
