using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Desk.Tests.Live;

/// <summary>One desk process (<c>dotnet Desk.Api.dll</c> from the build output) on a port of 127.0.0.1.</summary>
internal sealed partial class DeskNode : IAsyncDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource<Uri> address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int disposed;

    DeskNode(Process process) => this.process = process;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a node in <paramref name="folder"/> (its working directory and home), reading appsettings.json from the build output.</summary>
    public static async Task<DeskNode> StartAsync(string name, string folder, IReadOnlyDictionary<string, string> settings)
    {
        var node = new DeskNode(new Process { StartInfo = StartInfo(folder, settings), EnableRaisingEvents = true });
        node.process.OutputDataReceived += (_, e) => node.Heard(name, e.Data);
        node.process.ErrorDataReceived += (_, e) => node.Heard(name, e.Data);
        node.process.Exited += (_, _) => _ = node.ExitedAsync(name);
        node.process.Start();
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        try
        {
            node.BaseAddress = await node.address.Task.WaitAsync(Patience);
            await node.WaitHealthyAsync();
        }
        catch (Exception e) when (e is TimeoutException or HttpRequestException)
        {
            await node.DisposeAsync();
            throw new InvalidOperationException($"Desk node {name} did not become healthy:\n{node.Output}", e);
        }
        return node;
    }

    /// <summary>Runs a node that is expected to stop by itself; returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string folder, IReadOnlyDictionary<string, string> settings)
    {
        using var process = Process.Start(StartInfo(folder, settings))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The desk node was still running after {Patience}:\n{await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }

    static ProcessStartInfo StartInfo(string folder, IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(folder);
        SeedModel(settings);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ApiAssembly(), "--contentRoot", Path.GetDirectoryName(ApiAssembly())! })
            start.ArgumentList.Add(arg);
        start.WorkingDirectory = folder;
        start.Environment["HOME"] = folder;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        return start;
    }

    /// <summary>
    /// Saves the default model, which this test process trains once, where the node looks for it: a node on an empty
    /// model path trains the same model again (about 7 s of the two cores), once per node of every test that starts one.
    /// </summary>
    static void SeedModel(IReadOnlyDictionary<string, string> settings)
    {
        if (settings.TryGetValue("Classifier:ModelPath", out var path) && !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Desk.Classifier.Model.DefaultModel.Get().Save(path);
        }
    }

    // Exited can be raised before the last lines are read: WaitForExitAsync also waits for both streams' ends.
    async Task ExitedAsync(string name)
    {
        try
        {
            await process.WaitForExitAsync();
            address.TrySetException(new InvalidOperationException($"Desk node {name} exited with code {process.ExitCode}:\n{Output}"));
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // Killed and disposed by DisposeAsync meanwhile: nobody waits for the address any more.
        }
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    void Heard(string name, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.Append(name).Append("| ").AppendLine(line);
        if (Banner().Match(line) is { Success: true } found)
            address.TrySetResult(new Uri(found.Groups[1].Value));
    }

    async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.StatusCode == HttpStatusCode.OK)
                return;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"/health stayed {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }

    static string ApiAssembly()
    {
        // Desk.Tests/bin/<Configuration>/<tfm>/ → Desk.Api/bin/<Configuration>/<tfm>/Desk.Api.dll
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(Repo.Root, "Desk.Api", "bin", tfm.Parent!.Name, tfm.Name, "Desk.Api.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build Desk.Tests first.");
    }

    [GeneratedRegex(@"Health\s+: (http://\S+)/health")]
    private static partial Regex Banner();

    /// <summary>Kills the process (SIGKILL on Linux: it says goodbye to nobody); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
