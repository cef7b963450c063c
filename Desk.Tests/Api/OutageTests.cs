using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>
/// Major outages (Table 8.4 "disaster"): declared by staff, queries linked in bulk with each reference answered, every
/// linked user told on the channel they last used in one go, and the outage resolved with its queries.
/// </summary>
public sealed class OutageTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task LinkingInBulk_ReportsEachReference_PutsTheOutageOnEachTimeline_AndUnlinkingTakesItOff()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var outage = await DeclareAsync(agent, "Payroll is down");
        var one = (await agent.SubmitAsync(Requests.Query("Payroll shows an error page"))).Str("reference");
        var two = (await agent.SubmitAsync(Requests.Query("I cannot see my payslip"))).Str("reference");
        var secret = (await agent2.SubmitAsync(Requests.Query("Payroll sent my payslip to a stranger"))).Str("reference");
        Assert.Equal(HttpStatusCode.OK, (await agent2.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "data leak" })).StatusCode);

        var linked = await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { one, two, "INC-999999", secret, one } });
        var again = await (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { two } })).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var report = await linked.JsonAsync();
        Assert.Equal([(one, "linked"), (two, "linked"), ("INC-999999", "not_found"), (secret, "not_found")],
            report.GetProperty("items").EnumerateArray().Select(i => (i.Str("reference"), i.Str("outcome"))));
        Assert.Equal((2, 2), (report.GetProperty("outage").GetProperty("linked").GetInt32(), report.GetProperty("outage").GetProperty("openLinked").GetInt32()));
        Assert.Equal("already_linked", again.GetProperty("items")[0].Str("outcome"));
        Assert.Contains((await (await agent.GetAsync($"/api/queries/{one}")).JsonAsync()).GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "outage_linked" && e.GetProperty("data").GetProperty("outage").GetInt64() == outage);
        var detail = await (await agent.GetAsync($"/api/outages/{outage}")).JsonAsync();
        Assert.Equal([one, two], detail.GetProperty("links").EnumerateArray().Select(l => l.Str("reference")));

        Assert.Equal(HttpStatusCode.OK, (await agent.DeleteAsync($"/api/outages/{outage}/links/{two}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.DeleteAsync($"/api/outages/{outage}/links/{two}")).StatusCode);
        var after = await (await agent.GetAsync($"/api/outages/{outage}")).JsonAsync();
        Assert.Equal([one], after.GetProperty("links").EnumerateArray().Select(l => l.Str("reference")));
        Assert.Contains((await agent.GetFromJsonAsync<JsonElement>("/api/outages")).EnumerateArray(),
            o => o.GetProperty("id").GetInt64() == outage && o.Str("status") == "declared" && o.GetProperty("linked").GetInt32() == 1);
    }

    [Fact]
    public async Task ANotice_IsOneOutboxMessagePerOpenLinkedQuery_OnTheChatEachUserLastUsed()
    {
        using var agent = await desk.SignInAsync("agent2");
        await using var ana = await ChatQuery.StartAsync(desk);
        await using var bo = await ChatQuery.StartAsync(desk);
        var unreachable = (await agent.SubmitAsync(Requests.Query("The payroll page times out"))).Str("reference");
        var outage = await DeclareAsync(agent, "Payroll is down");
        (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { ana.Reference, bo.Reference, unreachable } }))
            .EnsureSuccessStatusCode();

        var posted = await agent.PostAsJsonAsync($"/api/outages/{outage}/notices", new { text = "Payroll is down; we expect it back by 14:00." });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var report = await posted.JsonAsync();
        Assert.Equal([ana.Reference, bo.Reference], report.GetProperty("told").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([unreachable], report.GetProperty("unreachable").EnumerateArray().Select(r => r.GetString()));
        await ana.Chat.DrainedAsync();
        await bo.Chat.DrainedAsync();
        Assert.Single(ana.Chat.Received, m => m.Text == $"{ana.Reference}: Payroll is down; we expect it back by 14:00.");
        Assert.Single(bo.Chat.Received, m => m.Text == $"{bo.Reference}: Payroll is down; we expect it back by 14:00.");
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("""
            select count(*) from outbox_messages m join queries q on q.id = m.query_id
            where m.channel = 'botframework' and m.payload like '%we expect it back by 14:00%' and q.reference in (@a, @b)
            """, new { a = ana.Reference, b = bo.Reference }));
    }

    [Fact]
    public async Task ResolvingTheOutage_WithItsQueries_ResolvesEachOpenOne_TellsItsUser_AndClosesTheOutageToNewLinks()
    {
        using var agent = await desk.SignInAsync("agent2");
        await using var ana = await ChatQuery.StartAsync(desk);
        var portal = (await agent.SubmitAsync(Requests.Query("Payroll will not load"))).Str("reference");
        var outage = await DeclareAsync(agent, "Payroll is down");
        (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { ana.Reference, portal } })).EnsureSuccessStatusCode();

        var resolved = await agent.PostAsJsonAsync($"/api/outages/{outage}/resolve", new { resolution = "Payroll is back.", resolveQueries = true });

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var report = await resolved.JsonAsync();
        Assert.Equal("resolved", report.GetProperty("outage").Str("status"));
        Assert.Equal([ana.Reference, portal], report.GetProperty("resolved").EnumerateArray().Select(r => r.GetString()));
        foreach (var reference in new[] { ana.Reference, portal })
            Assert.Equal("resolved", (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("status"));
        await ana.Chat.DrainedAsync();
        Assert.Contains(ana.Chat.Received, m => m.Text == $"{ana.Reference}: Payroll is back.");
        var late = (await agent.SubmitAsync(Requests.Query("Payroll again"))).Str("reference");
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { late } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"/api/outages/{outage}/resolve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync("/api/outages/999999999/notices", new { text = "x" })).StatusCode);
    }

    [Fact]
    public async Task AnOutagesCounts_LeaveOutLinkedQueriesInQueuesTheReaderMayNotSee()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var outage = await DeclareAsync(agent2, "Badge readers are down");
        var plain = (await agent2.SubmitAsync(Requests.Query("My badge does not open the lobby door"))).Str("reference");
        var secret = (await agent2.SubmitAsync(Requests.Query("Someone used my badge at night"))).Str("reference");
        (await agent2.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "badge misuse" })).EnsureSuccessStatusCode();

        var report = await (await agent2.PostAsJsonAsync($"/api/outages/{outage}/links", new { references = new[] { plain, secret } })).JsonAsync();

        Assert.Equal((2, 2), Counts(report.GetProperty("outage")));
        Assert.Equal((1, 1), Counts(await agent.GetFromJsonAsync<JsonElement>($"/api/outages/{outage}")));
        Assert.Equal((1, 1), Counts((await agent.GetFromJsonAsync<JsonElement>("/api/outages")).EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == outage)));
        Assert.Equal((2, 2), Counts(await agent2.GetFromJsonAsync<JsonElement>($"/api/outages/{outage}")));
        var unlinked = await (await agent.DeleteAsync($"/api/outages/{outage}/links/{plain}")).JsonAsync();
        Assert.Equal((0, 0), Counts(unlinked));

        static (int, int) Counts(JsonElement outage)
        {
            var summary = outage.TryGetProperty("outage", out var inner) ? inner : outage;
            return (summary.GetProperty("linked").GetInt32(), summary.GetProperty("openLinked").GetInt32());
        }
    }

    static async Task<long> DeclareAsync(HttpClient client, string title)
    {
        var response = await client.PostAsJsonAsync("/api/outages", new { title, description = "Declared by a test.", service = "payroll" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }
}
