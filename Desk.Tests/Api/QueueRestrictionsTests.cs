using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// An admin restricts or opens a queue in the desk (<c>PUT /api/admin/queues/{queue}/restriction</c>), where configuration
/// only named them (QueueAccess:RestrictedQueues): agents who work every unrestricted queue and API keys lose or gain it at
/// once, and what an agent held in a queue they lost goes back to it. The class has a desk of its own, since a restriction
/// is the whole desk's; each test gives its queue back to configuration when it ends.
/// </summary>
public sealed class QueueRestrictionsTests(QueueRestrictionsTests.OwnDesk desk) : IClassFixture<QueueRestrictionsTests.OwnDesk>
{
    public sealed class OwnDesk : DeskApplication;

    [Fact]
    public async Task RestrictingAQueue_HidesItFromAgentsWhoWorkEveryQueue_AndKeys_HandsBackTheirWork_AndIsAudited()
    {
        var member = await desk.CreateStaffAsync();
        var chosen = await desk.CreateStaffAsync();
        using var agent = desk.WithCookie(await desk.SessionCookieAsync(member));
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        using var key = await desk.WithApiKeyAsync("intake", "queries:read");
        (await admin.PutAsJsonAsync($"/api/admin/agents/{chosen}/queues", new { queues = new[] { "incident-management" } })).EnsureSuccessStatusCode();
        var incident = (await key.SubmitAsync(Requests.Query("The VPN drops every ten minutes"))).Str("reference");
        Assert.Equal("incident-management", (await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{incident}")).Str("queue"));
        (await supervisor.PatchAsJsonAsync($"/api/queries/{incident}", new { assignee = member })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync($"/api/queries/{incident}")).StatusCode);
        try
        {
            var set = await admin.PutAsJsonAsync("/api/admin/queues/incident-management/restriction", new { restricted = true });

            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var view = await set.JsonAsync();
            Assert.True(view.GetProperty("restricted").GetBoolean());
            Assert.Equal("desk", view.Str("restrictedFrom"));
            Assert.Equal(1, view.GetProperty("handedBackQueries").GetInt32());
            var workers = view.GetProperty("agents").EnumerateArray().Select(a => a.GetString()).ToList();
            Assert.Contains(chosen, workers);
            Assert.DoesNotContain(member, workers);

            Assert.DoesNotContain("incident-management", await QueuesSeenAsync(agent));
            Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/queries/{incident}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync($"/api/queries/{incident}")).StatusCode);
            Assert.Contains("incident-management", await QueuesSeenAsync(desk.WithCookie(await desk.SessionCookieAsync(chosen))));
            var queue = (await supervisor.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Single(q => q.Str("queue") == "incident-management");
            Assert.True(queue.GetProperty("restricted").GetBoolean());
            var handedBack = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{incident}");
            Assert.Equal(JsonValueKind.Null, handedBack.GetProperty("assignee").ValueKind);
            Assert.Contains(handedBack.GetProperty("timeline").EnumerateArray(),
                e => e.Str("kind") == "assignee_changed" && e.Str("body") == $"{member} no longer works the incident-management queue.");
            // A restricted queue is now an admin's to give.
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues",
                new { queues = new[] { "incident-management" } })).StatusCode);

            var audit = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit-events?kind=queue_restriction_changed")).GetProperty("items")
                .EnumerateArray().First(e => e.Str("subject") == "incident-management");
            Assert.Equal("admin", audit.Str("actor"));
            var change = JsonDocument.Parse(audit.Str("detail")).RootElement;
            Assert.False(change.GetProperty("old").GetBoolean());
            Assert.True(change.GetProperty("new").GetBoolean());
        }
        finally
        {
            (await admin.DeleteAsync("/api/admin/queues/incident-management/restriction")).EnsureSuccessStatusCode();
        }

        Assert.Contains("incident-management", await QueuesSeenAsync(agent));
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync($"/api/queries/{incident}")).StatusCode);
    }

    [Fact]
    public async Task OpeningTheRestrictedQueue_GivesItToEveryAgent_UntilItGoesBackToConfiguration()
    {
        var member = await desk.CreateStaffAsync();
        using var agent = desk.WithCookie(await desk.SessionCookieAsync(member));
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        Assert.DoesNotContain("information-security", await QueuesSeenAsync(agent));
        try
        {
            var opened = await (await admin.PutAsJsonAsync("/api/admin/queues/information-security/restriction", new { restricted = false })).JsonAsync();

            Assert.False(opened.GetProperty("restricted").GetBoolean());
            Assert.Contains(member, opened.GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
            Assert.Contains("information-security", await QueuesSeenAsync(agent));
            var listed = (await supervisor.GetFromJsonAsync<JsonElement>("/api/admin/queues")).EnumerateArray().Single(q => q.Str("queue") == "information-security");
            Assert.Equal("desk", listed.Str("restrictedFrom"));
            Assert.False(listed.GetProperty("restricted").GetBoolean());
        }
        finally
        {
            var back = await (await admin.DeleteAsync("/api/admin/queues/information-security/restriction")).JsonAsync();
            Assert.True(back.GetProperty("restricted").GetBoolean());
            Assert.Equal("configuration", back.Str("restrictedFrom"));
        }

        Assert.DoesNotContain("information-security", await QueuesSeenAsync(agent));
    }

    [Fact]
    public async Task OnlyAnAdmin_ChangesARestriction_SupervisorsRead_AndBadRequestsChangeNothing()
    {
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        using var key = await desk.WithApiKeyAsync("queries:read");
        var before = await (await admin.GetAsync("/api/admin/queues")).Content.ReadAsStringAsync();
        var queues = JsonDocument.Parse(before).RootElement.EnumerateArray().ToList();
        Assert.Equal(global::Desk.Api.Routing.Practice.Queues.Count, queues.Count);
        Assert.Equal(["information-security"], queues.Where(q => q.GetProperty("restricted").GetBoolean()).Select(q => q.Str("queue")));
        Assert.All(queues, q => Assert.Equal("configuration", q.Str("restrictedFrom")));

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("/api/admin/queues/service-desk/restriction", new { restricted = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.DeleteAsync("/api/admin/queues/information-security/restriction")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("/api/admin/queues/service-desk/restriction", new { restricted = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/admin/queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/admin/queues")).StatusCode);

        var unknown = await admin.PutAsJsonAsync("/api/admin/queues/canteen/restriction", new { restricted = true });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'canteen' is not a queue", (await unknown.JsonAsync()).Str("detail"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/admin/queues/canteen/restriction")).StatusCode);
        var missing = await admin.PutAsJsonAsync("/api/admin/queues/service-desk/restriction", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("true or false", (await missing.JsonAsync()).GetProperty("errors").GetProperty("restricted")[0].GetString());
        foreach (var body in new[] { "{\"restricted\": \"yes\"}", "{\"restricted\": 1}", "[true]", "true", "{\"restricted\": true" })
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/api/admin/queues/service-desk/restriction",
                new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);

        Assert.Equal(before, await (await admin.GetAsync("/api/admin/queues")).Content.ReadAsStringAsync());
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit-events?kind=queue_restriction_changed")).GetProperty("items")
            .EnumerateArray(), e => e.Str("subject") == "service-desk");
    }

    [Fact]
    public async Task AdminsChangingOneQueueAtOnce_AreEachAnswered_AndTheDeskAgreesWithTheAuditLog()
    {
        using var admin = await desk.SignInAsync("admin");
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                using var another = await desk.SignInAsync("admin");
                return i % 3 == 2
                    ? await another.DeleteAsync("/api/admin/queues/continual-improvement/restriction")
                    : await another.PutAsJsonAsync("/api/admin/queues/continual-improvement/restriction", new { restricted = i % 2 == 0 });
            }));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            var last = JsonDocument.Parse((await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit-events?kind=queue_restriction_changed"))
                .GetProperty("items").EnumerateArray().First(e => e.Str("subject") == "continual-improvement").Str("detail")).RootElement;
            var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/queues")).EnumerateArray().Single(q => q.Str("queue") == "continual-improvement");
            Assert.Equal(last.GetProperty("new").GetBoolean(), listed.GetProperty("restricted").GetBoolean());
            Assert.Equal(last.Str("from"), listed.Str("restrictedFrom"));
        }
        finally
        {
            (await admin.DeleteAsync("/api/admin/queues/continual-improvement/restriction")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task ARestrictionSetInTheDesk_HoldsAfterARestart()
    {
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            await using (var first = new DeskOnDatabase(database))
            {
                using var admin = await first.SignInAsync("admin");
                (await admin.PutAsJsonAsync("/api/admin/queues/change-enablement/restriction", new { restricted = true })).EnsureSuccessStatusCode();
            }

            await using var second = new DeskOnDatabase(database);
            using var agent = await second.SignInAsync("agent");
            Assert.DoesNotContain("change-enablement", await QueuesSeenAsync(agent));
            using var supervisor = await second.SignInAsync("supervisor");
            var listed = (await supervisor.GetFromJsonAsync<JsonElement>("/api/admin/queues")).EnumerateArray().Single(q => q.Str("queue") == "change-enablement");
            Assert.Equal("desk", listed.Str("restrictedFrom"));
        }
        finally
        {
            database.Drop();
        }
    }

    sealed class DeskOnDatabase(TestDatabase database) : DeskApplication(database);

    static async Task<List<string>> QueuesSeenAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")).ToList();
}
