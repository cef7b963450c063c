using System.Diagnostics;

namespace Desk.Bench.Console;

internal sealed record ConsolesPlan(Target[] Targets, int Connections, int[] Rates, TimeSpan Duration);

/// <summary>
/// Many consoles at once on each target (the desk, the bare hub): hub connections that join their queues as the console
/// does, then intake at each rate, the targets taking turns rate by rate so that whatever else the machine is doing
/// falls on both alike. Every console records when each new query reached it; latency counts from the POST's scheduled
/// send time, so a server slow to answer or to push cannot hide it. Prints <c>label.metric=value unit</c> lines.
/// </summary>
internal static class Consoles
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(ConsolesPlan plan)
    {
        var fleets = new List<Fleet>();
        foreach (var target in plan.Targets)
        {
            var report = new Report(target.Label);
            report.Add("server_rss_idle", ProcessMemory.Of(target.ServerPid).Rss, "MB");
            var fleet = await Fleet.ConnectAsync(target, plan.Connections, report);
            await Task.Delay(TimeSpan.FromSeconds(3));
            report.Add("server_rss_connected", ProcessMemory.Of(target.ServerPid).Rss, "MB");
            fleets.Add(fleet);
        }

        for (var p = 0; p < plan.Rates.Length; p++)
            foreach (var fleet in fleets)
                await MeasureAsync(fleet, plan, plan.Rates[p], (p + 1) * 1_000_000);

        foreach (var fleet in fleets)
        {
            var report = new Report(fleet.Target.Label);
            var (rss, peak) = ProcessMemory.Of(fleet.Target.ServerPid);
            report.Add("server_rss_end", rss, "MB");
            report.Add("server_rss_peak", peak, "MB");
            report.Add("closed_connections", fleet.Consoles.Sum(c => c.Closed), "");
        }
        foreach (var fleet in fleets)
            await Task.WhenAll(fleet.Consoles.Select(c => c.Hub.DisposeAsync().AsTask()));
        return 0;
    }

    static async Task MeasureAsync(Fleet fleet, ConsolesPlan plan, int rate, int first)
    {
        var (desk, pid) = (fleet.Target.Desk, fleet.Target.ServerPid);
        var warm = new Phase(first + 500_000, (int)(rate * WarmUp.TotalSeconds), plan.Connections);
        fleet.Current = warm;
        await desk.SubmitAtRateAsync(warm.First, warm.Count, rate, warm.Due, warm.Queues);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var phase = new Phase(first, (int)(rate * plan.Duration.TotalSeconds), plan.Connections);
        fleet.Current = phase;
        var serverCpu = ProcessMemory.CpuSeconds(pid);
        var ownCpu = ProcessMemory.CpuSeconds(Environment.ProcessId);
        var machineCpu = ProcessMemory.MachineBusySeconds();
        var started = Stopwatch.GetTimestamp();
        var answered = await desk.SubmitAtRateAsync(phase.First, phase.Count, rate, phase.Due, phase.Queues);
        var until = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref phase.Delivered) < fleet.Expected(phase) && Stopwatch.GetTimestamp() < until)
            await Task.Delay(100);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        fleet.Current = null;
        new Report(fleet.Target.Label).Phase(rate, phase, answered, fleet.Expected(phase), ProcessMemory.Of(pid).Rss, seconds,
            ProcessMemory.CpuSeconds(pid) - serverCpu,
            ProcessMemory.CpuSeconds(Environment.ProcessId) - ownCpu,
            ProcessMemory.MachineBusySeconds() - machineCpu);
    }
}
