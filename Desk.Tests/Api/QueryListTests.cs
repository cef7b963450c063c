using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The list at scale: an agent's queues are read queue by queue and merged (<c>QueryStore.ListAsync</c>), and the total
/// stops counting 10,000 past the page.
/// </summary>
public sealed class QueryListTests
{
    static int contacts;

    static object Query(string text, string impact, string urgency, string? catalogItem = null) => new
    {
        text,
        channel = "web",
        contact = new { channel = "email", address = $"list{Interlocked.Increment(ref contacts)}@example.org", displayName = "List User" },
        catalogItem,
        impact,
        urgency,
    };

    static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/queries?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    static List<(string Reference, string Queue)> Items(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(q => (q.Str("reference"), q.Str("queue"))).ToList();

    [Theory]
    [InlineData("urgency")]
    [InlineData("newest")]
    public async Task AnAgentsList_MergedFromEachOfTheirQueues_IsTheSupervisorsListOfThoseQueues_PageByPage(string sort)
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        // Several queues, priorities and one breach: the merge has orders to keep across queues.
        var early = (await agent.SubmitAsync(Query("My laptop will not boot, the screen stays black", "high", "high"))).Str("reference");
        await agent.SubmitAsync(Query("A new laptop for a starter", "low", "low", catalogItem: "new-laptop"));
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
        await agent.SubmitAsync(Query("Outlook crashes when I open an attachment", "medium", "medium"));
        await agent.SubmitAsync(Query("Please give me a badge for the east wing", "low", "medium", catalogItem: "access-request"));
        await agent.SubmitAsync(Query("The battery of my laptop is swollen", "high", "medium", catalogItem: "new-laptop"));
        await agent.SubmitAsync(Query("Printer on floor 3 jams on every page", "low", "high"));
        await agent.SubmitAsync(Query("Wi-Fi drops every few minutes in the meeting rooms", "medium", "high"));
        await agent.SubmitAsync(Query("It would be great if the portal had a dark mode, a suggestion for the next release", "low", "low"));
        await agent.SubmitAsync(Query("I am very unhappy with how long this took, this service is unacceptable", "medium", "medium"));
        await agent.SubmitAsync(Query("How do I change my password?", "low", "low"));

        var all = Items(await PageAsync(agent, $"status=active&sort={sort}&limit=200"));
        var supervisors = Items(await PageAsync(supervisor, $"status=active&sort={sort}&limit=200"));
        var agentQueues = all.Select(q => q.Queue).ToHashSet();
        Assert.True(agentQueues.Count >= 3, $"the queries reached only {string.Join(", ", agentQueues)}");
        Assert.Contains(early, all.Select(q => q.Reference));
        Assert.Equal(supervisors.Where(q => agentQueues.Contains(q.Queue)), all);

        // Page by page, each page reads its queues as far as it reaches: the pages add up to the whole list, once each.
        var paged = new List<(string, string)>();
        for (var offset = 0; offset < all.Count + 2; offset += 2)
        {
            var page = await PageAsync(agent, $"status=active&sort={sort}&limit=2&offset={offset}");
            Assert.Equal(all.Count, page.GetProperty("total").GetInt32());
            Assert.False(page.GetProperty("totalCapped").GetBoolean());
            paged.AddRange(Items(page));
        }
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task ResolvedAndClosedLists_ByUrgency_HoldJustThoseQueries_InTheTablesOrder_ForAnAgentAsForTheSupervisor()
    {
        await using var desk = new DeskApplication();
        using var writer = await desk.SignInAsync("agent");
        var references = new List<string>();
        foreach (var (text, catalogItem) in new (string, string?)[]
                 {
                     ("My laptop will not boot, the screen stays black", null), ("A new laptop for a starter", "new-laptop"),
                     ("Outlook crashes when I open an attachment", null), ("Please give me a badge for the east wing", "access-request"),
                     ("Printer on floor 3 jams on every page", null), ("How do I change my password?", null),
                     ("Wi-Fi drops every few minutes in the meeting rooms", null),
                 })
        {
            references.Add((await writer.SubmitAsync(Query(text, "medium", "medium", catalogItem))).Str("reference"));
            desk.Clock.Advance(TimeSpan.FromMinutes(3));
        }
        // Five resolved, two of them then closed, and two left open; the first resolved ran past its deadlines.
        desk.Clock.Advance(TimeSpan.FromHours(30));
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        foreach (var (reference, i) in references.Take(5).Select((r, i) => (r, i)))
        {
            foreach (var status in i < 2 ? new[] { "in_progress", "resolved", "closed" } : ["in_progress", "resolved"])
                (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = status == "resolved" ? "done" : null }))
                    .EnsureSuccessStatusCode();
            if (i == 0)
            {
                using var scope = desk.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
            }
        }

        foreach (var status in new[] { "resolved", "closed" })
        {
            await using var db = await desk.OpenDbAsync();
            var table = (await db.QueryAsync<(string Reference, string Queue)>(
                "select reference, queue from queries where status = @status order by sla_rank, sla_due, created_at, id", new { status })).ToList();
            Assert.Equal(status == "closed" ? 2 : 3, table.Count);

            var supervisors = Items(await PageAsync(supervisor, $"status={status}&sort=urgency&limit=200"));
            Assert.Equal(table, supervisors);
            var all = Items(await PageAsync(agent, $"status={status}&sort=urgency&limit=200"));
            var agentQueues = all.Select(q => q.Queue).ToHashSet();
            Assert.NotEmpty(all);
            Assert.Equal(table.Where(q => agentQueues.Contains(q.Queue)), all);
            var paged = new List<(string, string)>();
            for (var offset = 0; offset < all.Count + 2; offset += 2)
                paged.AddRange(Items(await PageAsync(agent, $"status={status}&sort=urgency&limit=2&offset={offset}")));
            Assert.Equal(all, paged);
        }
    }

    [Fact]
    public async Task TheTotal_StopsCounting10000PastThePage_AndSaysSo_ForTheWholeListAndAnAgentsQueues()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        var template = (await agent.SubmitAsync(Query("Printer on floor 3 jams on every page", "low", "high"))).Str("reference");
        await using (var db = await desk.OpenDbAsync())
        {
            // 10,060 copies of that query, written straight to the table: through intake they would take minutes.
            var columns = (await db.QueryAsync("select * from queries where reference = @template", new { template })).Cast<IDictionary<string, object>>()
                .Single().Keys.Where(c => c is not ("id" or "reference" or "open_breached" or "sla_rank")).ToList();
            await db.ExecuteAsync($"""
                with recursive copies(n) as (select 1 union all select n + 1 from copies where n < 10060)
                insert into queries (reference, {string.Join(", ", columns)})
                select 'BULK-' || n, {string.Join(", ", columns.Select(c => "q." + c))} from copies, queries q where q.reference = @template
                """, new { template });
        }

        foreach (var member in new[] { supervisor, agent })
        {
            var first = await PageAsync(member, "status=active&limit=50");
            Assert.Equal(10_000, first.GetProperty("total").GetInt32());
            Assert.True(first.GetProperty("totalCapped").GetBoolean());
            Assert.Equal(50, first.GetProperty("items").GetArrayLength());

            // From an offset, it counts 10,000 past it: here that reaches every match, so the total is exact again.
            var far = await PageAsync(member, "status=active&limit=50&offset=10000");
            Assert.Equal(10_061, far.GetProperty("total").GetInt32());
            Assert.False(far.GetProperty("totalCapped").GetBoolean());
            Assert.Equal(50, far.GetProperty("items").GetArrayLength());
        }
    }
}
