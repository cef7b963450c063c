using System.Net;
using System.Net.Http.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>
/// Two desk nodes whose Redis stops and comes back (empty, as one without persistence does): the desk keeps taking
/// work meanwhile, and the consoles, which heard nothing of it, are told to reload. The Redis is the test's own.
/// </summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task WhileRedisIsDown_IntakeAndSignInWork_AndAConsoleIsToldToResyncOnceItIsBack()
    {
        var nodes = new TwoNodes(TestRedis.StartOwnAsync);
        try
        {
            await nodes.InitializeAsync();
            await OutageAsync(nodes);
        }
        finally
        {
            await nodes.DisposeAsync();
        }
    }

    static async Task OutageAsync(TwoNodes nodes)
    {
        // The test's Redis persists nothing: each node says so at start-up.
        Assert.Contains("persists nothing", nodes.A.Output);
        var queues = string.Join(',', Desk.Api.Routing.Practice.Queues.Select(q => q.Queue));
        await using var console = NodeHubClient.Start(nodes.B.BaseAddress, "agent2", "agent2-pass-1", queues);
        Assert.Equal("ready", (await console.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed")).GetProperty("event").GetString());
        var (_, key) = await TwoNodes.IssueKeyAsync(nodes.A, "intake", "queries:read");
        using var channel = TwoNodes.WithKey(nodes.A, key);

        await nodes.Redis.StopAsync();
        using var agent = await TwoNodes.SignInAsync(nodes.A, "agent");
        var receipt = await channel.SubmitAsync(Requests.Query("The badge reader at the loading dock rejects every badge"));
        using var signedOut = await agent.PostAsync("/api/auth/sign-out", null);
        using var health = await TwoNodes.Client(nodes.A).GetAsync("/health"); // Degraded: a proxy keeps the node

        // Counted by the node alone meanwhile, to the limit a single desk keeps: the rest of the burst, then no more.
        for (var i = 1; i < TwoNodes.KeyBurst; i++)
            Assert.Equal(HttpStatusCode.OK, (await channel.GetAsync("/api/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await channel.GetAsync("/api/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(console.HasSeen("QueryCreated", receipt.Str("reference")));

        await nodes.Redis.RestartAsync();

        await console.WaitForAsync(l => l.GetProperty("event").GetString() == "Resync");
        using var again = await TwoNodes.SignInAsync(nodes.B, "agent");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/api/queries/{receipt.Str("reference")}")).StatusCode);
    }

    [Fact]
    public async Task ANodeStartedWithoutItsRedis_RefusesToStart_SayingWhatToDo_WithoutCrashing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "desk-tests", "no-redis-" + Guid.NewGuid().ToString("n"));
        var nowhere = $"127.0.0.1:{TestRedis.FreePort()}";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DeskNode.StartAsync("A", folder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database:Provider"] = "sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "desk.db")}",
            ["Redis:Configuration"] = nowhere,
        }));

        Assert.Contains("exited with code 1:", refused.Message);
        Assert.Contains($"Not starting: Redis at {nowhere} (Redis:Configuration) does not answer", refused.Message);
        Assert.DoesNotContain("Unhandled exception", refused.Message);
        Directory.Delete(folder, recursive: true);
    }
}
