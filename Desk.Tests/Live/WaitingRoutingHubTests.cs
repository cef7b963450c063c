using System.Net.Http.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>A live desk with routing on.</summary>
public sealed class RoutingLiveDesk : LiveDesk
{
    protected override string RoutingMode => "assign";
}

/// <summary>The router's later decision on a waiting query reaches the consoles of its queue as it is made.</summary>
public sealed class WaitingRoutingHubTests(RoutingLiveDesk desk) : IClassFixture<RoutingLiveDesk>
{
    [Fact]
    public async Task WaitingQueryRouted_WhenAnAgentComesOnline_IsPushedWithItsRoutingEntry()
    {
        var agent = await desk.CreateStaffAsync();
        using var agentClient = desk.WithCookie(await desk.SessionCookieAsync(agent));
        (await agentClient.PutAsJsonAsync("/api/me/availability", new { availability = "away" })).EnsureSuccessStatusCode();
        await using var console = NodeHubClient.Start(desk.BaseAddress, agent, StaffAccounts.Password, "incident-management");
        Assert.Equal("ready", (await console.WaitForAsync(l => l.Str("event") is "ready" or "invoke-failed" or "start-failed")).Str("event"));
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("My laptop will not boot, the screen stays black"))).Str("reference");
        await console.WaitForEventAsync("QueryCreated", reference);

        (await agentClient.PutAsJsonAsync("/api/me/availability", new { availability = "online" })).EnsureSuccessStatusCode();

        var routed = await console.WaitForAsync(l => l.Str("event") == "TimelineAppended"
            && l.GetProperty("payload").Str("reference") == reference && l.GetProperty("payload").Str("kind") == "assigned_by_routing");
        Assert.Contains($"then {agent} said they are online", routed.GetProperty("payload").Str("body"));
        var updated = await console.WaitForAsync(l => l.Str("event") == "QueryUpdated"
            && l.GetProperty("payload").Str("reference") == reference && l.GetProperty("payload").GetProperty("assignee").GetString() == agent);
        Assert.Equal("incident-management", updated.GetProperty("payload").Str("queue"));
        await GoOfflineAsync(agentClient); // connected for a grace period after: not to be given the next test's queries
    }

    [Fact]
    public async Task WaitingQuery_GoesToAnOnlineAgent_WhenTheyOpenTheConsole()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        await using var watching = NodeHubClient.Start(desk.BaseAddress, "supervisor", "supervisor-pass-1", "incident-management", supervisors: true);
        Assert.Equal("ready", (await watching.WaitForAsync(l => l.Str("event") is "ready" or "invoke-failed" or "start-failed")).Str("event"));
        var agent = await desk.CreateStaffAsync();
        using var agentClient = desk.WithCookie(await desk.SessionCookieAsync(agent));
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The docking station no longer charges my laptop"))).Str("reference");
        await watching.WaitForEventAsync("QueryCreated", reference);
        var detail = await supervisor.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/queries/{reference}");
        Assert.Equal("routing_waiting", detail.GetProperty("timeline").EnumerateArray().Last().Str("kind"));

        await using var console = NodeHubClient.Start(desk.BaseAddress, agent, StaffAccounts.Password, "incident-management");

        var routed = await watching.WaitForAsync(l => l.Str("event") == "TimelineAppended"
            && l.GetProperty("payload").Str("reference") == reference && l.GetProperty("payload").Str("kind") == "assigned_by_routing");
        Assert.EndsWith($"It was waiting; then {agent} opened the console.", routed.GetProperty("payload").Str("body"));
        await GoOfflineAsync(agentClient);
    }

    static async Task GoOfflineAsync(HttpClient agent) =>
        (await agent.PutAsJsonAsync("/api/me/availability", new { availability = "offline" })).EnsureSuccessStatusCode();
}
