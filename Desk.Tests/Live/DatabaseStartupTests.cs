using System.Net;
using System.Net.Sockets;

namespace Desk.Tests.Live;

/// <summary>
/// A node whose database does not answer at start-up waits Database:StartupWait for it, then stops with one line that
/// says what to check and a plain non-zero exit code: no unhandled exception, no stack trace.
/// </summary>
public sealed class DatabaseStartupTests
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task ANodeWhoseDatabaseDoesNotAnswer_StopsWithOneClearLine(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "desk-tests", "unreachable-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            // PostgreSQL on a port nothing listens on; a SQLite file whose folder cannot be made (a file is in the way).
            await File.WriteAllTextAsync(Path.Combine(folder, "blocker"), "");
            var connectionString = provider == "postgres"
                ? $"Host=127.0.0.1;Port={FreePort()};Database=desk;Username=desk;Password=desk;Timeout=2"
                : $"Data Source={Path.Combine(folder, "blocker", "desk.db")}";

            var (exitCode, output) = await DeskNode.RunToExitAsync(folder, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Database:Provider"] = provider,
                ["Database:ConnectionString"] = connectionString,
                ["Database:StartupWait"] = "00:00:03",
            });

            Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
            var said = output.Split('\n').Where(l => l.Contains("Cannot start", StringComparison.Ordinal)).ToList();
            Assert.Single(said);
            Assert.Contains($"no connection to the {provider} database", said[0]);
            Assert.Contains("Database:StartupWait", said[0]);
            Assert.Contains("Check Database:ConnectionString", said[0]);
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("   at ", output); // no stack trace
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
