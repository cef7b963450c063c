using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>Hub groups follow queue membership: agent2 works information-security (see DeskApplication), agent does not.</summary>
[Collection(LiveCollection.Name)]
public sealed class QueueAccessHubTests(LiveDesk desk)
{
    [Fact]
    public async Task NonMember_CannotJoinTheSecurityQueue()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", "information-security");

        var failed = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready");

        Assert.Equal("invoke-failed", failed.GetProperty("event").GetString());
        Assert.Contains("do not work", failed.GetProperty("message").GetString());
    }

    [Fact]
    public async Task NonMember_JoinsEveryQueueTheDeskListsForThem_AsTheConsoleDoes()
    {
        using var agent = await desk.SignInAsync("agent");
        var queues = (await agent.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")).ToList();
        Assert.DoesNotContain("information-security", queues);

        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", string.Join(',', queues));

        var ready = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready");
        Assert.Equal("ready", ready.GetProperty("event").GetString());
    }

    [Fact]
    public async Task Member_InTheSecurityQueue_ReceivesASecurityEvent()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent2", "agent2-pass-1", "information-security");
        var ready = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready");
        Assert.Equal("ready", ready.GetProperty("event").GetString());
        using var channel = await desk.ChannelAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await channel.SubmitAsync(Requests.Query("Someone tailgated into the server room", catalogItem: "access-request"))).Str("reference");

        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Physical security" })).EnsureSuccessStatusCode();

        var updated = await node.WaitForEventAsync("QueryUpdated", reference);
        Assert.Equal("information-security", updated.GetProperty("payload").Str("queue"));
    }

    [Fact]
    public async Task NonMember_WatchingTheQueueAQueryLeaves_LearnsOnlyThatItLeft_WhenItBecomesASecurityEvent()
    {
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", "service-requests");
        Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var channel = await desk.ChannelAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await channel.SubmitAsync(Requests.Query("Please give me a badge for the east wing", catalogItem: "access-request"))).Str("reference");
        await node.WaitForEventAsync("QueryCreated", reference);

        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Badge cloning attempt" })).EnsureSuccessStatusCode();

        var left = await node.WaitForAsync(l => l.GetProperty("event").GetString() == "QueryLeft");
        Assert.Equal(reference, left.GetProperty("payload").Str("reference"));
        Assert.Equal("information-security", left.GetProperty("payload").Str("to"));
        Assert.Equal(3, left.GetProperty("payload").EnumerateObject().Count()); // reference, from, to: no subject, no contact
        Assert.False(node.HasSeen("QueryUpdated", reference));
        Assert.False(node.HasSeen("TimelineAppended", reference));
    }

    [Fact]
    public async Task ChangingAnAgentsQueues_ClosesTheirConnection_AndTheNextOneJoinsOnlyTheNewQueues()
    {
        var member = await desk.CreateStaffAsync();
        await using var before = NodeHubClient.Start(desk.BaseAddress, member, StaffAccounts.Password, "incident-management");
        Assert.Equal("ready", (await before.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var supervisor = await desk.SignInAsync("supervisor");

        (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "service-requests" } })).EnsureSuccessStatusCode();

        // The connection was in incident-management's group: it must not go on hearing that queue.
        await before.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
        await using var refused = NodeHubClient.Start(desk.BaseAddress, member, StaffAccounts.Password, "incident-management");
        var failed = await refused.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready");
        Assert.Equal("invoke-failed", failed.GetProperty("event").GetString());
        await using var after = NodeHubClient.Start(desk.BaseAddress, member, StaffAccounts.Password, "service-requests");
        Assert.Equal("ready", (await after.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
    }
}
