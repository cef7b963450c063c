using Dapper;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// Intelligent disobedience (8.2.5): a rule is broken only with a written justification that names it; the override is
/// recorded (append-only), on the timeline, reviewed once by a supervisor other than who made it, and counted per rule.
/// </summary>
public sealed class OverridesTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task ReopeningPastTheWindow_NeedsAJustification_ThenIsRecorded_Reviewed_AndCounted()
    {
        await using var fresh = new DeskApplication();
        using var agent = await fresh.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("Scanner not found"))).Str("reference");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        fresh.Clock.Advance(TimeSpan.FromDays(8));
        using var later = await fresh.SignInAsync("agent2");

        var refused = await later.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "open" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("sla.reopen-window", (await refused.JsonAsync()).Str("detail"));
        var unjustified = await later.PatchAsJsonAsync($"/api/queries/{reference}",
            new { status = "open", @override = new { rule = "sla.reopen-window", justification = "  " } });
        Assert.Equal(HttpStatusCode.BadRequest, unjustified.StatusCode);
        Assert.Contains("sla.reopen-window", (await unjustified.Content.ReadAsStringAsync()));
        Assert.Equal(0, (await CountAsync(fresh, "sla.reopen-window")).GetProperty("total").GetInt32());

        var justification = "Same scanner, same fault; the user was on leave.";
        (await later.PatchAsJsonAsync($"/api/queries/{reference}",
            new { status = "open", @override = new { rule = "sla.reopen-window", justification } })).EnsureSuccessStatusCode();

        var timeline = (await (await later.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        var line = Assert.Single(timeline, e => e.Str("kind") == "rule_overridden");
        Assert.Equal(("sla.reopen-window", justification), (line.GetProperty("data").Str("rule"), line.Str("body")));
        Assert.Contains(timeline, e => e.Str("kind") == "moment_of_truth" && e.GetProperty("data").Str("kind") == "reopen");

        using var supervisor = await fresh.SignInAsync("supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await later.GetAsync("/api/overrides")).StatusCode);
        var listed = Assert.Single((await (await supervisor.GetAsync("/api/overrides?reviewed=false")).JsonAsync()).EnumerateArray());
        Assert.Equal((reference, "agent2", justification), (listed.Str("reference"), listed.Str("actor"), listed.Str("justification")));
        var review = $"/api/overrides/{listed.GetProperty("id").GetInt64()}/review";
        Assert.Equal(HttpStatusCode.Forbidden, (await later.PostAsJsonAsync(review, new { decision = "accept" })).StatusCode);
        var accepted = await supervisor.PostAsJsonAsync(review, new { decision = "accept", note = "Fair." });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await accepted.JsonAsync()).GetProperty("improvement").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync(review, new { decision = "propose_change", note = "x" })).StatusCode);

        Assert.Empty((await (await supervisor.GetAsync("/api/overrides?reviewed=false")).JsonAsync()).EnumerateArray());
        var reviewed = Assert.Single((await (await supervisor.GetAsync("/api/overrides?rule=sla.reopen-window")).JsonAsync()).EnumerateArray());
        Assert.Equal(("accept", "supervisor"), (reviewed.GetProperty("review").Str("decision"), reviewed.GetProperty("review").Str("reviewer")));
        var count = await CountAsync(fresh, "sla.reopen-window");
        Assert.Equal((1, 0, 1, 0), (count.GetProperty("total").GetInt32(), count.GetProperty("unreviewed").GetInt32(),
            count.GetProperty("accepted").GetInt32(), count.GetProperty("proposedChanges").GetInt32()));
    }

    [Fact]
    public async Task APriorityTwoStepsFromTheMatrix_IsAnOverride_OneStepIsTriage()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("Word crashes on save"))).Str("reference");
        var matrix = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("priority");
        Assert.Equal("P3", matrix);

        var refused = await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P1", reason = "urgent" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("priority.matrix", await refused.Content.ReadAsStringAsync());
        var wrongRule = await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { priority = "P1", @override = new { rule = "sla.reopen-window", justification = "urgent" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongRule.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P2" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { priority = "P1", @override = new { rule = "priority.matrix", justification = "The CFO presents with it at nine." } })).StatusCode);
        // Breaking nothing, an override is refused rather than logged.
        var nothing = await agent.PatchAsJsonAsync($"/api/queries/{reference}",
            new { priority = "P2", @override = new { rule = "priority.matrix", justification = "Back down." } });
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);

        using var supervisor = await desk.SignInAsync("supervisor");
        var logged = (await (await supervisor.GetAsync("/api/overrides?rule=priority.matrix")).JsonAsync()).EnumerateArray()
            .Single(o => o.Str("reference") == reference);
        Assert.Equal(("P3", "P1"), (logged.GetProperty("detail").Str("matrix"), logged.GetProperty("detail").Str("priority")));
        var review = $"/api/overrides/{logged.GetProperty("id").GetInt64()}/review";
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync(review, new { decision = "propose_change" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync(review,
            new { decision = "propose_change", note = "Let a director's deadline raise urgency." })).StatusCode);
        Assert.True((await CountAsync(desk, "priority.matrix")).GetProperty("proposedChanges").GetInt32() >= 1);
    }

    [Fact]
    public async Task AssigningOutsideTheQueue_IsAnOverrideOfRouting_AndAnOverrideOfARuleTheChangeKeepsIsRefusedByName()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await supervisor.SubmitAsync(Requests.Query("Someone used my badge at night"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "badge misuse" })).EnsureSuccessStatusCode();

        var refused = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { assignee = "agent" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("routing.assignment", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}",
            new { assignee = "agent", @override = new { rule = "routing.assignment", justification = "Only agent knows the badge system." } })).StatusCode);

        var kept = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}",
            new { status = "open", @override = new { rule = "sla.policy", justification = "Pause it." } });
        Assert.Equal(HttpStatusCode.BadRequest, kept.StatusCode);
        Assert.Contains("does not break sla.policy", await kept.Content.ReadAsStringAsync());
        var unknown = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}",
            new { status = "open", @override = new { rule = "made.up", justification = "Because." } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var rules = (await (await supervisor.GetAsync("/api/overrides/rules")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["sla.reopen-window", "priority.matrix", "routing.assignment", "sla.policy", "catalog.entitlement"], rules.Select(r => r.Str("name")));
        Assert.All(rules, r => Assert.True(r.GetProperty("wired").GetBoolean(), $"{r.Str("name")} has no way to be broken yet"));
    }

    [Fact]
    public async Task ReviewingOnesOwnOverride_IsForbidden_AndLeavesItForSomeoneElse()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var id = await OverrideMatrixAsync(supervisor, supervisor, "I say so");

        var own = await supervisor.PostAsJsonAsync($"/api/overrides/{id}/review", new { decision = "accept" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("An override is reviewed by someone other than who made it.", (await own.JsonAsync()).Str("detail"));
        var waiting = (await (await supervisor.GetAsync("/api/overrides?reviewed=false")).JsonAsync()).EnumerateArray();
        Assert.Contains(waiting, o => o.GetProperty("id").GetInt64() == id);

        using var admin = await desk.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/overrides/{id}/review", new { decision = "accept" })).StatusCode);
        var reviewed = (await (await admin.GetAsync("/api/overrides?rule=priority.matrix")).JsonAsync()).EnumerateArray()
            .Single(o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal("admin", reviewed.GetProperty("review").Str("reviewer"));
    }

    [Fact]
    public async Task AProposedRuleChange_JoinsTheImprovementRegisterOnce_LinkedToTheQuery_AndAnAcceptAddsNone()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var accepted = await OverrideMatrixAsync(agent, supervisor, "The CFO presents with it at nine.");
        var proposed = await OverrideMatrixAsync(agent, supervisor, "The whole floor cannot print.");
        var reference = (await (await supervisor.GetAsync("/api/overrides?rule=priority.matrix")).JsonAsync()).EnumerateArray()
            .Single(o => o.GetProperty("id").GetInt64() == proposed).Str("reference");
        var before = (await (await supervisor.GetAsync("/api/improvements/counts")).JsonAsync()).GetProperty("ruleChanges").GetProperty("new").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/overrides/{accepted}/review", new { decision = "accept" })).StatusCode);
        var answer = await supervisor.PostAsJsonAsync($"/api/overrides/{proposed}/review",
            new { decision = "propose_change", note = " A floor-wide outage starts at P1. " });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var receipt = await answer.JsonAsync();
        var improvement = receipt.GetProperty("improvement").GetInt64();
        Assert.Equal((proposed, "propose_change"), (receipt.GetProperty("override").GetInt64(), receipt.Str("decision")));
        // A second review is refused, whatever it decides, and adds no second entry.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/overrides/{proposed}/review",
            new { decision = "propose_change", note = "Again." })).StatusCode);

        await using (var db = await desk.OpenDbAsync())
            Assert.Equal([(proposed, improvement)], await db.QueryAsync<(long SourceId, long Id)>(
                "select source_id, id from improvements where source = 'override' and source_id in (@accepted, @proposed)", new { accepted, proposed }));
        var entry = await (await supervisor.GetAsync($"/api/improvements/{improvement}")).JsonAsync();
        Assert.Equal(("override", reference, "new", $"Change rule priority.matrix (overridden by agent2 on {reference}): A floor-wide outage starts at P1."),
            (entry.Str("source"), entry.Str("reference"), entry.Str("status"), entry.Str("text")));
        var timeline = (await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        var registered = Assert.Single(timeline, e => e.Str("kind") == "improvement_registered");
        Assert.Equal(("override", improvement), (registered.GetProperty("data").Str("source"), registered.GetProperty("data").GetProperty("improvement").GetInt64()));
        var after = (await (await supervisor.GetAsync("/api/improvements/counts")).JsonAsync()).GetProperty("ruleChanges").GetProperty("new").GetInt32();
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task TheLog_IsAppendOnly_NoEndpointChangesOrDeletesAnOverride()
    {
        using var supervisor = await desk.SignInAsync("admin");
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            var response = await supervisor.SendAsync(new HttpRequestMessage(method, "/api/overrides/1")
            {
                Content = JsonContent.Create(new { justification = "rewritten" }),
            });
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        }
        // And no SQL in the store that could: reviews are rows of their own.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ServiceDesk.sln")))
            root = root.Parent!;
        var source = await File.ReadAllTextAsync(Path.Combine(root.FullName, "Desk.Api", "Overrides", "OverrideStore.cs"));
        Assert.DoesNotContain("update ", source, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("delete ", source, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Has <paramref name="staff"/> set the priority of a query (a new one, P3 by the matrix, unless given) two steps from
    /// the matrix's; the override's id.
    /// </summary>
    internal static async Task<long> OverrideMatrixAsync(HttpClient staff, HttpClient supervisor, string justification, string? reference = null)
    {
        reference ??= (await staff.SubmitAsync(Requests.Query("Word crashes on save"))).Str("reference");
        var matrix = int.Parse((await (await staff.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("priority")![1..]);
        Assert.Equal(HttpStatusCode.OK, (await staff.PatchAsJsonAsync($"/api/queries/{reference}",
            new { priority = $"P{(matrix <= 2 ? matrix + 2 : matrix - 2)}", @override = new { rule = "priority.matrix", justification } })).StatusCode);
        return (await (await supervisor.GetAsync("/api/overrides?rule=priority.matrix")).JsonAsync()).EnumerateArray()
            .Single(o => o.Str("reference") == reference).GetProperty("id").GetInt64();
    }

    static async Task<JsonElement> CountAsync(DeskApplication on, string rule)
    {
        using var supervisor = await on.SignInAsync("supervisor");
        return (await (await supervisor.GetAsync("/api/overrides/counts")).JsonAsync()).EnumerateArray().Single(c => c.Str("rule") == rule);
    }
}
