using Dapper;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Classification;
using Desk.Api.Data;
using Desk.Api.Jobs;
using Desk.Api.Sla;
using Desk.Tests.Api;
using Hangfire.Storage;

namespace Desk.Tests.Live;

/// <summary>Two desk processes on one database and one Redis act as one desk, whichever node a request reaches.</summary>
public sealed partial class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AQueryTakenOnNodeA_IsPushedToAConsoleOnNodeB()
    {
        var queues = string.Join(',', Desk.Api.Routing.Practice.Queues.Select(q => q.Queue));
        await using var console = NodeHubClient.Start(nodes.B.BaseAddress, "agent2", "agent2-pass-1", queues);
        Assert.Equal("ready", (await console.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed")).GetProperty("event").GetString());
        var (_, key) = await TwoNodes.IssueKeyAsync(nodes.A, "intake");
        using var channel = TwoNodes.WithKey(nodes.A, key);

        var receipt = await channel.SubmitAsync(Requests.Query("The label printer in dispatch prints blank pages"));

        await console.WaitForEventAsync("QueryCreated", receipt.Str("reference"));
    }

    [Fact]
    public async Task AQueryCreatedAndResolvedOnNodeA_ShowsInNodeBsQueueCounts_AfterItCatchesUp_AsAFreshCountGives()
    {
        using var agent = await TwoNodes.SignInAsync(nodes.B, "agent2");
        var before = await QueueCountsAsync(agent); // B builds its counts now; A's changes reach them only by B's catch-up
        var (_, key) = await TwoNodes.IssueKeyAsync(nodes.A, "intake");
        using var channel = TwoNodes.WithKey(nodes.A, key);

        var receipt = await channel.SubmitAsync(Requests.Query("The scanner on floor three shows a paper jam with no paper in it"));
        var (queue, reference) = (receipt.Str("queue"), receipt.Str("reference"));

        var after = await CountsOnceChangedAsync(agent, before, queue);
        Assert.Equal(before[queue].Open + 1, after[queue].Open);

        // Answered and resolved on A: B takes in the change (not a re-read of every open query) and the query leaves its counts.
        using var onA = await TwoNodes.SignInAsync(nodes.A, "agent2");
        (await onA.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Cleared the sensor.", visibility = "public" })).EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            (await onA.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        var resolved = await CountsOnceChangedAsync(agent, after, queue);
        Assert.Equal(before[queue].Open, resolved[queue].Open);
        after = resolved;
        await using var connection = await nodes.OpenDbAsync();
        var fresh = (await connection.QueryAsync<(string Queue, int Open)>(
            "select queue, count(*) from queries where status not in ('resolved', 'closed') group by queue")).ToDictionary(r => r.Queue, r => r.Open);
        Assert.Equal(after.ToDictionary(q => q.Key, q => q.Value.Open), after.Keys.ToDictionary(q => q, q => fresh.GetValueOrDefault(q)));
    }

    [Fact]
    public async Task IntakesOnBothNodesAtOnce_AreAllStored_NoneLostToTheOtherNodesBatch()
    {
        using var onA = await TwoNodes.SignInAsync(nodes.A, "agent2");
        using var onB = await TwoNodes.SignInAsync(nodes.B, "agent2");
        string[] texts =
        [
            "The mail server is down for the whole floor", "Please order a docking station for me",
            "Change the firewall rule for the build servers tonight", "Your support kept me waiting for a week",
            "How do I set up the VPN on my phone", "Someone tried to sign in to my account from abroad",
        ];
        var run = Guid.NewGuid().ToString("n")[..8];
        // The same few contacts from both nodes in opposite orders, and every type: each node's batch wants the same
        // reference counters and contact rows as the other's.
        var contacts = Enumerable.Range(0, 6).Select(i => $"both-{run}-{i}@example.org").ToArray();
        async Task<HttpStatusCode> PostAsync(HttpClient client, int text, int contact) =>
            (await client.PostAsJsonAsync("/api/queries", Requests.Query($"{texts[text]} ({run})", address: contacts[contact]))).StatusCode;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).SelectMany(i => new[]
        {
            PostAsync(onA, i % texts.Length, i % contacts.Length),
            PostAsync(onB, (i + 3) % texts.Length, contacts.Length - 1 - i % contacts.Length),
        }));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        await using var connection = await nodes.OpenDbAsync();
        Assert.Equal(120, await connection.ExecuteScalarAsync<int>("select count(*) from queries where text like @run", new { run = $"%({run})" }));
    }

    static async Task<Dictionary<string, Desk.Api.Queries.QueueCount>> CountsOnceChangedAsync(
        HttpClient client, Dictionary<string, Desk.Api.Queries.QueueCount> seen, string queue)
    {
        var deadline = DateTime.UtcNow + Patience;
        var now = await QueueCountsAsync(client);
        while (now[queue].Open == seen[queue].Open && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            now = await QueueCountsAsync(client);
        }
        return now;
    }

    static async Task<Dictionary<string, Desk.Api.Queries.QueueCount>> QueueCountsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<Desk.Api.Queries.QueueCount[]>("/api/queues", JsonSerializerOptions.Web))!.ToDictionary(q => q.Queue);

    [Fact]
    public async Task TwoAgentsViewingAQuery_OnDifferentNodes_HearEachOthersPresenceAndLeaving()
    {
        var (_, key) = await TwoNodes.IssueKeyAsync(nodes.A, "intake");
        using var channel = TwoNodes.WithKey(nodes.A, key);
        var reference = (await channel.SubmitAsync(Requests.Query("My second screen stays black", catalogItem: "access-request"))).Str("reference");
        await using var onA = NodeHubClient.Start(nodes.A.BaseAddress, "agent", "agent-pass-1", "service-requests");
        var onB = NodeHubClient.Start(nodes.B.BaseAddress, "agent2", "agent2-pass-1", "service-requests");
        foreach (var console in new[] { onA, onB })
            Assert.Equal("ready", (await console.WaitForAsync(l => l.Str("event") is "ready" or "start-failed")).Str("event"));
        Assert.Equal("invoked", (await onA.InvokeAsync("ViewQuery", reference)).Str("event"));

        Assert.Equal("invoked", (await onB.InvokeAsync("ViewQuery", reference)).Str("event"));
        await onA.WaitForAsync(l => l.Str("event") == "PresenceChanged" && l.GetProperty("payload").Str("state") == "joined"
            && l.GetProperty("payload").Str("username") == "agent2");
        await onA.InvokeAsync("StillViewing", reference);
        await onB.WaitForAsync(l => l.Str("event") == "PresenceChanged" && l.GetProperty("payload").Str("state") == "viewing"
            && l.GetProperty("payload").Str("username") == "agent");
        await onB.DisposeAsync();

        // B's node says so for the connection it held; only through Redis can it reach A's.
        await onA.WaitForAsync(l => l.Str("event") == "PresenceChanged" && l.GetProperty("payload").Str("state") == "left"
            && l.GetProperty("payload").Str("username") == "agent2");
    }

    [Fact]
    public async Task ACookieSignedInOnNodeA_WorksOnNodeB()
    {
        var cookies = new CookieContainer();
        using var onA = await TwoNodes.SignInAsync(nodes.A, "supervisor", cookies);
        using var onB = TwoNodes.Client(nodes.B, cookies);

        var me = await onB.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("supervisor", (await me.JsonAsync()).Str("username"));
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/queues")).StatusCode);
    }

    [Fact]
    public async Task AKeyRevokedOnNodeA_IsRefusedOnNodeB_AtOnce()
    {
        var (id, key) = await TwoNodes.IssueKeyAsync(nodes.A, "queries:read");
        using var onB = TwoNodes.WithKey(nodes.B, key);
        // Used on B before and after the revoke: a node that remembered good keys would still let it in.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/queues")).StatusCode);
        using var admin = await TwoNodes.SignInAsync(nodes.A, "admin");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/queues")).StatusCode);
    }

    [Fact]
    public async Task ASessionSignedOutOnNodeA_IsRefusedOnNodeB_AndItsHubConnectionOnNodeBCloses()
    {
        var cookies = new CookieContainer();
        using var onA = await TwoNodes.SignInAsync(nodes.A, "agent", cookies);
        var session = cookies.GetCookies(nodes.A.BaseAddress).Single(c => c.Name == "desk.session");
        var cookie = $"{session.Name}={session.Value}";
        await using var console = NodeHubClient.Start(nodes.B.BaseAddress, null, null, "incident-management", cookie: cookie);
        Assert.Equal("ready", (await console.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed")).GetProperty("event").GetString());
        using var onB = TwoNodes.Client(nodes.B);
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await onA.PostAsync("/api/auth/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/auth/me")).StatusCode);
        await console.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
    }

    [Fact]
    public async Task ModelsActivatedAndRolledBackOnNodeA_TypeNewQueriesOnNodeB_AndARunOnAIsStoppedFromB()
    {
        using var onA = await TwoNodes.SignInAsync(nodes.A, "admin");
        using var onB = await TwoNodes.SignInAsync(nodes.B, "admin");
        var import = await onA.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(ClassificationData.SiteHistory(10)));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var before = await VersionsAsync(onA);

        // Both nodes asked to retrain at once: the lock they share lets one run, and the other is told a run is going.
        var runs = await Task.WhenAll(onA.PostAsync("/api/classifier/retrain", null), onB.PostAsync("/api/classifier/retrain", null));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], runs.Select(r => r.StatusCode).Order());
        var after = await VersionsAsync(onA);
        Assert.Equal(after.Count, after.Distinct().Count());
        var candidate = Assert.Single(after.Except(before));
        var seed = before.Last();

        // A run on A is stopped from B: B sees the shared lock held, and A hears the cancel.
        var more = ClassificationData.SiteHistory(3).Replace("\n\"", "\n\"Third run: ");
        Assert.Equal(HttpStatusCode.OK, (await onA.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(more))).StatusCode);
        var third = onA.PostAsync("/api/classifier/retrain", null);
        HttpStatusCode cancel;
        while ((cancel = (await onB.DeleteAsync("/api/classifier/retrain")).StatusCode) == HttpStatusCode.NotFound && !third.IsCompleted)
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Accepted, cancel);
        Assert.Equal("cancelled", (await (await third).JsonAsync()).Str("outcome"));
        Assert.Equal(after, await VersionsAsync(onA));

        Assert.Equal(HttpStatusCode.OK, (await onA.PostAsync($"/api/classifier/models/{seed}/activate", null)).StatusCode);
        Assert.Equal(seed, (await (await onB.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
        await TypesWithAsync(onB, seed);

        Assert.Equal(HttpStatusCode.OK, (await onA.PostAsync($"/api/classifier/models/{candidate}/activate", null)).StatusCode);
        Assert.Equal(candidate, (await (await onB.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
        await TypesWithAsync(onB, candidate);
    }

    static async Task<List<string>> VersionsAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("/api/classifier/models")).JsonAsync()).EnumerateArray().Select(m => m.Str("version"))];

    /// <summary>Waits until a query submitted on the node records <paramref name="version"/> as the model that typed it.</summary>
    static async Task TypesWithAsync(HttpClient node, string version)
    {
        var seen = new List<string>();
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var reference = (await node.SubmitAsync(Requests.Query("Where can I find the guide for the new expense tool?"))).Str("reference");
            var detail = await (await node.GetAsync($"/api/queries/{reference}")).JsonAsync();
            if (detail.TryGetProperty("modelVersion", out var typed) && typed.GetString() == version)
                return;
            seen.Add(typed.ToString());
            await Task.Delay(100);
        }
        Assert.Fail($"Node never typed a query with {version}; it used {string.Join(", ", seen.Distinct())}.");
    }

    [Fact]
    public void BothNodes_RunAJobServer_OnOneSharedJobStorage()
    {
        // The storage both nodes use (PostgreSQL: the hangfire schema; SQLite: the jobs file beside the desk's, so one
        // machine): a recurring job fires once for the pair, under Hangfire's distributed locks.
        var storage = JobStorageFor.Create(SqlDialects.For(DeskApplication.Engine), nodes.ConnectionString);
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            using var connection = storage.GetConnection();

            Assert.Equal(2, servers.Count(s => s.Heartbeat > DateTime.UtcNow.AddMinutes(-2)));
            Assert.Equal(new[] { RetrainJob.Id, DeadlineSweepJob.Id, Desk.Api.Surveys.SurveyJob.Id }.Order(), connection.GetRecurringJobs().Select(j => j.Id).Order());
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public async Task AKeysRateLimit_CountsAcrossBothNodes()
    {
        var (_, key) = await TwoNodes.IssueKeyAsync(nodes.A, "queries:read");
        using var onA = TwoNodes.WithKey(nodes.A, key);
        using var onB = TwoNodes.WithKey(nodes.B, key);
        for (var i = 0; i < TwoNodes.KeyBurst / 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/queues")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/queues")).StatusCode);
        }

        var overOnA = await onA.GetAsync("/api/queues");
        var overOnB = await onB.GetAsync("/api/queues");

        Assert.Equal(HttpStatusCode.TooManyRequests, overOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, overOnB.StatusCode);
        Assert.NotNull(overOnB.Headers.RetryAfter);
    }
}
