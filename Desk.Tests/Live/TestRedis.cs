using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Desk.Tests.Live;

/// <summary>
/// The Redis the two-node tests share: the one test.sh started (DESK_TEST_REDIS=host:port), or else a redis-server
/// of their own on a free port of 127.0.0.1. Without either the tests fail, saying so.
/// </summary>
internal sealed class TestRedis : IAsyncDisposable
{
    public const string Variable = "DESK_TEST_REDIS";
    Process? own;

    TestRedis(string address, Process? own) => (Address, this.own) = (address, own);

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string Address { get; }

    public static async Task<TestRedis> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            await WaitForPongAsync(given, null);
            return new TestRedis(given, null);
        }
        return await StartOwnAsync();
    }

    /// <summary>A redis-server of the test's own, even when test.sh started one: for a test that stops it.</summary>
    public static async Task<TestRedis> StartOwnAsync()
    {
        var address = $"127.0.0.1:{FreePort()}";
        return new TestRedis(address, await StartServerAsync(address));
    }

    /// <summary>Stops a Redis of the test's own, as a crash would (nothing saved; it saves nothing anyway).</summary>
    public async Task StopAsync()
    {
        var process = own ?? throw new InvalidOperationException("Only a Redis the test started itself may be stopped.");
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Starts a stopped Redis of the test's own again, on its port: empty, as a Redis without persistence comes back.</summary>
    public async Task RestartAsync()
    {
        own?.Dispose();
        own = await StartServerAsync(Address);
    }

    static async Task<Process> StartServerAsync(string address)
    {
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The two-node tests need Redis: set {Variable}=host:port, or install redis-server (apt-get install redis-server); ./test.sh does both.");
        var port = IPEndPoint.Parse(address).Port;
        var start = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForPongAsync(address, process);
        return process;
    }

    static async Task WaitForPongAsync(string address, Process? process)
    {
        var endpoint = IPEndPoint.Parse(address);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process is { HasExited: true })
                break;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(endpoint);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                    return;
            }
            catch (SocketException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"Redis at {address} does not answer PING.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (own is null)
            return;
        if (!own.HasExited)
            own.Kill();
        await own.WaitForExitAsync();
        own.Dispose();
    }
}
