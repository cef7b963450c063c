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
        await using var node = await ListenAsync(agent);
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

    [Fact]
    public async Task ADuplicateMergedIntoASecurityEvent_ShowsANonMemberThatItWasMerged_NotIntoWhatOrWhy()
    {
        using var agent = await desk.SignInAsync("agent");
        await using var node = await ListenAsync(agent);
        using var channel = await desk.ChannelAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        var user = $"badge-{Guid.NewGuid():N}@example.org";
        var secret = (await channel.SubmitAsync(Requests.Query("My badge opened the vault door twice", address: user))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "Badge cloning" })).EnsureSuccessStatusCode();
        var duplicate = (await channel.SubmitAsync(Requests.Query("My laptop will not start after the update", address: user))).Str("reference");
        await node.WaitForEventAsync("QueryCreated", duplicate);

        (await supervisor.PostAsJsonAsync($"/api/queries/{duplicate}/merge", new { into = secret, reason = "the cloned badge again" })).EnsureSuccessStatusCode();

        var pushed = (await node.WaitForAsync(l => l.Str("event") == "TimelineAppended"
            && l.GetProperty("payload").Str("reference") == duplicate && l.GetProperty("payload").Str("kind") == "merged_into")).GetProperty("payload");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (pushed.GetProperty("data").GetProperty("into").ValueKind, pushed.GetProperty("body").ValueKind));
        var read = await agent.GetFromJsonAsync<JsonElement>($"/api/queries/{duplicate}");
        Assert.Equal(("closed", JsonValueKind.Null), (read.Str("status"), read.GetProperty("mergedInto").ValueKind));
        var merge = Assert.Single(read.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "merged_into");
        Assert.Equal(JsonValueKind.Null, merge.GetProperty("data").GetProperty("into").ValueKind);
        Assert.DoesNotContain(secret, read.GetRawText());
        Assert.DoesNotContain("cloned badge", read.GetRawText());
        var written = await agent.PostAsJsonAsync($"/api/queries/{duplicate}/messages", new { text = "Any news?" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, written.StatusCode);
        Assert.DoesNotContain(secret, await written.Content.ReadAsStringAsync());
        var full = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{duplicate}");
        Assert.Equal(secret, full.Str("mergedInto"));
        Assert.Contains(full.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "merged_into" && e.Str("body") == "the cloned badge again");
    }

    [Fact]
    public async Task AnOutagePushedToAnAgent_CountsNoSecurityEventLinkedToIt_ASupervisorsCountsAll()
    {
        using var agent = await desk.SignInAsync("agent");
        await using var node = await ListenAsync(agent);
        await using var watching = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", "service-desk", supervisors: true);
        Assert.Equal("ready", (await watching.WaitForAsync(l => l.Str("event") is "invoke-failed" or "ready")).Str("event"));
        using var supervisor = await desk.SignInAsync("supervisor");
        using var channel = await desk.ChannelAsync();
        var plain = (await channel.SubmitAsync(Requests.Query("The printer on floor 3 is out of toner"))).Str("reference");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await agent.GetAsync($"/api/queries/{plain}")).StatusCode);
        var secret = (await channel.SubmitAsync(Requests.Query("Someone used my badge at night"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "badge misuse" })).EnsureSuccessStatusCode();
        var declared = await (await supervisor.PostAsJsonAsync("/api/outages", new { title = "Badge readers down", description = "All sites." })).JsonAsync();
        var outage = declared.GetProperty("id").GetInt64();

        (await supervisor.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { plain, secret } })).EnsureSuccessStatusCode();

        static bool Linked(JsonElement line, long outage) => line.Str("event") == "OutageChanged"
            && line.GetProperty("payload").GetProperty("id").GetInt64() == outage && line.GetProperty("payload").GetProperty("linked").GetInt32() > 0;
        Assert.Equal(1, (await node.WaitForAsync(l => Linked(l, outage))).GetProperty("payload").GetProperty("linked").GetInt32());
        Assert.Equal(2, (await watching.WaitForAsync(l => Linked(l, outage))).GetProperty("payload").GetProperty("linked").GetInt32());
        // Pushes arrive in order: once a later query is heard, every copy of the outage's push would have been.
        var marker = (await channel.SubmitAsync(Requests.Query("The printer on floor 4 is out of toner"))).Str("reference");
        await node.WaitForEventAsync("QueryCreated", marker);
        await watching.WaitForEventAsync("QueryCreated", marker);
        Assert.Equal((1, 1), (node.Seen(l => Linked(l, outage)), watching.Seen(l => Linked(l, outage))));
    }

    /// <summary>The agent's console, a real @microsoft/signalr client, in every queue the agent may see.</summary>
    async Task<NodeHubClient> ListenAsync(HttpClient agent)
    {
        var queues = (await agent.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")).ToList();
        var node = NodeHubClient.Start(desk.BaseAddress, "agent", "agent-pass-1", string.Join(',', queues));
        Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "invoke-failed" or "ready")).GetProperty("event").GetString());
        return node;
    }
}
