using System.Diagnostics;
using System.Text.Json;
using Desk.Api.Sla;
using Microsoft.Data.Sqlite;

namespace Desk.Bench.Sla;

/// <summary>
/// The cost of one timer pass (SlaTimers.RunDueAsync, the desk's own code and connection pool) at a given number of
/// open queries: with nothing due, and with <c>due</c> queries each owing one warning. Also the pass's select alone on
/// a bare connection, its query plan, and the 30-day scorecard over the same file.
/// </summary>
internal static class PassCost
{
    const int IdleWarmUp = 50, IdleRuns = 500, DueWarmUp = 3, DueRuns = 20, StatementRuns = 2000;

    // The pass's select as SlaTimers sends it to SQLite (dialect Limit: "limit @batch"), batch = Sla:SweepBatchSize.
    const string DueSelect = "select reference from queries where sla_next_due <= $now order by sla_next_due limit 200";

    public static async Task<int> RunAsync(string db, int open, int due)
    {
        using (var migrate = new InProcessDesk(db))
            migrate.Start();
        SqliteConnection.ClearAllPools(); // the seed below is the file's only writer
        var (pool, seedSeconds) = Rows.Seed(db, open, due * (DueWarmUp + DueRuns), DateTimeOffset.UtcNow);

        using var desk = new InProcessDesk(db);
        var pass = desk.Pass();
        for (var i = 0; i < IdleWarmUp; i++)
            await ExpectAsync(pass, 0);
        var idle = new double[IdleRuns];
        for (var i = 0; i < IdleRuns; i++)
            idle[i] = await TimedAsync(() => ExpectAsync(pass, 0));

        var busy = new List<double>();
        for (var run = 0; run < DueWarmUp + DueRuns; run++)
        {
            Rows.Arm(db, pool.Skip(run * due).Take(due));
            var ms = await TimedAsync(() => ExpectAsync(pass, due));
            if (run >= DueWarmUp)
                busy.Add(ms);
        }

        var (statement, plan) = Statement(db);
        var card = desk.Scorecard();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        SlaScorecardView? view = null;
        var scorecardSeconds = await TimedAsync(async () => view = await card(today.AddDays(-29), today, "priority")) / 1000;

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            open,
            due,
            seedSeconds = Math.Round(seedSeconds, 1),
            fileMb = Math.Round(new FileInfo(db).Length / 1048576.0, 1),
            idle = Summary(idle),
            dueRuns = Summary(busy),
            duePerQueryMs = Math.Round(Quantile(busy, 0.5) / due, 3),
            statementUs = Summary(statement),
            plan,
            scorecardSeconds = Math.Round(scorecardSeconds, 2),
            scorecardJudged = view!.Total.FirstResponse.Met + view.Total.FirstResponse.Late + view.Total.FirstResponse.Overdue,
        }));
        return 0;
    }

    static async Task ExpectAsync(Func<Task<int>> pass, int recorded)
    {
        var got = await pass();
        if (got != recorded)
            throw new InvalidOperationException($"A timer pass recorded {got} warnings and breaches; the bench expected {recorded}.");
    }

    static async Task<double> TimedAsync(Func<Task> run)
    {
        var started = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>The select alone, prepared once on one bare connection (µs), and SQLite's plan for it.</summary>
    static (double[] Micros, string[] Plan) Statement(string db)
    {
        using var connection = Rows.Open(db);
        using var select = connection.CreateCommand();
        select.CommandText = DueSelect;
        select.Parameters.AddWithValue("$now", Rows.At(DateTimeOffset.UtcNow));
        var micros = new double[StatementRuns];
        for (var i = 0; i < StatementRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using (var reader = select.ExecuteReader())
                while (reader.Read()) { }
            micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        select.CommandText = "explain query plan " + DueSelect;
        var plan = new List<string>();
        using (var reader = select.ExecuteReader())
            while (reader.Read())
                plan.Add(reader.GetString(3));
        return (micros, plan.ToArray());
    }

    static object Summary(IReadOnlyCollection<double> values) => new
    {
        p50 = Math.Round(Quantile(values, 0.5), 3),
        p90 = Math.Round(Quantile(values, 0.9), 3),
        mean = Math.Round(values.Average(), 3),
        min = Math.Round(values.Min(), 3),
        runs = values.Count,
    };

    /// <summary>Nearest rank.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
