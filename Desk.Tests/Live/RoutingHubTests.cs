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
    public async Task Supervisor_JoiningAQueueAfterEveryQueue_ReceivesEachChangeAsOftenAsAConsoleInThatQueueAlone()
    {
        const string queue = "incident-management";
        await using var alone = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", queue);
        await using var watching = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", "service-requests", supervisors: true);
        foreach (var node in new[] { alone, watching })
            Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        Assert.Equal("invoked", (await watching.InvokeAsync("JoinQueue", queue)).GetProperty("event").GetString()); // after JoinSupervisors
        using var channel = await desk.ChannelAsync();
        using var supervisor = await desk.SignInAsync("supervisor");

        var reference = (await channel.SubmitAsync(Requests.Query("My laptop will not boot, the screen is black"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P2", reason = "the whole team waits on it" }))
            .EnsureSuccessStatusCode();
        var last = (await channel.SubmitAsync(Requests.Query("My laptop will not boot either, black screen"))).Str("reference");
        foreach (var node in new[] { alone, watching })
            await node.WaitForEventAsync("QueryCreated", last); // pushes arrive in order: a duplicate of anything before is here by now

        Assert.Equal(queue, (await alone.WaitForEventAsync("QueryCreated", reference)).GetProperty("payload").Str("queue"));
        foreach (var name in new[] { "QueryCreated", "QueryUpdated", "TimelineAppended" })
        {
            Assert.True(alone.Count(name, reference) > 0, $"no {name} reached the queue's console");
            Assert.Equal(alone.Count(name, reference), watching.Count(name, reference));
        }
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
