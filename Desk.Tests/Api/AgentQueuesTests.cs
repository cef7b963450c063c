using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// Supervisors and admins set the queues an agent works in the desk (<c>PUT /api/admin/agents/{username}/queues</c>),
/// where configuration only lists them: what the agent sees follows at once, and what they held in a queue they left goes
/// back to it. Only an admin gives a restricted queue. Each test makes agents of its own.
/// </summary>
public sealed class AgentQueuesTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task SettingAnAgentsQueues_ChangesWhatTheySee_AndIsAudited()
    {
        var member = await desk.CreateStaffAsync();
        using var agent = desk.WithCookie(await desk.SessionCookieAsync(member));
        using var supervisor = await desk.SignInAsync("supervisor");
        Assert.Contains("incident-management", await QueuesSeenAsync(agent));

        var set = await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "service-requests", "change-enablement" } });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = await set.JsonAsync();
        Assert.Equal(["change-enablement", "service-requests"], view.GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal("desk", view.Str("source"));
        Assert.Equal(["change-enablement", "service-requests"], (await QueuesSeenAsync(agent)).Order(StringComparer.Ordinal));
        var routing = (await supervisor.GetFromJsonAsync<JsonElement>("/api/routing/agents")).EnumerateArray().Single(a => a.Str("username") == member);
        Assert.Equal("desk", routing.Str("queuesFrom"));
        Assert.Equal(2, routing.GetProperty("queues").GetArrayLength());
        var incident = (await supervisor.SubmitAsync(Requests.Query("The VPN drops every ten minutes"))).Str("reference");
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/queries/{incident}")).StatusCode);

        using var admin = await desk.SignInAsync("admin");
        var audit = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit-events?kind=agent_queues_changed")).GetProperty("items").EnumerateArray()
            .First(e => e.Str("subject") == member);
        Assert.Equal("supervisor", audit.Str("actor"));
        var change = JsonDocument.Parse(audit.Str("detail")).RootElement;
        Assert.Contains("incident-management", change.GetProperty("old").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(["change-enablement", "service-requests"], change.GetProperty("new").EnumerateArray().Select(q => q.GetString()));
    }

    [Fact]
    public async Task TakingAnAgentOffAQueue_HandsBackTheirOpenQueriesThere_AndKeepsTheRest()
    {
        var member = await desk.CreateStaffAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        var incident = (await supervisor.SubmitAsync(Requests.Query("My laptop will not boot, the screen stays black"))).Str("reference");
        var request = (await supervisor.SubmitAsync(Requests.Query("Please order me a second monitor"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{request}", new { type = "service_request", reason = "An order" })).EnsureSuccessStatusCode();
        foreach (var reference in new[] { incident, request })
            (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { assignee = member })).EnsureSuccessStatusCode();
        Assert.Equal("incident-management", (await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{incident}")).Str("queue"));

        var set = await (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "service-requests" } })).JsonAsync();

        Assert.Equal(1, set.GetProperty("handedBackQueries").GetInt32());
        var handedBack = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{incident}");
        Assert.Equal(JsonValueKind.Null, handedBack.GetProperty("assignee").ValueKind);
        Assert.Contains(handedBack.GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "assignee_changed" && e.Str("body") == $"{member} no longer works the incident-management queue.");
        Assert.Equal(member, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{request}")).Str("assignee"));
    }

    [Fact]
    public async Task OnlyAnAdmin_GivesARestrictedQueue_AndARefusalChangesNothing()
    {
        var member = await desk.CreateStaffAsync();
        using var agent = desk.WithCookie(await desk.SessionCookieAsync(member));
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var before = await QueuesSeenAsync(agent);
        // The queue list says which queues are restricted, so a form can say so before anyone tries.
        var restricted = (await supervisor.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray()
            .Where(q => q.GetProperty("restricted").GetBoolean()).Select(q => q.Str("queue"));
        Assert.Equal(["information-security"], restricted);

        var refused = await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "information-security" } });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only an admin", (await refused.JsonAsync()).Str("detail"));
        Assert.Equal(before, await QueuesSeenAsync(agent));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/agents/{member}/queues",
            new { queues = new[] { "information-security", "incident-management" } })).StatusCode);
        Assert.Contains("information-security", await QueuesSeenAsync(agent));
        // Taking a restricted queue away, or keeping one the agent has, is a supervisor's to do.
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues",
            new { queues = new[] { "information-security" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues",
            new { queues = new[] { "incident-management" } })).StatusCode);
        Assert.Equal(["incident-management"], await QueuesSeenAsync(agent));
    }

    [Fact]
    public async Task Null_GivesTheAgentBackToConfiguration_AndAnEmptyListLeavesThemNoQueue()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        using var agent2 = await desk.SignInAsync("agent2");
        var configured = await QueuesSeenAsync(agent2);
        Assert.Contains("information-security", configured);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/agents/agent2/queues", new { queues = Array.Empty<string>() })).StatusCode);
        Assert.Empty(await QueuesSeenAsync(agent2));

        // Configuration gives agent2 the restricted queue back: that is a grant, so an admin's.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("/api/admin/agents/agent2/queues", new { queues = (string[]?)null })).StatusCode);
        var reset = await (await admin.PutAsJsonAsync("/api/admin/agents/agent2/queues", new { queues = (string[]?)null })).JsonAsync();
        Assert.Equal("configuration", reset.Str("source"));
        Assert.Equal(configured, await QueuesSeenAsync(agent2));
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithTheReason_AndChangeNothing()
    {
        var member = await desk.CreateStaffAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        using var agent = desk.WithCookie(await desk.SessionCookieAsync(member));
        var before = await QueuesSeenAsync(agent);

        var unknown = await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "incident-management", "canteen" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'canteen' is not a queue", (await unknown.JsonAsync()).GetProperty("errors").GetProperty("queues")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new string?[] { null } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsync($"/api/admin/agents/{member}/queues",
            new StringContent("{\"queues\": \"incident-management\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PutAsJsonAsync("/api/admin/agents/nobody-here/queues", new { queues = new[] { "incident-management" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PutAsJsonAsync("/api/admin/agents/supervisor/queues", new { queues = new[] { "incident-management" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "information-security" } })).StatusCode);

        Assert.Equal(before, await QueuesSeenAsync(agent));
    }

    [Fact]
    public async Task TheQueuesSetInTheDesk_HoldAfterARestart()
    {
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            string member;
            await using (var first = new DeskOnDatabase(database))
            {
                member = await first.CreateStaffAsync();
                using var supervisor = await first.SignInAsync("supervisor");
                (await supervisor.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "service-desk" } })).EnsureSuccessStatusCode();
            }

            await using var second = new DeskOnDatabase(database);
            using var agent = second.WithCookie(await second.SessionCookieAsync(member));
            Assert.Equal(["service-desk"], await QueuesSeenAsync(agent));
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
