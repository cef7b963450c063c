using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>The agent console's queues: the list's sort, search, filters and paging, the counts, and saved views.</summary>
public sealed class QueueViewTests
{
    static int contacts;

    static object Laptop(string text, string impact, string urgency, string name = "Test User") => new
    {
        text,
        channel = "web",
        contact = new { channel = "email", address = $"queues{Interlocked.Increment(ref contacts)}@example.org", displayName = name },
        catalogItem = "new-laptop",
        impact,
        urgency,
    };

    static async Task<List<string>> ReferencesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/queries?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(q => q.Str("reference")).ToList();
    }

    static async Task PatchAsync(HttpClient client, string reference, object patch) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/queries/{reference}", patch)).StatusCode);

    [Fact]
    public async Task List_ByUrgency_PutsBreachedFirst_ThenTheSoonestDeadline_PausedLast_AndNewestReversesAge()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        // P1: first response due in 15 minutes; missed, then answered, so its next deadline (resolution) is hours away.
        var breached = (await agent.SubmitAsync(Laptop("Laptop screen cracked", "high", "high"))).Str("reference");
        desk.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync($"/api/queries/{breached}/messages", new { text = "On it." })).StatusCode);
        var later = (await agent.SubmitAsync(Laptop("Laptop for a new starter", "low", "low"))).Str("reference");     // P4: 8 hours
        var sooner = (await agent.SubmitAsync(Laptop("Laptop battery swollen", "high", "medium"))).Str("reference"); // P2: 1 hour
        var paused = (await agent.SubmitAsync(Laptop("Laptop keyboard sticky", "high", "high"))).Str("reference");  // P1, but waiting
        foreach (var status in new[] { "in_progress", "waiting_for_user" })
            await PatchAsync(agent, paused, new { status });

        Assert.Equal([breached, sooner, later, paused], await ReferencesAsync(agent, "queue=service-requests"));
        Assert.Equal([paused, sooner, later, breached], await ReferencesAsync(agent, "queue=service-requests&sort=newest"));
    }

    [Theory]
    [InlineData("urgency")]
    [InlineData("newest")]
    public async Task List_PagesByOffset_ReachEveryMatchingQueryOnce_WithTheTotal(string sort)
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        var submitted = new List<string>();
        for (var i = 0; i < 7; i++)
            submitted.Add((await agent.SubmitAsync(Laptop($"Laptop number {i}", i % 2 == 0 ? "high" : "low", "medium"))).Str("reference"));
        await agent.SubmitAsync(Requests.Query("Wi-Fi drops in the lobby", "sms"));

        var seen = new List<string>();
        for (var offset = 0; offset < 9; offset += 3)
        {
            var page = await (await agent.GetAsync($"/api/queries?queue=service-requests&sort={sort}&limit=3&offset={offset}")).JsonAsync();
            Assert.Equal(7, page.GetProperty("total").GetInt32());
            Assert.Equal(offset, page.GetProperty("offset").GetInt32());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(q => q.Str("reference")));
        }

        Assert.Equal(7, seen.Count);
        Assert.Equal(submitted.Order(), seen.Order());
    }

    [Fact]
    public async Task List_Newest_StillPagesByCursor()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        var submitted = new List<string>();
        for (var i = 0; i < 4; i++)
            submitted.Add((await agent.SubmitAsync(Requests.Query($"Wi-Fi drops in room {i}", "sms"))).Str("reference"));

        var first = await (await agent.GetAsync("/api/queries?sort=newest&limit=3")).JsonAsync();
        var second = await (await agent.GetAsync($"/api/queries?sort=newest&limit=3&after={first.Str("next")}")).JsonAsync();

        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(q => q.Str("reference"));
        Assert.Equal(Enumerable.Reverse(submitted), seen);
        Assert.Equal(4, second.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task List_Search_MatchesReferenceSubjectTextAndContact_CaseInsensitively_WithWildcardsAsText()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        var printer = (await agent.SubmitAsync(Laptop("The PRINTER on floor 3 jams\nand it smells of toner", "low", "low"))).Str("reference");
        var cpu = (await agent.SubmitAsync(Laptop("Build server at 100% CPU", "low", "low"))).Str("reference");
        var wheel = (await agent.SubmitAsync(Laptop("Mouse_wheel broken", "low", "low", name: "Zoë Marchetti"))).Str("reference");
        await agent.SubmitAsync(Laptop("Mouse wheel scrolls backwards 1000 lines", "low", "low"));
        var accents = (await agent.SubmitAsync(Laptop("Badge reader at ÉCOLE SAINT-ÉTIENNE refuses Zoë's card", "low", "low"))).Str("reference");

        Assert.Equal([printer], await ReferencesAsync(agent, "q=printer"));
        Assert.Equal([printer], await ReferencesAsync(agent, "q=TONER"));
        Assert.Equal([cpu], await ReferencesAsync(agent, "q=" + Uri.EscapeDataString("100%")));
        Assert.Equal([wheel], await ReferencesAsync(agent, "q=e_w"));
        Assert.Equal([wheel], await ReferencesAsync(agent, "q=MARCHETTI"));
        // Beyond ASCII too, on every engine (SQLite's own lower() folds ASCII alone).
        Assert.Equal([accents], await ReferencesAsync(agent, "q=" + Uri.EscapeDataString("école saint-étienne")));
        Assert.Equal([accents], await ReferencesAsync(agent, "q=" + Uri.EscapeDataString("ZOË'S")));
        Assert.Equal([cpu], await ReferencesAsync(agent, "q=" + cpu.ToLowerInvariant()));
        Assert.Empty(await ReferencesAsync(agent, "q=" + Uri.EscapeDataString("[a-z]%")));
    }

    [Fact]
    public async Task List_FiltersByLanguageAssigneeAndSlaState()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        var chinese = (await agent.SubmitAsync(Laptop("笔记本电脑的屏幕坏了", "low", "low"))).Str("reference");
        var mine = (await agent.SubmitAsync(Laptop("Laptop fan is loud", "high", "high"))).Str("reference");
        var waiting = (await agent.SubmitAsync(Laptop("Laptop will not charge", "low", "low"))).Str("reference");
        var done = (await agent.SubmitAsync(Laptop("Laptop bag please", "low", "low"))).Str("reference");
        foreach (var status in new[] { "in_progress", "resolved" })
            await PatchAsync(agent, done, new { status });
        await PatchAsync(agent, mine, new { assignee = "agent" });
        foreach (var status in new[] { "in_progress", "waiting_for_user" })
            await PatchAsync(agent, waiting, new { status });
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);

        Assert.Equal([chinese], await ReferencesAsync(agent, "language=zh"));
        Assert.Equal([mine], await ReferencesAsync(agent, "assignee=me"));
        Assert.Equal([mine], await ReferencesAsync(agent, "assignee=agent"));
        Assert.Equal([chinese, waiting], (await ReferencesAsync(agent, "assignee=unassigned&status=active")).Order());
        Assert.Equal([chinese, waiting, done], (await ReferencesAsync(agent, "assignee=unassigned")).Order());
        Assert.Equal([mine], await ReferencesAsync(agent, "sla=breached"));
        Assert.Equal([waiting], await ReferencesAsync(agent, "sla=paused"));
        Assert.Equal([chinese], await ReferencesAsync(agent, "sla=on_track&status=active"));
    }

    [Fact]
    public async Task Queues_CountOpenUnassignedMineAndBreached_PerQueue()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var mine = (await agent.SubmitAsync(Laptop("Laptop hinge broke", "high", "high"))).Str("reference");
        var theirs = (await agent.SubmitAsync(Laptop("Laptop dock flickers", "low", "low"))).Str("reference");
        await agent.SubmitAsync(Laptop("Laptop for an intern", "low", "low"));
        await PatchAsync(agent, mine, new { assignee = "agent" });
        await PatchAsync(agent2, theirs, new { assignee = "agent2" });
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);

        var queues = await (await agent.GetAsync("/api/queues")).JsonAsync();

        var requests = queues.EnumerateArray().Single(q => q.Str("queue") == "service-requests");
        Assert.Equal(3, requests.GetProperty("open").GetInt32());
        Assert.Equal(1, requests.GetProperty("unassigned").GetInt32());
        Assert.Equal(1, requests.GetProperty("mine").GetInt32());
        Assert.Equal(1, requests.GetProperty("breached").GetInt32());
    }

    [Fact]
    public async Task Submit_CatalogRequest_HasTheItemInItsSubject()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Laptop("please", "low", "low"))).Str("reference");

        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();

        Assert.Equal("New laptop: please", query.Str("subject"));
    }

    [Fact]
    public async Task SavedViews_AreTheOwners_SharedOnesListedToAll_OnlyTheOwnerChangesThem()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var created = await agent.PostAsJsonAsync("/api/me/views",
            new { name = "  Urgent laptops ", shared = true, filters = new { queue = "service-requests", priority = "P1", q = "laptop", sort = "urgency" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.JsonAsync();
        var id = view.GetProperty("id").GetInt64();
        Assert.Equal("Urgent laptops", view.Str("name"));
        Assert.Equal(HttpStatusCode.Created, (await agent2.PostAsJsonAsync("/api/me/views", new { name = "Private", filters = new { assignee = "me" } })).StatusCode);

        var seenBy2 = (await (await agent2.GetAsync("/api/me/views")).JsonAsync()).EnumerateArray().ToList();
        var seenBy1 = (await (await agent.GetAsync("/api/me/views")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["Private", "Urgent laptops"], seenBy2.Select(v => v.Str("name")));
        Assert.Equal(["Urgent laptops"], seenBy1.Select(v => v.Str("name")));
        var filters = seenBy2.Single(v => v.Str("name") == "Urgent laptops").GetProperty("filters");
        Assert.Equal(("service-requests", "P1", "laptop"), (filters.Str("queue"), filters.Str("priority"), filters.Str("q")));

        var change = new { name = "Mine now", shared = false, filters = new { sort = "newest" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await agent2.PutAsJsonAsync($"/api/me/views/{id}", change)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent2.DeleteAsync($"/api/me/views/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync("/api/me/views", new { name = "Urgent laptops", filters = new { } })).StatusCode);
        var renamed = await agent.PutAsJsonAsync($"/api/me/views/{id}", change);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("newest", (await renamed.JsonAsync()).GetProperty("filters").Str("sort"));
        // No longer shared: agent2 no longer sees it, nor may touch it.
        Assert.Equal(["Private"], (await (await agent2.GetAsync("/api/me/views")).JsonAsync()).EnumerateArray().Select(v => v.Str("name")));
        Assert.Equal(HttpStatusCode.NotFound, (await agent2.DeleteAsync($"/api/me/views/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/me/views/{id}")).StatusCode);
        Assert.Empty((await (await agent.GetAsync("/api/me/views")).JsonAsync()).EnumerateArray());
    }
}
