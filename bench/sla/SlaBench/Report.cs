using System.Globalization;
using System.Text.Json;

namespace Desk.Bench.Sla;

/// <summary>The markdown tables of one run of bench/sla/run.sh, from the JSON it left per size, and the targets met or not.</summary>
internal static class Report
{
    public static int Write(string folder, string[] sizes)
    {
        var passes = sizes.ToDictionary(s => s, s => Read(folder, s, "passes.json"));
        var lateness = sizes.SelectMany(s => Directory.GetFiles(Path.Combine(folder, s), "lateness*.json").OrderBy(f => f.Contains("-extra"))
            .Select(file => (Size: s, Result: Read(folder, s, Path.GetFileName(file))))).ToList();

        Console.WriteLine("## One timer pass (SlaTimers.RunDueAsync, in-process, the desk's own connection pool)");
        Console.WriteLine();
        Console.WriteLine("| open queries | file MB | seed s | nothing due: p50 ms | p90 ms | min ms | select alone: p50 µs | p90 µs | k due | k due: p50 ms | p90 ms | per query ms | scorecard, 30 days: s | queries judged |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (size, p) in passes)
            Console.WriteLine($"| {N(p, "open")} | {N(p, "fileMb")} | {N(p, "seedSeconds")} | {N(p, "idle", "p50")} | {N(p, "idle", "p90")} | {N(p, "idle", "min")} "
                + $"| {N(p, "statementUs", "p50")} | {N(p, "statementUs", "p90")} | {N(p, "due")} | {N(p, "dueRuns", "p50")} | {N(p, "dueRuns", "p90")} "
                + $"| {N(p, "duePerQueryMs")} | {N(p, "scorecardSeconds")} | {N(p, "scorecardJudged")} |");
        Console.WriteLine();
        Console.WriteLine("SQLite's plan for the pass's select, at each size:");
        Console.WriteLine();
        Console.WriteLine("```");
        foreach (var (size, p) in passes)
            Console.WriteLine($"{size}: {string.Join(" / ", p.GetProperty("plan").EnumerateArray().Select(l => l.GetString()))}");
        Console.WriteLine("```");
        Console.WriteLine();

        Console.WriteLine("## How late breaches are seen (the desk running)");
        Console.WriteLine();
        Console.WriteLine("| open queries | Sla:SweepInterval | breaches | seen | missed | recorded − due: min ms | p50 | p99 | max | > 1 s | committed − due: min ms | p50 | p99 | max | > 1 s |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (size, x) in lateness)
        {
            Console.WriteLine($"| {size} | {N(x, "interval")} | {N(x, "breaches")} | {N(x, "seen")} | {N(x, "missed")} | {N(x, "recordedMs", "min")} | {N(x, "recordedMs", "p50")} "
                + $"| {N(x, "recordedMs", "p99")} | {N(x, "recordedMs", "max")} | {N(x, "overOneSecondRecorded")} | {N(x, "committedMs", "min")} "
                + $"| {N(x, "committedMs", "p50")} | {N(x, "committedMs", "p99")} | {N(x, "committedMs", "max")} | {N(x, "overOneSecondCommitted")} |");
        }
        Console.WriteLine();

        Console.WriteLine("## Targets (issue 9, point 9)");
        Console.WriteLine();
        var (small, large) = (passes[sizes[0]], passes[sizes[^1]]);
        foreach (var (what, path) in new[] { ("nothing due", "idle"), ("k due", "dueRuns") })
        {
            var ratio = Number(large, path, "p50") / Number(small, path, "p50");
            Console.WriteLine($"- Pass cost, {what}, p50 at {N(large, "open")} open ÷ at {N(small, "open")}: **×{ratio.ToString("0.00", CultureInfo.InvariantCulture)}** "
                + $"(target ≤ ×1.5: {(ratio <= 1.5 ? "met" : "missed")}).");
        }
        foreach (var (size, x) in lateness)
        {
            var worst = Number(x, "committedMs", "max");
            Console.WriteLine($"- Breach seen within 1 s of its deadline, at {size} open, sweeping every {N(x, "interval")}: worst committed lateness {N(x, "committedMs", "max")} ms, "
                + $"{N(x, "overOneSecondCommitted")} of {N(x, "seen")} over 1 s, {N(x, "missed")} missed (target: {(worst <= 1000 && Number(x, "missed") == 0 ? "met" : "missed")}).");
        }
        return 0;
    }

    static JsonElement Read(string folder, string size, string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, size, file))).RootElement;

    static double Number(JsonElement element, params string[] path) =>
        path.Aggregate(element, (e, name) => e.GetProperty(name)).GetDouble();

    static string N(JsonElement element, params string[] path)
    {
        var value = path.Aggregate(element, (e, name) => e.GetProperty(name));
        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString(value.GetDouble() >= 1000 ? "#,0" : "0.###", CultureInfo.InvariantCulture)
            : value.ToString();
    }
}
