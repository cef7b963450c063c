using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Board;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// A query the router left waiting gets routed when an agent may now take it, with the reason on its timeline. A desk of
/// each test's own, routing on; its new agents are the only ones with a console open (recorded where the hub records it).
/// </summary>
public sealed class WaitingRoutingTests
{
    const string Broken = "My laptop will not boot, the screen stays black";

    sealed class RoutingDesk : DeskApplication
    {
        protected override string RoutingMode => "assign";
    }

    [Fact]
    public async Task WaitingQuery_GoesToAnAgentWhoSaysTheyAreOnline_AndTheTimelineSaysWhy()
    {
        using var desk = new RoutingDesk();
        var agent = await AgentAsync(desk);
        using var agentClient = desk.WithCookie(await desk.SessionCookieAsync(agent));
        await SetAvailabilityAsync(agentClient, "away");
        using var channel = await desk.WithApiKeyAsync("intake");
        var reference = (await channel.SubmitAsync(Requests.Query(Broken))).Str("reference");
        Assert.Equal("routing_waiting", (await RoutingEntryAsync(desk, reference)).Str("kind"));

        await SetAvailabilityAsync(agentClient, "online");

        var routed = await RoutingEntryAsync(desk, reference);
        Assert.Equal("assigned_by_routing", routed.Str("kind"));
        Assert.Equal($"Assigned to {agent}: speaks en, works incident-management, 1/5 load. It was waiting; then {agent} said they are online.",
            routed.Str("body"));
        Assert.Equal($"{agent} said they are online", routed.GetProperty("data").Str("trigger"));
        Assert.Equal(agent, (await DetailAsync(desk, reference)).Str("assignee"));
    }

    [Fact]
    public async Task WaitingQuery_GoesToTheAgentAtTheirLimit_WhenTheyResolveOne_OldestFirst()
    {
        using var desk = new RoutingDesk();
        var agent = await AgentAsync(desk, maxLoad: 1);
        using var agentClient = desk.WithCookie(await desk.SessionCookieAsync(agent));
        using var channel = await desk.WithApiKeyAsync("intake");
        var held = (await channel.SubmitAsync(Requests.Query(Broken))).Str("reference");
        var older = (await channel.SubmitAsync(Requests.Query(Broken + " since Monday"))).Str("reference");
        var newer = (await channel.SubmitAsync(Requests.Query(Broken + " since today"))).Str("reference");
        Assert.Equal(agent, (await DetailAsync(desk, held)).Str("assignee"));
        Assert.Contains("at their limit", (await RoutingEntryAsync(desk, older)).Str("body"));

        foreach (var status in new[] { "in_progress", "resolved" })
            Assert.Equal(HttpStatusCode.OK, (await agentClient.PatchAsJsonAsync($"/api/queries/{held}", new { status })).StatusCode);

        var routed = await RoutingEntryAsync(desk, older);
        Assert.Equal("assigned_by_routing", routed.Str("kind"));
        Assert.EndsWith($"It was waiting; then {agent} had {held} resolved.", routed.Str("body"));
        Assert.Equal(agent, (await DetailAsync(desk, older)).Str("assignee"));
        Assert.Equal("routing_waiting", (await RoutingEntryAsync(desk, newer)).Str("kind"));
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(desk, newer)).GetProperty("assignee").ValueKind);
    }

    static async Task<string> AgentAsync(DeskApplication desk, int? maxLoad = null)
    {
        var username = await desk.CreateStaffAsync();
        if (maxLoad is not null)
        {
            using var supervisor = await desk.SignInAsync("supervisor");
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync($"/api/admin/agents/{username}/routing", new { maxLoad })).StatusCode);
        }
        desk.Services.GetRequiredService<BoardPresence>().Opened(Guid.NewGuid().ToString("n"), username);
        return username;
    }

    static async Task SetAvailabilityAsync(HttpClient agent, string availability) =>
        Assert.Equal(HttpStatusCode.OK, (await agent.PutAsJsonAsync("/api/me/availability", new { availability })).StatusCode);

    static async Task<JsonElement> DetailAsync(DeskApplication desk, string reference)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        return await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync();
    }

    static async Task<JsonElement> RoutingEntryAsync(DeskApplication desk, string reference) =>
        (await DetailAsync(desk, reference)).GetProperty("timeline").EnumerateArray().Last(e => e.Str("kind") is "assigned_by_routing" or "routing_waiting");
}
