using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Desk.Bench.LoadGen;

/// <summary>Constant-rate intake on one node while a supervisor's console on <paramref name="Watch"/> waits for each push.</summary>
internal sealed record PushPlan(OpenLoopPlan Intake, Uri Watch, string Username, string Password);

/// <summary>
/// How long a new query takes to reach a console, possibly on another node (through the Redis backplane): each
/// pushed <c>QueryCreated</c> is matched to its POST by the reference in the 201 answer.
/// </summary>
internal static class PushLatency
{
    const string ClientHeader = "X-Desk-Client";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(PushPlan plan)
    {
        var cookies = new CookieContainer();
        using (var staff = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = plan.Watch })
        {
            staff.DefaultRequestHeaders.Add(ClientHeader, "bench");
            using var signIn = await staff.PostAsJsonAsync("/api/auth/sign-in", new { username = plan.Username, password = plan.Password });
            signIn.EnsureSuccessStatusCode();
        }
        var pushed = new ConcurrentDictionary<string, long>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(plan.Watch, "/hubs/desk"), o =>
            {
                o.Cookies = cookies;
                o.Headers[ClientHeader] = "bench";
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        hub.On<JsonElement>("QueryCreated", query => pushed.TryAdd(query.GetProperty("reference").GetString()!, Stopwatch.GetTimestamp()));
        await hub.StartAsync();
        await hub.InvokeAsync("JoinSupervisors");

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = plan.Intake.Connections }) { Timeout = TimeSpan.FromSeconds(10) };
        // Warm-up at the same rate, not counted: JIT on both ends and the connection pool.
        await SendAtRateAsync(client, plan.Intake, plan.Intake.Rate * 2, firstIndex: 1_000_000_000);
        var total = (int)(plan.Intake.Rate * plan.Intake.Duration.TotalSeconds);
        var posts = await SendAtRateAsync(client, plan.Intake, total, firstIndex: 0);

        var created = posts.Where(p => p.Reference is not null).ToArray();
        var until = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (created.Any(p => !pushed.ContainsKey(p.Reference!)) && Stopwatch.GetTimestamp() < until)
            await Task.Delay(50);

        var matched = created.Where(p => pushed.ContainsKey(p.Reference!)).ToArray();
        var fromSent = matched.Select(p => pushed[p.Reference!] - p.Due).Order().ToArray();
        var fromAnswered = matched.Select(p => pushed[p.Reference!] - p.Answered).Order().ToArray();
        var answered = posts.Select(p => p.Answered - p.Due).Order().ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            targetRate = plan.Intake.Rate,
            sent = total,
            created = created.Length,
            pushed = matched.Length,
            missed = created.Length - matched.Length,
            postP50Ms = OpenLoop.Ms(answered, 0.50),
            postP99Ms = OpenLoop.Ms(answered, 0.99),
            sentToPushP50Ms = Ms(fromSent, 0.50),
            sentToPushP99Ms = Ms(fromSent, 0.99),
            sentToPushMaxMs = Ms(fromSent, 1.0),
            answeredToPushP50Ms = Ms(fromAnswered, 0.50),
            answeredToPushP99Ms = Ms(fromAnswered, 0.99),
            answeredToPushMaxMs = Ms(fromAnswered, 1.0),
            pushBeforeAnswer = fromAnswered.Count(t => t < 0),
        }));
        return 0;
    }

    sealed record Post(long Due, long Answered, string? Reference);

    static async Task<Post[]> SendAtRateAsync(HttpClient client, OpenLoopPlan plan, int total, int firstIndex)
    {
        var posts = new Post[total];
        var sends = new Task[total];

        async Task SendAsync(int index, long due)
        {
            string? reference = null;
            try
            {
                using var response = await client.SendAsync(OpenLoop.Request(plan, firstIndex + index));
                if (response.StatusCode == HttpStatusCode.Created)
                    reference = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Counted below: no reference, so neither created nor expected as a push.
            }
            posts[index] = new Post(due, Stopwatch.GetTimestamp(), reference);
        }

        await OpenLoop.PaceAsync(plan.Rate, total, Stopwatch.GetTimestamp(), (index, due) => sends[index] = SendAsync(index, due));
        await Task.WhenAll(sends);
        return posts;
    }

    // Signed: a push can reach the console before the 201 reaches the client (the desk pushes, then answers).
    static double? Ms(long[] sorted, double quantile) => sorted.Length == 0 ? null : OpenLoop.Ms(sorted, quantile);
}
