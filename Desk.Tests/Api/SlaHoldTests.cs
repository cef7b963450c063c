using System.Net;
using System.Net.Http.Json;
using Dapper;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// An agent's hold on a query's SLA clocks outside the policy's pausing statuses: an override of sla.policy with a
/// justification, real in the engine (deadlines move by the held time, nothing is breached while held), in the timer
/// pass and in the repair, and ended by a lift or by resolving the query.
/// </summary>
public sealed class SlaHoldTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const string Justification = "The user is on leave until Monday; nothing can be tried without them.";

    [Fact]
    public async Task AHold_NeedsAnOverride_MovesTheDeadlinesByTheHeldTime_AndNothingIsBreachedWhileHeld()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("My monitor shows no picture since this morning"))).Str("reference");
        var taken = await GetAsync(agent, reference);
        var (firstDue, resolutionDue) = (taken.GetProperty("firstResponseDue").GetDateTimeOffset(), taken.GetProperty("resolutionDue").GetDateTimeOffset());
        var firstResponse = firstDue - taken.GetProperty("createdAt").GetDateTimeOffset();

        var refused = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { slaHold = true, reason = "user on leave" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("sla.policy", (await refused.JsonAsync()).Str("rule"));
        var held = await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { slaHold = true, reason = "user on leave", @override = new { rule = "sla.policy", justification = Justification } });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.True((await held.JsonAsync()).GetProperty("slaPaused").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { slaHold = true, @override = new { rule = "sla.policy", justification = Justification } })).StatusCode);

        var heldFor = firstResponse * 2;
        desk.Clock.Advance(heldFor);
        await PassAsync();
        Assert.Empty(await EventsAsync(reference));

        var lifted = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { slaHold = false, reason = "the user is back" });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.False((await lifted.JsonAsync()).GetProperty("slaPaused").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { slaHold = false })).StatusCode);
        var after = await GetAsync(agent, reference);
        Assert.Equal(firstDue + heldFor, after.GetProperty("firstResponseDue").GetDateTimeOffset());
        Assert.Equal(resolutionDue + heldFor, after.GetProperty("resolutionDue").GetDateTimeOffset());
        var kinds = after.GetProperty("timeline").EnumerateArray().Select(e => e.Str("kind")).ToList();
        Assert.Equal(1, kinds.Count(k => k == "sla_held"));
        Assert.Equal(1, kinds.Count(k => k == "sla_hold_lifted"));
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "rule_overridden" && e.GetProperty("data").Str("rule") == "sla.policy" && e.Str("body") == Justification);

        // Once lifted the clock runs again, from where it stood when the hold began.
        desk.Clock.Advance(firstResponse * 1.1);
        await PassAsync();
        Assert.Contains("first_response breach 1", await EventsAsync(reference));

        // The repair replays the same history, hold included.
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update queries set resolution_due = @wrong where reference = @reference", new { wrong = resolutionDue, reference });
        using var admin = await desk.SignInAsync("admin");
        (await admin.PostAsync("/api/admin/sla/repair", null)).EnsureSuccessStatusCode();
        Assert.Equal(resolutionDue + heldFor, (await GetAsync(agent, reference)).GetProperty("resolutionDue").GetDateTimeOffset());

        using var supervisor = await desk.SignInAsync("supervisor");
        var logged = Assert.Single((await (await supervisor.GetAsync("/api/overrides?rule=sla.policy")).JsonAsync()).EnumerateArray(),
            o => o.Str("reference") == reference);
        Assert.Equal(("agent2", Justification), (logged.Str("actor"), logged.Str("justification")));
        var counts = await (await supervisor.GetAsync("/api/overrides/counts")).JsonAsync();
        Assert.True(counts.EnumerateArray().Single(c => c.Str("rule") == "sla.policy").GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task AResolvedQuery_CannotBeHeld_AndResolvingEndsAHold_SoAReopenedQueryRunsAgain()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("The vendor has our laptop dock under repair"))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { slaHold = true, @override = new { rule = "sla.policy", justification = "The vendor holds the fix." } })).EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();

        var refused = await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { slaHold = true, @override = new { rule = "sla.policy", justification = "Still the vendor." } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { slaHold = false })).StatusCode);
        var reopened = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "open" });
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.False((await reopened.JsonAsync()).GetProperty("slaPaused").GetBoolean());
    }

    async Task PassAsync() => await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);

    async Task<List<string>> EventsAsync(string reference)
    {
        await using var db = await desk.OpenDbAsync();
        return (await db.QueryAsync<(string Metric, string Kind, double Share)>("""
            select e.metric, e.kind, e.share from sla_events e join queries q on q.id = e.query_id
            where q.reference = @reference order by e.due_at, e.id
            """, new { reference })).Select(e => $"{e.Metric} {e.Kind} {e.Share}").ToList();
    }

    static async Task<System.Text.Json.JsonElement> GetAsync(HttpClient agent, string reference) =>
        await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
}
