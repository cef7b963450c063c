using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Queries;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The console's queue counts (<c>GET /api/queues</c>) come from the board's counts, moved one query at a time: after
/// each create, assignment, move, resolution and breach they are what a fresh count of the database gives, for
/// every member's "mine".
/// </summary>
public sealed class QueueCountTests
{
    static int contacts;

    [Fact]
    public async Task Queues_AfterEachChange_CountWhatAFreshCountOfTheDatabaseGives()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        (HttpClient, string)[] members = [(agent, "agent"), (agent2, "agent2"), (supervisor, "supervisor")];
        await AssertSameAsAFreshCountAsync(desk, members); // the first GET builds the counts; every later one is moved

        var urgent = await SubmitAsync(agent, "Laptop screen cracked", "high", "high"); // P1: first response due in 15 minutes
        var calm = await SubmitAsync(agent, "Laptop for an intern", "low", "low");
        var moved = await SubmitAsync(agent, "Laptop dock flickers", "low", "low");
        var created = await AssertSameAsAFreshCountAsync(desk, members);
        Assert.Equal(3, Row(created[supervisor], "service-requests").Open);
        Assert.Equal(3, Row(created[supervisor], "service-requests").Unassigned);

        await PatchAsync(agent, urgent, new { assignee = "agent" });
        await PatchAsync(agent2, calm, new { assignee = "agent2" });
        var assigned = await AssertSameAsAFreshCountAsync(desk, members);
        Assert.Equal(1, Row(assigned[agent], "service-requests").Mine);
        Assert.Equal(1, Row(assigned[agent2], "service-requests").Mine);
        Assert.Equal(1, Row(assigned[supervisor], "service-requests").Unassigned);

        await PatchAsync(supervisor, moved, new { type = "incident", reason = "a broken dock is an incident" });
        var across = await AssertSameAsAFreshCountAsync(desk, members);
        Assert.Equal(2, Row(across[supervisor], "service-requests").Open);

        (await agent2.PostAsJsonAsync($"/api/queries/{calm}/messages", new { text = "On its way.", visibility = "public" })).EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            await PatchAsync(agent2, calm, new { status });
        var resolved = await AssertSameAsAFreshCountAsync(desk, members);
        Assert.Equal(0, Row(resolved[agent2], "service-requests").Mine);

        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);
        var breached = await AssertSameAsAFreshCountAsync(desk, members);
        Assert.Equal(1, Row(breached[agent], "service-requests").Breached);
    }

    /// <summary>Each member's GET against the count <c>GET /api/queues</c> used to make on every call; returns what each was shown.</summary>
    static async Task<Dictionary<HttpClient, QueueCount[]>> AssertSameAsAFreshCountAsync(
        DeskApplication desk, (HttpClient Client, string Username)[] members)
    {
        var shown = new Dictionary<HttpClient, QueueCount[]>();
        foreach (var (member, username) in members)
        {
            var response = await member.GetAsync("/api/queues");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var queues = (await response.Content.ReadFromJsonAsync<QueueCount[]>(JsonSerializerOptions.Web))!;
            var fresh = await FreshCountAsync(desk, username);
            Assert.Equal(queues.Select(q => fresh.GetValueOrDefault(q.Queue) ?? q with { Open = 0, Unassigned = 0, Mine = 0, Breached = 0 }), queues);
            shown[member] = queues;
        }
        return shown;
    }

    static async Task<Dictionary<string, QueueCount>> FreshCountAsync(DeskApplication desk, string username)
    {
        await using var connection = await desk.OpenDbAsync();
        var rows = await connection.QueryAsync<(string Queue, int All, int Unassigned, int Mine, int Breached)>("""
            select queue, count(*),
                sum(case when assignee is null then 1 else 0 end),
                sum(case when assignee = @username then 1 else 0 end),
                sum(case when first_response_breached_at is not null or resolution_breached_at is not null then 1 else 0 end)
            from queries
            where status not in ('resolved', 'closed')
            group by queue
            """, new { username });
        var practices = Desk.Api.Routing.Practice.Queues.ToDictionary(q => q.Queue, q => q.Practice);
        return rows.ToDictionary(r => r.Queue, r => new QueueCount(r.Queue, practices[r.Queue], r.All, r.Unassigned, r.Mine, r.Breached));
    }

    static QueueCount Row(QueueCount[] queues, string queue) => queues.Single(q => q.Queue == queue);

    static async Task<string> SubmitAsync(HttpClient client, string text, string impact, string urgency) => (await client.SubmitAsync(new
    {
        text,
        channel = "web",
        contact = new { channel = "email", address = $"counts{Interlocked.Increment(ref contacts)}@example.org" },
        catalogItem = "new-laptop",
        impact,
        urgency,
    })).Str("reference");

    static async Task PatchAsync(HttpClient client, string reference, object patch) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/queries/{reference}", patch)).StatusCode);
}
