using System.Net.Http.Json;
using Desk.Api.Sla;
using Desk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Live;

/// <summary>The hub, driven by the real @microsoft/signalr npm client from Node, over real HTTP and WebSockets.</summary>
[Collection(LiveCollection.Name)]
public sealed class HubClientTests(LiveDesk desk)
{
    [Fact]
    public async Task Agent_InTheQueue_ReceivesCreatedUpdatedTimelineAndBreachPushes()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", "change-enablement");
        await node.WaitForAsync(l => l.GetProperty("event").GetString() == "ready");
        using var channel = await desk.ChannelAsync();

        var receipt = await channel.SubmitAsync(Requests.Query("Please add the new supplier to the firewall", catalogItem: "firewall-rule-change"));
        var reference = receipt.Str("reference");

        var created = await node.WaitForEventAsync("QueryCreated", reference);
        Assert.Equal("change_request", created.GetProperty("payload").Str("type"));

        using var agent = await desk.SignInAsync("agent");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "open" })).EnsureSuccessStatusCode();
        var updated = await node.WaitForEventAsync("QueryUpdated", reference);
        Assert.Equal("open", updated.GetProperty("payload").Str("status"));
        await node.WaitForAsync(l => l.GetProperty("event").GetString() == "TimelineAppended"
            && l.GetProperty("payload").Str("kind") == "status_changed" && l.GetProperty("payload").Str("reference") == reference);

        desk.Clock.Advance(TimeSpan.FromHours(9));
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
        var breach = await node.WaitForEventAsync("SlaBreached", reference);
        Assert.Equal("first_response", breach.GetProperty("payload").Str("kind"));
    }

    [Fact]
    public async Task UserAnswer_WhileWaiting_PushesTheMessageAndTheStatusChange()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", "service-requests");
        await node.WaitForAsync(l => l.GetProperty("event").GetString() == "ready");
        using var channel = await desk.ChannelAsync();
        using var agent = await desk.SignInAsync("agent");
        var reference = (await channel.SubmitAsync(Requests.Query("Access to the finance share", catalogItem: "access-request"))).Str("reference");
        foreach (var status in new[] { "in_progress", "waiting_for_user" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();

        (await channel.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "It is the Q4 folder" })).EnsureSuccessStatusCode();

        await node.WaitForAsync(l => l.GetProperty("event").GetString() == "TimelineAppended"
            && l.GetProperty("payload").Str("reference") == reference && l.GetProperty("payload").Str("kind") == "message_in");
        var change = await node.WaitForAsync(l => l.GetProperty("event").GetString() == "TimelineAppended"
            && l.GetProperty("payload").Str("reference") == reference && l.GetProperty("payload").Str("actor") == "system");
        Assert.Equal("in_progress", change.GetProperty("payload").GetProperty("data").Str("to"));
    }

    [Fact]
    public async Task Supervisor_WatchingEverything_ReceivesQueriesOfOtherQueues()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", "triage", supervisors: true);
        var ready = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "invoke-failed");
        Assert.Equal("ready", ready.GetProperty("event").GetString());
        using var channel = await desk.ChannelAsync();

        var receipt = await channel.SubmitAsync(Requests.Query("Need a second monitor", catalogItem: "new-laptop"));

        await node.WaitForEventAsync("QueryCreated", receipt.Str("reference"));
    }

    [Fact]
    public async Task Anonymous_CannotConnect()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, null, null, "triage");

        var failed = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "start-failed" or "ready");

        Assert.Equal("start-failed", failed.GetProperty("event").GetString());
        Assert.Contains("401", failed.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Agent_CannotWatchAsSupervisor()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", "triage", supervisors: true);

        var failed = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready");

        Assert.Equal("invoke-failed", failed.GetProperty("event").GetString());
        Assert.Contains("supervisors", failed.GetProperty("message").GetString());
    }
}

[CollectionDefinition(Name)]
public sealed class LiveCollection : ICollectionFixture<LiveDesk>
{
    public const string Name = "live desk";
}
