using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Desk.Bench.LoadGen;

/// <summary>Several URLs take turns, request by request (two desk nodes without a proxy in front).</summary>
internal sealed record OpenLoopPlan(IReadOnlyList<Uri> Urls, string ApiKey, IReadOnlyList<MixedQuery> Mix, int Rate, TimeSpan Duration, int Connections, string Run);

/// <summary>
/// Sends at a constant arrival rate whatever the server does, and times each request from when it was due, not
/// from when it went out, so a stalled server shows in the latencies (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(OpenLoopPlan plan)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = plan.Connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        }) { Timeout = Timeout };
        // Warm-up at the same rate: JIT, connection pool and server caches; it is not counted.
        await SendAtRateAsync(client, plan, plan.Rate * 2, firstIndex: 1_000_000_000);
        var run = await SendAtRateAsync(client, plan, (int)(plan.Rate * plan.Duration.TotalSeconds), firstIndex: 0);
        Console.WriteLine(JsonSerializer.Serialize(run));
        return 0;
    }

    static async Task<object> SendAtRateAsync(HttpClient client, OpenLoopPlan plan, int total, int firstIndex)
    {
        var latencies = new long[total];
        var statuses = new int[600];
        var failures = 0;
        // Requests in flight, plus one for the pacing loop: the last to finish completes `finished`. No task is kept
        // per request: over a half-hour run those would hold gigabytes and their collections would take CPU from
        // the server on the same 2 cores.
        var inFlight = 1;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Done()
        {
            if (Interlocked.Decrement(ref inFlight) == 0)
                finished.TrySetResult();
        }

        async Task SendAsync(int index, long due)
        {
            try
            {
                using var response = await client.SendAsync(Request(plan, firstIndex + index));
                Interlocked.Increment(ref statuses[(int)response.StatusCode]);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                latencies[index] = Stopwatch.GetTimestamp() - due;
                Done(); // whatever happened, or the run would wait for it forever
            }
        }

        var start = Stopwatch.GetTimestamp();
        var (sendingTook, lateness) = await PaceAsync(plan.Rate, total, start, (index, due) =>
        {
            Interlocked.Increment(ref inFlight);
            _ = SendAsync(index, due);
        });
        Done();
        await finished.Task;
        var allTook = Stopwatch.GetElapsedTime(start);
        Array.Sort(latencies);
        var ok = statuses.Where((_, code) => code is >= 200 and < 300).Sum();
        return new
        {
            targetRate = plan.Rate,
            sent = total,
            sendingSeconds = Math.Round(sendingTook.TotalSeconds, 2),
            completedPerSecond = Math.Round(total / allTook.TotalSeconds, 1),
            okPerSecond = Math.Round(ok / allTook.TotalSeconds, 1),
            ok,
            non2xx = total - ok - failures,
            failures,
            p50Ms = Ms(latencies, 0.50),
            p90Ms = Ms(latencies, 0.90),
            p99Ms = Ms(latencies, 0.99),
            p999Ms = Ms(latencies, 0.999),
            maxMs = Ms(latencies, 1.0),
            worstSendLagMs = Math.Round(lateness * 1000.0 / Stopwatch.Frequency, 2),
            statuses = statuses.Select((n, code) => (n, code)).Where(s => s.n > 0).ToDictionary(s => s.code.ToString(), s => s.n),
        };
    }

    /// <summary>
    /// Calls <paramref name="send"/> with each request's index and due time at <paramref name="rate"/> per second from
    /// <paramref name="start"/>. Returns how long sending took and the worst lateness of a send (in ticks).
    /// </summary>
    public static async Task<(TimeSpan Sending, long WorstLag)> PaceAsync(int rate, int total, long start, Action<int, long> send)
    {
        var tick = (double)Stopwatch.Frequency / rate;
        var lateness = 0L;
        var sent = 0;
        // Wake about every millisecond and send whatever has fallen due: no spinning, which would take a core
        // from the server on a 2-core machine. Latency still counts from the due time, so the wake-up delay is
        // charged to the result, never hidden.
        while (sent < total)
        {
            var dueNow = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; sent < dueNow; sent++)
            {
                var due = start + (long)(sent * tick);
                lateness = Math.Max(lateness, Stopwatch.GetTimestamp() - due);
                send(sent, due);
            }
            if (sent < total)
                await Task.Delay(1);
        }
        return (Stopwatch.GetElapsedTime(start), lateness);
    }

    public static HttpRequestMessage Request(OpenLoopPlan plan, int index)
    {
        var query = plan.Mix[index % plan.Mix.Count];
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(plan.Urls[index % plan.Urls.Count], "/api/queries"))
        {
            Content = new StringContent(query.Json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Api-Key", plan.ApiKey);
        var key = query.Key switch
        {
            KeyUse.Fresh => $"{plan.Run}-open-{index}",
            // Numbered from 1 like the bodies in intake.lua, so a retry key always comes with the same body.
            KeyUse.Retry => $"{plan.Run}-retry-{index % plan.Mix.Count + 1}",
            _ => null,
        };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public static double Ms(long[] sorted, double quantile) =>
        Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency, 2);
}
