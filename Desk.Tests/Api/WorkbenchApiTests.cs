using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// What the console's query pane needs from the desk: who a query may be given to (the staff who work its queue), the
/// rule a refused change breaks, by name, the desk's own time to count the SLA clocks down from, and the board's
/// overrides per rule.
/// </summary>
public sealed class WorkbenchApiTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Assignees_AreTheStaffWhoWorkTheQuerysQueue_AndAnAgentWhoCannotSeeItIsToldNothing()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        using var agent = await desk.SignInAsync("agent");
        var open = (await supervisor.SubmitAsync(Requests.Query("The printer on floor two jams"))).Str("reference");
        var secret = (await supervisor.SubmitAsync(Requests.Query("Someone tailgated me through the badge door"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "tailgating" })).EnsureSuccessStatusCode();

        var everyone = await NamesAsync(agent, open);
        Assert.Superset(new HashSet<string> { "agent", "agent2", "supervisor", "admin" }, everyone.ToHashSet());
        var security = await NamesAsync(supervisor, secret);
        Assert.Contains("agent2", security);
        Assert.Contains("supervisor", security);
        Assert.DoesNotContain("agent", security);

        var hidden = await agent.GetAsync($"/api/queries/{secret}/assignees");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AChangeRefusedByAnOverridableRule_NamesTheRule_AndTheDetailCarriesTheDesksTime()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("Outlook will not open my calendar"))).Str("reference");

        var refused = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P1" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("priority.matrix", (await refused.JsonAsync()).Str("rule"));
        var plain = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P9" });
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.False((await plain.JsonAsync()).TryGetProperty("rule", out _));

        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(desk.Clock.GetUtcNow(), detail.GetProperty("asOf").GetDateTimeOffset());
    }

    [Fact]
    public async Task TheBoardSnapshot_CountsOverridesPerRule_EveryRegisteredRuleListed()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var before = await MatrixCountAsync(supervisor);
        var reference = (await supervisor.SubmitAsync(Requests.Query("Teams drops every call after a minute"))).Str("reference");
        var far = (await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("priority") is "P1" or "P2" ? "P4" : "P1";
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}",
            new { priority = far, @override = new { rule = "priority.matrix", justification = "The whole sales floor is on this call." } }))
            .EnsureSuccessStatusCode();

        var board = await (await supervisor.GetAsync("/api/board")).JsonAsync();
        Assert.Equal(["sla.reopen-window", "priority.matrix", "routing.assignment", "sla.policy", "catalog.entitlement"],
            board.GetProperty("overrides").EnumerateArray().Select(c => c.Str("rule")).ToArray());
        var after = await MatrixCountAsync(supervisor);
        Assert.Equal((before.Total + 1, before.Unreviewed + 1), (after.Total, after.Unreviewed));
        Assert.Contains(board.GetProperty("feed").EnumerateArray(), f => f.Str("kind") == "rule_overridden" && f.Str("reference") == reference
            && f.Str("metric") == "priority.matrix");
    }

    static async Task<(int Total, int Unreviewed)> MatrixCountAsync(HttpClient supervisor)
    {
        var board = await (await supervisor.GetAsync("/api/board")).JsonAsync();
        var count = board.GetProperty("overrides").EnumerateArray().Single(c => c.Str("rule") == "priority.matrix");
        return (count.GetProperty("total").GetInt32(), count.GetProperty("unreviewed").GetInt32());
    }

    static async Task<List<string>> NamesAsync(HttpClient client, string reference)
    {
        var response = await client.GetAsync($"/api/queries/{reference}/assignees");
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).EnumerateArray().Select(a => a.Str("username")).ToList();
    }
}
