using System.Globalization;
using System.Text.Json;
using Dapper;

namespace Desk.Bench.Sla;

/// <summary>
/// How late a running desk sees breaches: P1 queries whose first-response deadlines fall at known instants, at random
/// within <paramref name="spread"/> from <paramref name="lead"/> on (each with its 75% and 90% warnings already recorded,
/// so the breach is all that is left), written into the desk's file while it runs. Two measures per breach:
/// <c>recorded_at − due_at</c> (the pass stamps an event with the instant it started looking), and when the bench first
/// read the committed event, polling every 10 ms (what a console can see at the earliest: the push follows the commit).
/// </summary>
internal static class Lateness
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10), Patience = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string db, int breaches, TimeSpan lead, TimeSpan spread, string interval)
    {
        using var connection = Rows.Open(db);
        var contact = await connection.ExecuteScalarAsync<long>("select min(id) from contacts");
        var after = await connection.ExecuteScalarAsync<long>("select coalesce(max(id), 0) from sla_events");
        var start = DateTimeOffset.UtcNow + lead;
        var due = new Dictionary<long, DateTimeOffset>();
        using (var tx = connection.BeginTransaction())
        using (var rows = new Rows(connection, tx))
        {
            var run = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var random = new Random(11);
            for (var i = 0; i < breaches; i++)
            {
                // At random in the window, so that the deadlines fall at every phase of the sweep's tick (evenly spaced
                // ones would fall at a handful of phases only).
                var deadline = start + spread * random.NextDouble();
                var created = deadline - Rows.P1FirstResponse;
                var id = rows.Query($"LATE-{run}-{i}", "P1", contact, created, Rows.P1FirstResponse, Rows.P1Resolution, null, deadline);
                rows.Warning(id, 0.75, created, created + Rows.P1FirstResponse * 0.75);
                rows.Warning(id, 0.9, created, created + Rows.P1FirstResponse * 0.9);
                due[id] = deadline;
            }
            tx.Commit();
        }
        var written = DateTimeOffset.UtcNow;

        var seen = new Dictionary<long, (DateTimeOffset Seen, DateTimeOffset Recorded, DateTimeOffset DueAt)>();
        var until = start + spread + Patience;
        while (seen.Count < breaches && DateTimeOffset.UtcNow < until)
        {
            var events = await connection.QueryAsync<(long Id, long QueryId, string DueAt, string RecordedAt)>("""
                select id, query_id, due_at, recorded_at from sla_events where kind = 'breach' and id > @after order by id
                """, new { after });
            var now = DateTimeOffset.UtcNow;
            foreach (var e in events)
            {
                after = e.Id;
                if (due.ContainsKey(e.QueryId))
                    seen.TryAdd(e.QueryId, (now, Instant(e.RecordedAt), Instant(e.DueAt)));
            }
            await Task.Delay(Poll);
        }

        var recorded = seen.Select(s => (s.Value.Recorded - due[s.Key]).TotalMilliseconds).ToArray();
        var committed = seen.Select(s => (s.Value.Seen - due[s.Key]).TotalMilliseconds).ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            interval,
            breaches,
            leadSeconds = lead.TotalSeconds,
            spreadSeconds = spread.TotalSeconds,
            writtenBeforeFirstDueMs = Math.Round((start - written).TotalMilliseconds),
            seen = seen.Count,
            missed = breaches - seen.Count,
            // The deadline the desk computed from the timeline and policy, against the one the bench meant.
            dueAtDriftMaxMs = seen.Count == 0 ? 0 : Math.Round(seen.Max(s => Math.Abs((s.Value.DueAt - due[s.Key]).TotalMilliseconds)), 3),
            recordedMs = Summary(recorded),
            committedMs = Summary(committed),
            overOneSecondRecorded = recorded.Count(ms => ms > 1000),
            overOneSecondCommitted = committed.Count(ms => ms > 1000),
        }));
        return 0;
    }

    static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    static object? Summary(double[] ms) => ms.Length == 0 ? null : new
    {
        min = Math.Round(ms.Min(), 1),
        p50 = Math.Round(PassCost.Quantile(ms, 0.5), 1),
        p99 = Math.Round(PassCost.Quantile(ms, 0.99), 1),
        max = Math.Round(ms.Max(), 1),
    };
}
