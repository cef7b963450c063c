using System.Globalization;

namespace Desk.Bench.Console;

/// <summary>Figures as <c>label.metric=value unit</c> lines on standard output, one a line, for run.sh to read.</summary>
internal sealed class Report(string label)
{
    public void Add(string metric, double value, string unit) =>
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}.{metric}={value:0.###} {unit}").TrimEnd());

    public void Phase(int rate, Phase phase, int answered, long expected, double rss,
        double seconds, double serverCpu, double clientCpu, double machineCpu)
    {
        var heard = phase.Heard;
        var all = new List<int>((int)Math.Min(phase.Delivered, int.MaxValue));
        var lastConsole = new int[phase.Count];
        foreach (var console in heard)
            for (var i = 0; i < console.Length; i++)
                if (console[i] != 0)
                {
                    all.Add(console[i] - 1);
                    lastConsole[i] = Math.Max(lastConsole[i], console[i] - 1);
                }
        all.Sort();
        var reachedAll = lastConsole.Where((_, i) => phase.Queues[i] is not null).Order().ToArray();
        var at = $"r{rate}";
        Add($"{at}.queries_sent", phase.Count, "");
        Add($"{at}.queries_answered", answered, "");
        Add($"{at}.queries_created", phase.Queues.Count(queue => queue is not null), "");
        Add($"{at}.deliveries_expected", expected, "");
        Add($"{at}.deliveries", phase.Delivered, "");
        Add($"{at}.deliveries_missing", expected - phase.Delivered, "");
        Add($"{at}.deliveries_duplicate", phase.Duplicates, "");
        Add($"{at}.deliveries_per_s", phase.Delivered / (phase.Count / (double)rate), "/s");
        Add($"{at}.push_p50", Ms(all, 0.50), "ms");
        Add($"{at}.push_p99", Ms(all, 0.99), "ms");
        Add($"{at}.push_p999", Ms(all, 0.999), "ms");
        Add($"{at}.push_max", Ms(all, 1.0), "ms");
        Add($"{at}.last_console_p50", Ms(reachedAll, 0.50), "ms");
        Add($"{at}.last_console_p99", Ms(reachedAll, 0.99), "ms");
        Add($"{at}.server_rss", rss, "MB");
        Add($"{at}.server_cpu", serverCpu / seconds, "cores");
        Add($"{at}.client_cpu", clientCpu / seconds, "cores");
        Add($"{at}.machine_cpu", machineCpu / seconds, "cores");
        // What a delivery costs, which the machine's other work changes far less than it changes latency.
        Add($"{at}.server_cpu_per_delivery", serverCpu * 1e6 / Math.Max(phase.Delivered, 1), "us");
        Add($"{at}.client_cpu_per_delivery", clientCpu * 1e6 / Math.Max(phase.Delivered, 1), "us");
    }

    static double Ms(IReadOnlyList<int> sortedMicros, double quantile) => sortedMicros.Count == 0
        ? double.NaN
        : sortedMicros[Math.Min(sortedMicros.Count - 1, (int)Math.Ceiling(quantile * sortedMicros.Count) - 1)] / 1000.0;
}
