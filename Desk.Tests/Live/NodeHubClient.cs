using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Desk.Tests.Live;

/// <summary>Runs Desk.Tests/js/hub-client.mjs: the real @microsoft/signalr client, in Node, against the live desk.</summary>
internal sealed class NodeHubClient : IAsyncDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    readonly Process process;
    readonly Channel<JsonElement> lines = Channel.CreateUnbounded<JsonElement>();
    readonly List<JsonElement> seen = [];

    NodeHubClient(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                lines.Writer.TryWrite(JsonDocument.Parse(e.Data).RootElement.Clone());
        };
        process.Exited += (_, _) => lines.Writer.TryComplete();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Signs in as <paramref name="username"/>, or connects with a session cookie (name=value) signed in elsewhere; to
    /// <paramref name="hub"/> when given (/hubs/portal, with queue "-").
    /// </summary>
    public static NodeHubClient Start(Uri desk, string? username, string? password, string queue, bool supervisors = false, string? cookie = null,
        string? hub = null)
    {
        var folder = Path.Combine(Repo.Root, "Desk.Tests", "js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@microsoft", "signalr")))
            throw new InvalidOperationException("Desk.Tests/js has no node_modules: run the README test command (it runs npm ci there).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "hub-client.mjs", desk.ToString().TrimEnd('/'), username ?? "-", password ?? "-", queue })
            start.ArgumentList.Add(arg);
        if (supervisors)
            start.ArgumentList.Add("--supervisors");
        if (cookie is not null)
            start.Environment["DESK_HUB_COOKIE"] = cookie;
        if (hub is not null)
            start.Environment["DESK_HUB_PATH"] = hub;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        return new NodeHubClient(process);
    }

    /// <summary>The first line (seen before or arriving later) that matches, or a failure naming what did arrive.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match)
    {
        if (seen.FirstOrDefault(match) is { ValueKind: not JsonValueKind.Undefined } earlier)
            return earlier;
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
            {
                seen.Add(line);
                if (match(line))
                    return line;
            }
        }
        catch (OperationCanceledException)
        {
        }
        throw new Xunit.Sdk.XunitException($"The Node client never printed the expected line. It printed: {string.Join(" | ", seen)}");
    }

    /// <summary>Whether a line read so far (by the waits before this call) matches; pushes arrive in order.</summary>
    public bool HasSeen(string name, string reference) =>
        seen.Any(l => l.GetProperty("event").GetString() == name && Reference(l) == reference);

    /// <summary>How many lines read so far (by the waits before this call) are this event for this query.</summary>
    public int Count(string name, string reference) =>
        seen.Count(l => l.GetProperty("event").GetString() == name && Reference(l) == reference);

    /// <summary>How many lines read so far (by the waits before this call) match.</summary>
    public int Seen(Func<JsonElement, bool> match) => seen.Count(match);

    /// <summary>Calls a hub method and waits for its answer: the line <c>invoked</c> or <c>invoke-failed</c> for it.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object[] args)
    {
        var before = seen.Count;
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { invoke = method, args }));
        await process.StandardInput.FlushAsync();
        return await WaitForAsync(l => seen.IndexOf(l) >= before && l.GetProperty("event").GetString() is "invoked" or "invoke-failed"
            && l.TryGetProperty("method", out var m) && m.GetString() == method);
    }

    public Task<JsonElement> WaitForEventAsync(string name, string reference) =>
        WaitForAsync(l => l.GetProperty("event").GetString() == name && Reference(l) == reference);

    static string? Reference(JsonElement line) =>
        line.TryGetProperty("payload", out var p) && p.TryGetProperty("reference", out var r) ? r.GetString() : null;

    public ValueTask DisposeAsync() => NodeProcesses.StopAsync(process);
}
