using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Desk.Bench.Console;

/// <summary>
/// One server under test. <paramref name="Accounts"/> empty: the bare hub, no sign-in. Connection i is account i mod
/// accounts; every tenth a supervisor's console (with no accounts, by the same rule), so that both see the same mix.
/// </summary>
internal sealed record Target(string Label, DeskClient Desk, Account[] Accounts, int ServerPid);

/// <summary>The hub connections opened on one target, each joined as the console joins.</summary>
internal sealed class Fleet(Target target, Fleet.Console[] consoles)
{
    public Target Target => target;
    public IReadOnlyList<Console> Consoles => consoles;
    public volatile Phase? Current;

    /// <summary>The deliveries owed: each created query to every console that joined its queue, and to every supervisor.</summary>
    public long Expected(Phase phase)
    {
        var receivers = new Dictionary<string, int>();
        long expected = 0;
        foreach (var queue in phase.Queues)
        {
            if (queue is null) continue;
            if (!receivers.TryGetValue(queue, out var count))
                receivers[queue] = count = consoles.Count(c => c.Connected && c.Receives(queue));
            expected += count;
        }
        return expected;
    }

    public static async Task<Fleet> ConnectAsync(Target target, int connections, Report report)
    {
        var started = Stopwatch.GetTimestamp();
        var sessions = new (CookieContainer? Cookies, string[] Queues, bool Supervisor)[Math.Max(target.Accounts.Length, 1)];
        if (target.Accounts.Length == 0)
            sessions[0] = (null, await target.Desk.QueuesAsync(new CookieContainer()), false);
        for (var a = 0; a < target.Accounts.Length; a++)
        {
            var cookies = await target.Desk.SignInAsync(target.Accounts[a]);
            sessions[a] = (cookies, await target.Desk.QueuesAsync(cookies), target.Accounts[a].Role != "agent");
        }
        report.Add("sign_in_s", Stopwatch.GetElapsedTime(started).TotalSeconds, "s");

        started = Stopwatch.GetTimestamp();
        var consoles = new Console[connections];
        var fleet = new Fleet(target, consoles);
        using var gate = new SemaphoreSlim(32);
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            var (cookies, queues, supervisor) = sessions[i % sessions.Length];
            supervisor = target.Accounts.Length == 0 ? i % 10 == 9 : supervisor;
            var console = consoles[i] = new Console(fleet, i, Build(target.Desk.BaseAddress, cookies), queues, supervisor);
            await gate.WaitAsync();
            try
            {
                await console.StartAsync();
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) == 1) System.Console.Error.WriteLine($"{target.Label}: a console failed to connect: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        report.Add("connect_s", Stopwatch.GetElapsedTime(started).TotalSeconds, "s");
        report.Add("consoles", connections - failed, "");
        report.Add("supervisor_consoles", consoles.Count(c => c.Supervisor), "");
        return fleet;
    }

    static HubConnection Build(Uri desk, CookieContainer? cookies) => new HubConnectionBuilder()
        .WithUrl(new Uri(desk, "/hubs/desk"), o =>
        {
            if (cookies is not null) o.Cookies = cookies;
            o.Headers[DeskClient.ClientHeader] = "bench";
            o.Transports = HttpTransportType.WebSockets;
        })
        .Build();

    internal sealed class Console(Fleet fleet, int index, HubConnection hub, string[] queues, bool supervisor)
    {
        public HubConnection Hub => hub;
        public bool Supervisor => supervisor;
        public bool Connected { get; private set; }
        public int Closed;

        public bool Receives(string queue) => supervisor || queues.Contains(queue);

        public async Task StartAsync()
        {
            hub.On<PushedQuery>("QueryCreated", query =>
            {
                if (DeskClient.Number(query.Subject) is { } number)
                    fleet.Current?.Receive(index, number, query.Queue, Stopwatch.GetTimestamp());
            });
            hub.On<PushedQuery[]>("QueriesCreated", queries =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var query in queries)
                    if (DeskClient.Number(query.Subject) is { } number)
                        fleet.Current?.Receive(index, number, query.Queue, now);
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
            Connected = true;
        }
    }

    /// <summary>Only the subject and queue are read from a pushed query; the rest of the payload is skipped.</summary>
    sealed record PushedQuery(string? Subject, string? Queue);
}

/// <summary>The numbered queries of one measured stretch and what each console heard of them.</summary>
internal sealed class Phase(int first, int count, int connections)
{
    public readonly int First = first;
    public readonly int Count = count;
    public readonly long[] Due = new long[count];
    /// <summary>The queue of each created query: from the POST's answer, or from its push when the answer never came.</summary>
    public readonly string?[] Queues = new string?[count];
    /// <summary>Per console, per query: microseconds from send to receipt, plus one (0: not received).</summary>
    public readonly int[][] Heard = Enumerable.Range(0, connections).Select(_ => new int[count]).ToArray();
    public long Delivered;
    public long Duplicates;

    public void Receive(int console, int number, string? queue, long now)
    {
        var index = number - First;
        if ((uint)index >= (uint)Count || Due[index] == 0) return;
        Queues[index] ??= queue;
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
