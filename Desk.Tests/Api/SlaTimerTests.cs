using System.Net.Http.Json;
using Dapper;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The timer pass with a test clock: warnings at 75% and 90%, the breach, each recorded once however often the pass
/// runs, in order after downtime, and escalation as the policy says.
/// </summary>
public sealed class SlaTimerTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Warnings_ThenTheBreach_AreRecordedOnce_EvenWhenThePassRunsTwice()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = await SubmitAsync(agent);
        var query = await GetAsync(agent, reference);
        var firstResponse = query.GetProperty("firstResponseDue").GetDateTimeOffset() - query.GetProperty("createdAt").GetDateTimeOffset();

        desk.Clock.Advance(firstResponse * 0.8);
        await PassAsync();
        await PassAsync();
        var warned = await EventsAsync(reference);
        desk.Clock.Advance(firstResponse * 0.3);
        await PassAsync();
        await PassAsync();

        Assert.Equal(["first_response warning 0.75"], warned);
        Assert.Equal(["first_response warning 0.75", "first_response warning 0.9", "first_response breach 1"], await EventsAsync(reference));
        var after = await GetAsync(agent, reference);
        Assert.Equal("breached", after.Str("slaState"));
        var timeline = after.GetProperty("timeline").EnumerateArray().Select(e => e.Str("kind")).ToList();
        Assert.Equal(2, timeline.Count(k => k == "sla_warning"));
        Assert.Equal(1, timeline.Count(k => k == "sla_breached"));
    }

    [Fact]
    public async Task AfterDowntime_WhatFellDueIsRecordedOnTheNextPass_InOrder()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = await SubmitAsync(agent);

        desk.Clock.Advance(TimeSpan.FromDays(6));
        await PassAsync();

        var events = await EventsAsync(reference);
        Assert.Equal(6, events.Count);
        Assert.Equal(["first_response warning 0.75", "first_response warning 0.9", "first_response breach 1"], events.Where(e => e.StartsWith("first")));
        Assert.Equal(["resolution warning 0.75", "resolution warning 0.9", "resolution breach 1"], events.Where(e => e.StartsWith("resolution")));
    }

    [Fact]
    public async Task AnAnsweredQuery_IsNotBreachedForItsFirstResponse_AndAPausedOneNotForItsResolution()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = await SubmitAsync(agent);
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "On it.", visibility = "public" })).EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "waiting_for_user" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();

        desk.Clock.Advance(TimeSpan.FromDays(30));
        await PassAsync();

        Assert.Empty(await EventsAsync(reference));
        using var again = await desk.SignInAsync("agent2"); // a month on, the first session has expired
        Assert.Equal("on_track", (await GetAsync(again, reference)).Str("slaState"));
    }

    [Fact]
    public async Task ABreach_EscalatesAsThePolicySays_RaisingThePriority()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PutAsJsonAsync("/api/sla/policies", new
        {
            type = "complaint", priority = "P3", serviceLevel = "*", firstResponse = "01:00:00", nextResponse = "02:00:00",
            resolution = "1.00:00:00", calendar = "24x7", escalation = new { notifySupervisors = true, raisePriority = true },
        })).EnsureSuccessStatusCode();
        using var agent = await desk.SignInAsync("agent2");
        var reference = await SubmitAsync(agent);
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "complaint", priority = "P3", reason = "the user is unhappy" }))
            .EnsureSuccessStatusCode();

        desk.Clock.Advance(TimeSpan.FromMinutes(61));
        await PassAsync();

        var query = await GetAsync(agent, reference);
        Assert.Equal("P2", query.Str("priority"));
        Assert.Contains(query.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "priority_changed" && e.Str("actor") == "sla");
    }

    [Fact]
    public async Task APriorityLoweredAfterABreach_WithdrawsWhatTheNewDeadlineHasNotReached_ThenItsOwnClockWarnsAndBreaches()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = await SubmitAsync(supervisor);
        await PatchAsync(supervisor, reference, new { priority = "P2", reason = "the whole floor" }); // first response in 1 h, 24x7
        var queue = (await GetAsync(supervisor, reference)).Str("queue");
        desk.Clock.Advance(TimeSpan.FromMinutes(61));
        await PassAsync();
        Assert.Equal("breached", (await GetAsync(supervisor, reference)).Str("slaState"));
        var breachedOnTheBoard = await BreachedOnTheBoardAsync(supervisor, queue);

        await PatchAsync(supervisor, reference, new { priority = "P4", reason = "one user, a workaround exists" }); // 8 h

        var lowered = await GetAsync(supervisor, reference);
        Assert.Equal("on_track", lowered.Str("slaState"));
        Assert.Empty(await EventsAsync(reference));
        Assert.Equal(breachedOnTheBoard - 1, await BreachedOnTheBoardAsync(supervisor, queue));
        Assert.Single(lowered.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "sla_breached"); // history stays

        desk.Clock.Advance(TimeSpan.FromHours(5)); // 6 h 1 min in: past 75% of 8 h
        await PassAsync();
        Assert.Equal(["first_response warning 0.75"], await EventsAsync(reference));
        desk.Clock.Advance(TimeSpan.FromHours(2));
        await PassAsync();
        using var later = await desk.SignInAsync("supervisor"); // eight hours on, the first session has expired
        Assert.Equal(["first_response warning 0.75", "first_response warning 0.9", "first_response breach 1"], await EventsAsync(reference));
        Assert.Equal("breached", (await GetAsync(later, reference)).Str("slaState"));
    }

    [Fact]
    public async Task ManyQueriesDueAtOnce_AreRecordedOnceEach_AndTwoPassesAtOnceChangeEachVersionOnce()
    {
        using var agent = await desk.SignInAsync("agent2");
        var references = new List<string>();
        for (var i = 0; i < 24; i++)
            references.Add(await SubmitAsync(agent));
        var versions = new Dictionary<string, long>();
        foreach (var reference in references)
            versions[reference] = (await GetAsync(agent, reference)).GetProperty("version").GetInt64();

        desk.Clock.Advance(TimeSpan.FromDays(6));
        await Task.WhenAll(PassAsync(), PassAsync());

        using var later = await desk.SignInAsync("agent2"); // six days on, the first session has expired
        foreach (var reference in references)
        {
            Assert.Equal(6, (await EventsAsync(reference)).Count);
            // One pass recorded everything; the other, finding nothing left due, rolled its claim back.
            Assert.Equal(versions[reference] + 1, (await GetAsync(later, reference)).GetProperty("version").GetInt64());
        }
    }

    static async Task PatchAsync(HttpClient client, string reference, object change)
    {
        var response = await client.PatchAsJsonAsync($"/api/queries/{reference}", change);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    static async Task<int> BreachedOnTheBoardAsync(HttpClient supervisor, string queue) =>
        (await (await supervisor.GetAsync("/api/board")).JsonAsync()).GetProperty("queues").EnumerateArray()
            .Single(q => q.Str("queue") == queue).GetProperty("breached").GetInt32();

    async Task PassAsync() => await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);

    async Task<List<string>> EventsAsync(string reference)
    {
        await using var db = await desk.OpenDbAsync();
        return (await db.QueryAsync<(string Metric, string Kind, double Share)>("""
            select e.metric, e.kind, e.share from sla_events e join queries q on q.id = e.query_id
            where q.reference = @reference order by e.due_at, e.id
            """, new { reference })).Select(e => $"{e.Metric} {e.Kind} {e.Share}").ToList();
    }

    static async Task<System.Text.Json.JsonElement> GetAsync(HttpClient agent, string reference)
    {
        var response = await agent.GetAsync($"/api/queries/{reference}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    static async Task<string> SubmitAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/queries", new
        {
            text = "My monitor shows no picture since this morning", channel = "web",
            contact = new { channel = "email", address = $"timer-{Guid.NewGuid():N}@example.org" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).Str("reference");
    }
}
