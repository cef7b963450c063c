using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Desk.Bench.Console;

/// <summary>
/// <paramref name="Accounts"/> empty: the bare hub, no sign-in. Connection i is account i mod accounts; every tenth a
/// supervisor's console (with no accounts, by the same rule), so that both targets see the same mix.
/// </summary>
internal sealed record ConsolesPlan(DeskClient Desk, Account[] Accounts, int Connections, int[] Rates, TimeSpan Duration, int ServerPid, string Label);

/// <summary>
/// Many consoles at once: hub connections that join their queues as the console does, then intake at each rate while
/// every console records when each new query reached it. Latency counts from the POST's scheduled send time, so a
/// desk slow to answer or to push cannot hide it. Prints <c>metric=value unit</c> lines, each prefixed with the label.
/// </summary>
internal static class Consoles
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(ConsolesPlan plan)
    {
        var report = new Report(plan.Label);
        var (idleRss, _) = ProcessMemory.Of(plan.ServerPid);
        report.Add("server_rss_idle", idleRss, "MB");

        var consoles = await ConnectAsync(plan, report);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (connectedRss, _) = ProcessMemory.Of(plan.ServerPid);
        report.Add("server_rss_connected", connectedRss, "MB");

        for (var p = 0; p < plan.Rates.Length; p++)
        {
            var rate = plan.Rates[p];
            var warm = new Phase((p + 1) * 1_000_000 + 500_000, (int)(rate * WarmUp.TotalSeconds), plan.Connections);
            Phase.Current = warm;
            await plan.Desk.SubmitAtRateAsync(warm.First, warm.Count, rate, warm.Due, warm.Queues);
            await Task.Delay(TimeSpan.FromSeconds(1));

            var phase = new Phase((p + 1) * 1_000_000, (int)(rate * plan.Duration.TotalSeconds), plan.Connections);
            Phase.Current = phase;
            var serverCpu = ProcessMemory.CpuSeconds(plan.ServerPid);
            var ownCpu = ProcessMemory.CpuSeconds(Environment.ProcessId);
            var machineCpu = ProcessMemory.MachineBusySeconds();
            var started = Stopwatch.GetTimestamp();
            var created = await plan.Desk.SubmitAtRateAsync(phase.First, phase.Count, rate, phase.Due, phase.Queues);
            var expected = Expected(phase, consoles);
            var until = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
            while (Interlocked.Read(ref phase.Delivered) < expected && Stopwatch.GetTimestamp() < until)
                await Task.Delay(50);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var (rss, _) = ProcessMemory.Of(plan.ServerPid);
            report.Phase(rate, phase, created, expected, rss,
                (ProcessMemory.CpuSeconds(plan.ServerPid) - serverCpu) / seconds,
                (ProcessMemory.CpuSeconds(Environment.ProcessId) - ownCpu) / seconds,
                (ProcessMemory.MachineBusySeconds() - machineCpu) / seconds);
        }

        var (endRss, peak) = ProcessMemory.Of(plan.ServerPid);
        report.Add("server_rss_end", endRss, "MB");
        report.Add("server_rss_peak", peak, "MB");
        report.Add("closed_connections", consoles.Sum(c => c.Closed), "");
        await Task.WhenAll(consoles.Select(c => c.Hub.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>The deliveries owed: each created query to every console that joined its queue, and to every supervisor.</summary>
    static long Expected(Phase phase, Console[] consoles)
    {
        long expected = 0;
        foreach (var queue in phase.Queues)
            if (queue is not null)
                expected += consoles.Count(c => c.Receives(queue));
        return expected;
    }

    static async Task<Console[]> ConnectAsync(ConsolesPlan plan, Report report)
    {
        var started = Stopwatch.GetTimestamp();
        var sessions = new (CookieContainer? Cookies, string[] Queues, bool Supervisor)[Math.Max(plan.Accounts.Length, 1)];
        if (plan.Accounts.Length == 0)
            sessions[0] = (null, await plan.Desk.QueuesAsync(new CookieContainer()), false);
        for (var a = 0; a < plan.Accounts.Length; a++)
        {
            var cookies = await plan.Desk.SignInAsync(plan.Accounts[a]);
            sessions[a] = (cookies, await plan.Desk.QueuesAsync(cookies), plan.Accounts[a].Role != "agent");
        }
        report.Add("sign_in_s", Stopwatch.GetElapsedTime(started).TotalSeconds, "s");

        started = Stopwatch.GetTimestamp();
        var consoles = new Console[plan.Connections];
        using var gate = new SemaphoreSlim(32);
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, plan.Connections).Select(async i =>
        {
            var (cookies, queues, supervisor) = sessions[i % sessions.Length];
            supervisor = plan.Accounts.Length == 0 ? i % 10 == 9 : supervisor;
            var console = consoles[i] = new Console(i, Build(plan.Desk.BaseAddress, cookies), queues, supervisor);
            await gate.WaitAsync();
            try
            {
                await console.StartAsync();
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) == 1) System.Console.Error.WriteLine($"{plan.Label}: a console failed to connect: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        report.Add("connect_s", Stopwatch.GetElapsedTime(started).TotalSeconds, "s");
        report.Add("consoles", plan.Connections - failed, "");
        report.Add("supervisor_consoles", consoles.Count(c => c.Supervisor), "");
        return consoles;
    }

    static HubConnection Build(Uri desk, CookieContainer? cookies) => new HubConnectionBuilder()
        .WithUrl(new Uri(desk, "/hubs/desk"), o =>
        {
            if (cookies is not null) o.Cookies = cookies;
            o.Headers[DeskClient.ClientHeader] = "bench";
            o.Transports = HttpTransportType.WebSockets;
        })
        .Build();

    /// <summary>The numbered queries of one measured stretch and what each console heard of them.</summary>
    internal sealed class Phase(int first, int count, int connections)
    {
        public static volatile Phase? Current;

        public readonly int First = first;
        public readonly int Count = count;
        public readonly long[] Due = new long[count];
        public readonly string?[] Queues = new string?[count];
        /// <summary>Per console, per query: microseconds from send to receipt, plus one (0: not received).</summary>
        public readonly int[][] Heard = Enumerable.Range(0, connections).Select(_ => new int[count]).ToArray();
        public long Delivered;
        public long Duplicates;

        public void Receive(int console, int number, long now)
        {
            var index = number - First;
            if ((uint)index >= (uint)Count || Due[index] == 0) return;
            var micros = (int)Math.Min(int.MaxValue - 1, (now - Due[index]) * 1_000_000 / Stopwatch.Frequency);
            if (Heard[console][index] != 0)
            {
                Interlocked.Increment(ref Duplicates);
                return;
            }
            Heard[console][index] = Math.Max(micros, 0) + 1;
            Interlocked.Increment(ref Delivered);
        }
    }

    sealed class Console(int index, HubConnection hub, string[] queues, bool supervisor)
    {
        public HubConnection Hub => hub;
        public bool Supervisor => supervisor;
        public int Closed;

        public bool Receives(string queue) => supervisor || queues.Contains(queue);

        public async Task StartAsync()
        {
            hub.On<PushedQuery>("QueryCreated", query =>
            {
                if (DeskClient.Number(query.Subject) is { } number) Phase.Current?.Receive(index, number, Stopwatch.GetTimestamp());
            });
            hub.Closed += _ =>
            {
                Interlocked.Increment(ref Closed);
                return Task.CompletedTask;
            };
            await hub.StartAsync();
            foreach (var queue in queues)
                await hub.InvokeAsync("JoinQueue", queue);
            if (supervisor)
                await hub.InvokeAsync("JoinSupervisors");
        }
    }

    /// <summary>Only the subject is read from a pushed query; the rest of the payload is skipped.</summary>
    sealed record PushedQuery(string? Subject);
}
