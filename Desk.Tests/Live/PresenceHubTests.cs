using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>
/// Who else views a query and who is typing on it, through the hub with the real client. agent works the unrestricted
/// queues, agent2 every queue (information-security included), as DeskApplication sets them.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class PresenceHubTests(LiveDesk desk)
{
    [Fact]
    public async Task TwoAgentsViewingAQuery_HearEachOthersPresenceTypingAndLeaving_OnceEach_AndNotTheirOwn()
    {
        var reference = await NewQueryAsync("Outlook asks for my password every hour");
        await using var agent = await ReadyAsync("agent", "agent-pass-1");
        var agent2 = await ReadyAsync("agent2", "agent2-pass-1");
        Assert.Equal("invoked", (await agent.InvokeAsync("ViewQuery", reference)).Str("event"));

        Assert.Equal("invoked", (await agent2.InvokeAsync("ViewQuery", reference)).Str("event"));
        var joined = await Presence(agent, reference, "joined");
        Assert.Equal("agent2", joined.Str("username"));
        Assert.False(string.IsNullOrEmpty(joined.Str("displayName")));
        await agent.InvokeAsync("StillViewing", reference);
        Assert.Equal("agent", (await Presence(agent2, reference, "viewing")).Str("username"));
        await agent2.InvokeAsync("Typing", reference);
        var typing = await Presence(agent, reference, "typing");
        await agent2.DisposeAsync();
        var left = await Presence(agent, reference, "left");

        Assert.Equal(joined.Str("viewer"), typing.Str("viewer"));
        Assert.Equal(joined.Str("viewer"), left.Str("viewer"));
        Assert.Equal(3, agent.Count("PresenceChanged", reference)); // joined, typing, left: each once
        Assert.Equal(1, agent2.Count("PresenceChanged", reference)); // agent's answer; never its own joined or typing
    }

    [Fact]
    public async Task Agent_CannotViewASecurityEvent_NorTypeOnAQueryNotViewed_AndHearsNothingOfIt()
    {
        var security = await NewQueryAsync("Someone copied my badge at the turnstile");
        using (var supervisor = await desk.SignInAsync("supervisor"))
            (await supervisor.PatchAsJsonAsync($"/api/queries/{security}", new { type = "security_event", reason = "Badge cloning" })).EnsureSuccessStatusCode();
        var other = await NewQueryAsync("The shared calendar does not sync");
        await using var agent = await ReadyAsync("agent", "agent-pass-1");
        await using var agent2 = await ReadyAsync("agent2", "agent2-pass-1");

        var refused = await agent.InvokeAsync("ViewQuery", security);
        var missing = await agent.InvokeAsync("ViewQuery", "SR-999999999");
        var typing = await agent.InvokeAsync("Typing", other);
        // A NUL (which PostgreSQL could not even look for) or no reference at all is a query that is not there.
        var unreadable = await agent.InvokeAsync("ViewQuery", other + "\u0000");
        var none = await agent.InvokeAsync("ViewQuery", new object[] { null! });

        Assert.Equal("invoke-failed", refused.Str("event"));
        Assert.Contains($"There is no query {security}", refused.Str("message"));
        Assert.Contains("There is no query SR-999999999", missing.Str("message"));
        Assert.Equal("invoke-failed", typing.Str("event"));
        Assert.All(new[] { unreadable, none }, r => Assert.Equal(("invoke-failed", true),
            (r.Str("event"), r.Str("message")!.EndsWith("There is no such query.", StringComparison.Ordinal))));
        // agent2 may view it; agent, refused, is in no group to hear that. agent2 then opens a query agent views, which agent hears after.
        Assert.Equal("invoked", (await agent2.InvokeAsync("ViewQuery", security)).Str("event"));
        await agent2.InvokeAsync("Typing", security);
        await agent.InvokeAsync("ViewQuery", other);
        await agent2.InvokeAsync("ViewQuery", other);
        await Presence(agent, other, "joined");
        Assert.False(agent.HasSeen("PresenceChanged", security));
    }

    [Fact]
    public async Task Agent_ViewingAQueryThatBecomesASecurityEvent_HearsNothingMoreOfIt_AndIsDroppedAtTheNextSignal()
    {
        var reference = await NewQueryAsync("My badge opened a door it never opened before");
        var other = await NewQueryAsync("The meeting room screen will not mirror");
        await using var agent = await ReadyAsync("agent", "agent-pass-1");
        await using var agent2 = await ReadyAsync("agent2", "agent2-pass-1");
        await using var lateComer = await ReadyAsync("agent2", "agent2-pass-1");
        Assert.Equal("invoked", (await agent.InvokeAsync("ViewQuery", reference)).Str("event"));
        Assert.Equal("invoked", (await agent2.InvokeAsync("ViewQuery", reference)).Str("event"));
        var agent2Viewer = (await Presence(agent, reference, "joined")).Str("viewer");
        using (var supervisor = await desk.SignInAsync("supervisor"))
            (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Badge cloning" })).EnsureSuccessStatusCode();

        // Before agent signals again: a second console of agent2's opens the query, then agent2 goes on typing, which
        // takes it to the query's viewers in its new queue: the late comer hears it join there.
        Assert.Equal("invoked", (await lateComer.InvokeAsync("ViewQuery", reference)).Str("event"));
        await lateComer.InvokeAsync("Typing", reference);
        await agent2.InvokeAsync("Typing", reference);
        Assert.Equal(agent2Viewer, (await Presence(lateComer, reference, "joined")).Str("viewer"));
        var still = await agent.InvokeAsync("StillViewing", reference);
        await agent.InvokeAsync("ViewQuery", other);
        await agent2.InvokeAsync("ViewQuery", other);
        await Presence(agent, other, "joined");

        Assert.Equal("invoke-failed", still.Str("event"));
        Assert.Contains($"There is no query {reference}", still.Str("message"));
        Assert.Equal(1, agent.Count("PresenceChanged", reference)); // agent2's joined before the move; nothing after
    }

    async Task<string> NewQueryAsync(string text)
    {
        using var channel = await desk.ChannelAsync();
        return (await channel.SubmitAsync(Requests.Query(text, catalogItem: "access-request"))).Str("reference");
    }

    async Task<NodeHubClient> ReadyAsync(string username, string password)
    {
        var node = NodeHubClient.Start(desk.BaseAddress, username, password, "service-requests");
        Assert.Equal("ready", (await node.WaitForAsync(l => l.Str("event") is "ready" or "invoke-failed" or "start-failed")).Str("event"));
        return node;
    }

    static async Task<JsonElement> Presence(NodeHubClient node, string reference, string state) =>
        (await node.WaitForAsync(l => l.Str("event") == "PresenceChanged"
            && l.GetProperty("payload").Str("reference") == reference && l.GetProperty("payload").Str("state") == state)).GetProperty("payload");
}
