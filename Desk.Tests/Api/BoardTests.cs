using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Board;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>
/// The supervisors' board on a desk of its own (its counts are the whole desk's): who may see it, and that it counts
/// open, at-risk and breached queries per queue, load and today's attainment as the test clock and the timer pass move
/// them, the same as a fresh count from the database would.
/// </summary>
public sealed class BoardTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Board_IsForSupervisorsAndAdmins()
    {
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/board")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/board")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/board?feed=5")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/board?feed=0")).StatusCode);
    }

    [Fact]
    public async Task Board_CountsTheImprovementRegister_ByStatus()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var before = (await (await supervisor.GetAsync("/api/board")).JsonAsync()).GetProperty("improvements").GetProperty("new").GetInt32();
        var reference = (await (await supervisor.PostAsJsonAsync("/api/queries", new
        {
            text = "It would help if the VPN client reconnected by itself after sleep", channel = "web",
            contact = new { channel = "email", address = $"idea-{Guid.NewGuid():N}@example.org" },
        })).JsonAsync()).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "improvement_suggestion", reason = "a suggestion" }))
            .EnsureSuccessStatusCode();

        var after = (await (await supervisor.GetAsync("/api/board")).JsonAsync()).GetProperty("improvements").GetProperty("new").GetInt32();

        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task Board_CountsOpenAtRiskAndBreached_PerQueue_AsTheClockAndTheTimerPassMoveThem()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var start = await BoardAsync(supervisor);
        var late = await SubmitAsync(supervisor, "My monitor shows no picture since this morning");
        var assigned = await SubmitAsync(supervisor, "Please give me a badge for the west wing", "access-request");
        var resolved = await SubmitAsync(supervisor, "The printer on floor two jams on every page");
        await ChangeAsync(supervisor, assigned.Reference, new { assignee = "agent2" });
        foreach (var answered in new[] { assigned, resolved })
            (await supervisor.PostAsJsonAsync($"/api/queries/{answered.Reference}/messages", new { text = "On it.", visibility = "public" }))
                .EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            await ChangeAsync(supervisor, resolved.Reference, new { status });

        var taken = await BoardAsync(supervisor);
        foreach (var queue in new[] { late.Queue, assigned.Queue, resolved.Queue })
            Assert.Equal(Open(start, queue) + new[] { late, assigned }.Count(r => r.Queue == queue), Open(taken, queue));
        Assert.Equal(Load(start, "agent2") + 1, Load(taken, "agent2"));
        Assert.Equal(late.CreatedAt, Row(taken, late.Queue).GetProperty("oldestWaitingSince").GetDateTimeOffset(),
            TimeSpan.FromMilliseconds(1)); // the first still unanswered, on a desk where nothing was waiting before
        Assert.Equal(Today(start, "firstResponses") + 2, Today(taken, "firstResponses"));
        Assert.Equal(Today(start, "firstResponsesMet") + 2, Today(taken, "firstResponsesMet"));
        Assert.Equal(Today(start, "resolutionsMet") + 1, Today(taken, "resolutionsMet"));

        // Past the first response target of P3 (4 h): breached once the timer pass records it.
        desk.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        await PassAsync();
        using var later = await desk.SignInAsync("supervisor");
        var soon = await SubmitAsync(later, "The VPN drops every ten minutes");
        var breached = await BoardAsync(later);
        Assert.Equal(Count(taken, late.Queue, "breached") + 1, Count(breached, late.Queue, "breached"));
        Assert.Contains(Feed(breached), i => i.Str("kind") == "sla_breached" && i.Str("reference") == late.Reference);

        // Half an hour before its first response is due (and past its 75% warning): at risk.
        desk.Clock.Advance(TimeSpan.FromHours(3.5));
        var before = await BoardAsync(later);
        await PassAsync();
        var risky = await BoardAsync(later);
        Assert.Equal(Count(breached, soon.Queue, "atRisk") + 1, Count(before, soon.Queue, "atRisk")); // by the clock alone
        Assert.Equal(Count(before, soon.Queue, "atRisk"), Count(risky, soon.Queue, "atRisk")); // the warning changes nothing more
        Assert.Contains(Feed(risky), i => i.Str("kind") == "sla_warning" && i.Str("reference") == soon.Reference);
        await AssertSameAsAFreshCountAsync(risky);
    }

    /// <summary>What the pushes moved to is what a count from the database gives.</summary>
    async Task AssertSameAsAFreshCountAsync(JsonElement board)
    {
        var (fresh, _) = await desk.Services.GetRequiredService<BoardStore>().LoadAsync(
            desk.Services.GetRequiredService<IOptions<BoardOptions>>().Value, desk.Clock.GetUtcNow(), CancellationToken.None);
        var shown = board.GetProperty("queues").Deserialize<List<QueueBoard>>(JsonSerializerOptions.Web)!;
        Assert.Equal(fresh.Queues().OrderBy(q => q.Queue), shown.OrderBy(q => q.Queue));
        Assert.Equal(fresh.Today, board.GetProperty("today").Deserialize<Attainment>(JsonSerializerOptions.Web));
    }

    sealed record Receipt(string Reference, string Queue, DateTimeOffset CreatedAt);

    async Task<Receipt> SubmitAsync(HttpClient client, string text, string? catalogItem = null)
    {
        var receipt = await client.SubmitAsync(Requests.Query(text, catalogItem: catalogItem));
        var reference = receipt.Str("reference");
        await ChangeAsync(client, reference, new { priority = "P3", reason = "the board test's own pace" });
        var query = await (await client.GetAsync($"/api/queries/{reference}")).JsonAsync();
        return new Receipt(reference, receipt.Str("queue"), query.GetProperty("createdAt").GetDateTimeOffset());
    }

    static async Task ChangeAsync(HttpClient client, string reference, object change) =>
        (await client.PatchAsJsonAsync($"/api/queries/{reference}", change)).EnsureSuccessStatusCode();

    async Task PassAsync() => await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);

    static async Task<JsonElement> BoardAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/board");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    static JsonElement Row(JsonElement board, string queue) => board.GetProperty("queues").EnumerateArray().Single(q => q.Str("queue") == queue);

    static int Open(JsonElement board, string queue) => Count(board, queue, "open");

    static int Count(JsonElement board, string queue, string what) => Row(board, queue).GetProperty(what).GetInt32();

    static int Load(JsonElement board, string username) =>
        board.GetProperty("agents").EnumerateArray().Where(a => a.Str("username") == username).Select(a => a.GetProperty("open").GetInt32()).SingleOrDefault();

    static int Today(JsonElement board, string what) => board.GetProperty("today").GetProperty(what).GetInt32();

    static IEnumerable<JsonElement> Feed(JsonElement board) => board.GetProperty("feed").EnumerateArray();
}
