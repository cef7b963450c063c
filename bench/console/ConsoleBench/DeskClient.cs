using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Bench.Console;

/// <summary>A staff account the bench signs in with.</summary>
internal sealed record Account(string Username, string Password, string Role)
{
    public static Account[] Read(string path) => File.ReadLines(path)
        .Select(line => line.Split(' '))
        .Where(parts => parts.Length == 3)
        .Select(parts => new Account(parts[0], parts[1], parts[2]))
        .ToArray();
}

/// <summary>The held-out texts of bench/api/texts.csv (quoted CSV, text in the first column).</summary>
internal static class Texts
{
    public static string[] Read(string path)
    {
        var texts = new List<string>();
        using var reader = new StreamReader(path);
        reader.ReadLine();
        while (reader.Peek() >= 0)
        {
            var text = ReadField(reader);
            if (text.Length > 0) texts.Add(text.Replace('\n', ' ').Replace('\r', ' '));
            reader.ReadLine();
        }
        return texts.Count > 0 ? texts.ToArray() : throw new FormatException($"no texts in {path}");
    }

    static string ReadField(StreamReader reader)
    {
        if (reader.Peek() != '"')
        {
            var plain = new System.Text.StringBuilder();
            while (reader.Peek() is not (-1 or ',' or '\n')) plain.Append((char)reader.Read());
            return plain.ToString();
        }
        reader.Read();
        var quoted = new System.Text.StringBuilder();
        while (reader.Read() is var c and not -1)
        {
            if (c == '"' && reader.Peek() == '"') { reader.Read(); quoted.Append('"'); }
            else if (c == '"') break;
            else quoted.Append((char)c);
        }
        return quoted.ToString();
    }
}

/// <summary>
/// The desk (or the bare hub) as the bench reaches it: intake with an API key, staff sign-in with a cookie. A bench
/// query's subject starts with its number, <c>[b123]</c>, so that every console can tell which one a push is without
/// waiting for the POST's answer.
/// </summary>
internal sealed class DeskClient(Uri baseAddress, string apiKey, string[] texts)
{
    public const string ClientHeader = "X-Desk-Client";

    readonly HttpClient intake = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseAddress => baseAddress;

    public static string Tag(int number) => $"[b{number}]";

    public static int? Number(string? subject)
    {
        if (subject is null || !subject.StartsWith("[b", StringComparison.Ordinal)) return null;
        var end = subject.IndexOf(']');
        return end > 2 && int.TryParse(subject.AsSpan(2, end - 2), out var number) ? number : null;
    }

    /// <summary>Submits query <paramref name="number"/>; the queue the desk routed it to, or null if it was not created.</summary>
    public async Task<string?> SubmitAsync(int number)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/queries")
        {
            Content = JsonContent.Create(new
            {
                text = $"{Tag(number)} {texts[number % texts.Length]}",
                channel = "web",
                contact = new { channel = "email", address = $"console-bench-{number % 5000}@example.org" },
            }),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await intake.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Created) return null;
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queue").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Signs in; the cookies then open hub connections in this member's name.</summary>
    public async Task<CookieContainer> SignInAsync(Account account)
    {
        var cookies = new CookieContainer();
        using var staff = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        staff.DefaultRequestHeaders.Add(ClientHeader, "bench");
        using var signIn = await staff.PostAsJsonAsync("/api/auth/sign-in", new { username = account.Username, password = account.Password });
        signIn.EnsureSuccessStatusCode();
        return cookies;
    }

    /// <summary>The queues this member's console joins, as the console asks for them.</summary>
    public async Task<string[]> QueuesAsync(CookieContainer cookies)
    {
        using var staff = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = baseAddress };
        staff.DefaultRequestHeaders.Add(ClientHeader, "bench");
        var loads = await staff.GetFromJsonAsync<JsonElement[]>("/api/queues") ?? [];
        return loads.Select(load => load.GetProperty("queue").GetString()!).ToArray();
    }

    /// <summary>
    /// Sends <paramref name="count"/> queries numbered from <paramref name="first"/> at <paramref name="rate"/> a second,
    /// each at its scheduled instant (Stopwatch ticks in <paramref name="due"/>, written before it is sent) whatever the
    /// answers to the earlier ones: a slow desk cannot slow the schedule. The queue of each answered query goes in
    /// <paramref name="queues"/> (a push may have put it there first). Returns how many POSTs were answered 201.
    /// </summary>
    public async Task<int> SubmitAtRateAsync(int first, int count, int rate, long[] due, string?[] queues)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        var sends = new Task[count];
        var answered = 0;
        for (var i = 0; i < count; i++)
        {
            var at = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            due[index] = at;
            sends[i] = Task.Run(async () =>
            {
                if (await SubmitAsync(first + index) is not { } queue) return;
                queues[index] = queue;
                Interlocked.Increment(ref answered);
            });
        }
        await Task.WhenAll(sends);
        return answered;
    }
}
