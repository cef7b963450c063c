using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>The hub and routing: each event reaches a supervisor's console once; an open console is what makes an agent connected.</summary>
[Collection(LiveCollection.Name)]
public sealed class RoutingHubTests(LiveDesk desk)
{
    [Fact]
    public async Task Supervisor_WatchingAQueueAndEveryQueue_ReceivesEachQueryOnce()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", "incident-management", supervisors: true);
        Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var channel = await desk.ChannelAsync();

        var first = (await channel.SubmitAsync(Requests.Query("My laptop will not boot, the screen stays black"))).Str("reference");
        var second = (await channel.SubmitAsync(Requests.Query("My laptop will not boot again, black screen"))).Str("reference");
        Assert.Equal("incident-management", (await node.WaitForEventAsync("QueryCreated", first)).GetProperty("payload").Str("queue"));
        await node.WaitForEventAsync("QueryCreated", second); // pushes arrive in order: a duplicate of the first would be here by now

        Assert.Equal(1, node.Count("QueryCreated", first));
    }

    [Fact]
    public async Task Agent_WithTheConsoleOpen_IsConnectedInTheSupervisorsList()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent2", "agent2-pass-1", "information-security");
        Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var supervisor = await desk.SignInAsync("supervisor");

        var agents = await supervisor.GetFromJsonAsync<JsonElement>("/api/routing/agents");

        var agent2 = agents.EnumerateArray().Single(a => a.Str("username") == "agent2");
        Assert.True(agent2.GetProperty("connected").GetBoolean());
        Assert.Contains("information-security", agent2.GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
    }
}
