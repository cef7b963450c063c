using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>
/// After a query becomes a security event, an agent outside information-security hears nothing more of it over the hub:
/// not its replies and notes, not its reassignment, not its changes; and the API will not show it to them either.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class SecurityEventPrivacyHubTests(LiveDesk desk)
{
    [Fact]
    public async Task NonMember_HearsNothingOfASecurityEvent_WorkedAfterItLeftTheirQueue()
    {
        using var agent = await desk.SignInAsync("agent");
        var queues = (await agent.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")).ToList();
        await using var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", string.Join(',', queues));
        Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        using var channel = await desk.ChannelAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await channel.SubmitAsync(Requests.Query("Please give me a badge for the north gate", catalogItem: "access-request"))).Str("reference");
        await node.WaitForEventAsync("QueryCreated", reference);
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Badge cloning attempt" })).EnsureSuccessStatusCode();
        await node.WaitForEventAsync("QueryLeft", reference);

        (await supervisor.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "We are checking the gate logs.", visibility = "public" })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Same badge used twice at 02:00.", visibility = "internal" })).EnsureSuccessStatusCode();
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { assignee = "agent2", priority = "P2", reason = "Physical security" })).EnsureSuccessStatusCode();
        // Pushes arrive in order: a query created after all that is heard after anything of the security event would be.
        var marker = (await channel.SubmitAsync(Requests.Query("Please give me a badge for the south gate", catalogItem: "access-request"))).Str("reference");
        await node.WaitForEventAsync("QueryCreated", marker);

        Assert.False(node.HasSeen("QueryUpdated", reference));
        Assert.False(node.HasSeen("TimelineAppended", reference));
        Assert.Equal(1, node.Count("QueryLeft", reference));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await agent.GetAsync($"/api/queries/{reference}")).StatusCode);
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/queries?limit=200");
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), q => q.Str("reference") == reference);
    }
}
