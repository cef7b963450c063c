using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Board;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The router at intake, on a desk of each test's own (its agents are the only ones connected). A console connection is
/// recorded where the hub records it (<see cref="BoardPresence"/>); the real hub feeding it is in Live/RoutingHubTests.
/// </summary>
public sealed class RoutingTests
{
    const string English = "My laptop will not boot, the screen stays black";
    const string Chinese = "我的笔记本电脑无法开机，屏幕一直是黑的";

    sealed class RoutingDesk : DeskApplication
    {
        protected override string RoutingMode => "assign";
    }

    [Fact]
    public async Task Intake_GivesEqualAgentsQueriesInTurn_AndExplainsEachOnTheTimeline()
    {
        using var desk = new RoutingDesk();
        var a = await AgentAsync(desk);
        var b = await AgentAsync(desk);
        using var channel = await desk.WithApiKeyAsync("intake");

        var first = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        var second = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        var third = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal).First(), first.Assignee);
        Assert.NotEqual(first.Assignee, second.Assignee);
        Assert.Equal(first.Assignee, third.Assignee);
        Assert.Equal($"Assigned to {first.Assignee}: speaks en, works incident-management, 1/5 load.", first.Routing.Str("body"));
        Assert.Equal($"Assigned to {third.Assignee}: speaks en, works incident-management, 2/5 load.", third.Routing.Str("body"));
        Assert.Equal("routing", first.Routing.Str("actor"));
        Assert.Equal(2, third.Routing.GetProperty("data").GetProperty("tiedWith").GetArrayLength());
    }

    [Fact]
    public async Task Intake_ChineseText_GoesToTheAgentWhoSpeaksChinese_EvenWhenBusier()
    {
        using var desk = new RoutingDesk();
        await AgentAsync(desk);
        var speaker = await AgentAsync(desk, languages: ["en", "zh"]);
        using var channel = await desk.WithApiKeyAsync("intake");

        var routed = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(Chinese)));
        var again = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(Chinese + "，还是不行")));

        Assert.Equal(speaker, routed.Assignee);
        Assert.Equal(speaker, again.Assignee);
        Assert.Contains("speaks zh", again.Routing.Str("body"));
        Assert.Contains("2/5 load", again.Routing.Str("body"));
    }

    [Fact]
    public async Task Intake_SkipsAwayAndOfflineAgents_AndThoseWithNoConsoleOpen()
    {
        using var desk = new RoutingDesk();
        var away = await AgentAsync(desk, availability: "away");
        var offline = await AgentAsync(desk, availability: "offline");
        var unconnected = await AgentAsync(desk, connected: false);
        var working = await AgentAsync(desk);
        using var channel = await desk.WithApiKeyAsync("intake");

        var routed = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        Assert.Equal(working, routed.Assignee);

        await SetAvailabilityAsync(desk, working, "away");
        var waiting = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        Assert.Null(waiting.Assignee);
        Assert.Equal("routing_waiting", waiting.Routing.Str("kind"));
        Assert.Equal("Waiting for an agent: nobody who works incident-management is online.", waiting.Routing.Str("body"));
        var skipped = waiting.Routing.GetProperty("data").GetProperty("skipped").EnumerateArray()
            .ToDictionary(s => s.Str("agent"), s => s.Str("why"));
        Assert.Equal("away", skipped[away]);
        Assert.Equal("offline", skipped[offline]);
        Assert.Equal("no console open", skipped[unconnected]);
    }

    [Fact]
    public async Task Intake_RespectsTheMaxLoad_ThenWaitsWithTheReason()
    {
        using var desk = new RoutingDesk();
        var agent = await AgentAsync(desk, maxLoad: 1);
        using var channel = await desk.WithApiKeyAsync("intake");

        var first = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        var second = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));

        Assert.Equal(agent, first.Assignee);
        Assert.Contains("1/1 load", first.Routing.Str("body"));
        Assert.Null(second.Assignee);
        Assert.Equal("Waiting for an agent: everyone online who speaks en is at their limit.", second.Routing.Str("body"));
    }

    [Fact]
    public async Task Intake_WhenNobodyOnlineSpeaksTheLanguage_WaitsAndSaysSo()
    {
        using var desk = new RoutingDesk();
        await AgentAsync(desk);
        using var channel = await desk.WithApiKeyAsync("intake");

        var waiting = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(Chinese)));

        Assert.Null(waiting.Assignee);
        Assert.Equal("Waiting for an agent: nobody online speaks zh.", waiting.Routing.Str("body"));
    }

    [Fact]
    public async Task Intake_CountsAnAgentWhoseConsoleJustClosed_UntilTheGracePeriodEnds()
    {
        using var desk = new RoutingDesk();
        var agent = await AgentAsync(desk, connected: false);
        var presence = desk.Services.GetRequiredService<BoardPresence>();
        presence.Opened("grace-connection", agent);
        presence.Closed("grace-connection");
        using var channel = await desk.WithApiKeyAsync("intake");

        var within = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        desk.Clock.Advance(TimeSpan.FromSeconds(61));
        var after = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));

        Assert.Equal(agent, within.Assignee);
        Assert.Null(after.Assignee);
    }

    [Fact]
    public async Task Intake_CountsAnAgentOnlineOnAnotherNodeOnly_AndKeepsTheGraceWhenTheyLeaveIt()
    {
        using var desk = new RoutingDesk();
        var agent = await AgentAsync(desk, connected: false);
        var presence = desk.Services.GetRequiredService<BoardPresence>();
        using var channel = await desk.WithApiKeyAsync("intake");
        using var supervisor = await desk.SignInAsync("supervisor");
        async Task<bool> ListedAsync(string where) => (where == "agents"
            ? (await supervisor.GetFromJsonAsync<JsonElement>("/api/routing/agents")).EnumerateArray().Where(a => a.GetProperty("connected").GetBoolean())
            : (await supervisor.GetFromJsonAsync<JsonElement>("/api/board")).GetProperty("agents").EnumerateArray().Where(a => a.GetProperty("online").GetBoolean()))
            .Any(a => a.Str("username") == agent);

        presence.OnOtherNodes([agent]); // what Scale/NodePresence hands over from the other nodes' keys in Redis
        var elsewhere = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        var (listed, onBoard) = (await ListedAsync("agents"), await ListedAsync("board"));
        presence.OnOtherNodes([]); // that console closed, as a reload does
        var within = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));
        desk.Clock.Advance(TimeSpan.FromSeconds(61));
        var after = await AssigneeAsync(desk, await channel.SubmitAsync(Requests.Query(English)));

        Assert.Equal(agent, elsewhere.Assignee);
        Assert.True(listed && onBoard);
        Assert.Equal(agent, within.Assignee);
        Assert.Null(after.Assignee);
        Assert.False(await ListedAsync("agents") || await ListedAsync("board"));
    }

    [Fact]
    public async Task ClaimAndRelease_TakeAWaitingQuery_RefuseAHeldOne_AndReleaseRoutesItAgain()
    {
        using var desk = new RoutingDesk();
        using var channel = await desk.WithApiKeyAsync("intake");
        var reference = (await channel.SubmitAsync(Requests.Query(English))).Str("reference");
        var (first, second) = (await desk.CreateStaffAsync(), await desk.CreateStaffAsync());
        using var firstClient = desk.WithCookie(await desk.SessionCookieAsync(first));
        using var secondClient = desk.WithCookie(await desk.SessionCookieAsync(second));

        var claimed = await firstClient.PostAsync($"/api/queries/{reference}/claim", null);
        var refused = await secondClient.PostAsync($"/api/queries/{reference}/claim", null);
        var notTheirs = await secondClient.PostAsync($"/api/queries/{reference}/release", null);
        var again = await firstClient.PostAsync($"/api/queries/{reference}/claim", null);
        var standby = await AgentAsync(desk);
        var released = await firstClient.PostAsync($"/api/queries/{reference}/release", null);

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(first, (await claimed.JsonAsync()).Str("assignee"));
        await StaffAccounts.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        await StaffAccounts.AssertProblemAsync(notTheirs, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var routed = await AssigneeAsync(desk, (await released.JsonAsync()));
        Assert.Equal(standby, routed.Assignee);
        var kinds = await TimelineAsync(desk, reference);
        Assert.Equal(["created", "routing_waiting", "assignee_changed", "assignee_changed", "assigned_by_routing"], kinds.Select(e => e.Str("kind")));
        Assert.Equal(HttpStatusCode.NotFound, (await firstClient.PostAsync("/api/queries/INC-999999/claim", null)).StatusCode);
    }

    [Fact]
    public async Task Supervisor_SeesEachAgentsRouting_AndAvailabilityIsValidated()
    {
        using var desk = new RoutingDesk();
        var agent = await AgentAsync(desk, languages: ["zh"], maxLoad: 3, availability: "away");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var client = desk.WithCookie(await desk.SessionCookieAsync(agent));

        var agents = await (await supervisor.GetAsync("/api/routing/agents")).JsonAsync();
        var bad = await client.PutAsJsonAsync("/api/me/availability", new { availability = "asleep" });
        var badLanguages = await supervisor.PutAsJsonAsync($"/api/admin/agents/{agent}/routing", new { languages = new[] { "Chinese!" } });
        var nobody = await supervisor.PutAsJsonAsync("/api/admin/agents/no-such-agent/routing", new { maxLoad = 2 });

        var row = agents.EnumerateArray().Single(a => a.Str("username") == agent);
        Assert.Equal(["zh"], row.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(3, row.GetProperty("maxLoad").GetInt32());
        Assert.Equal("away", row.Str("availability"));
        Assert.True(row.GetProperty("connected").GetBoolean());
        Assert.False(row.GetProperty("online").GetBoolean());
        Assert.DoesNotContain("information-security", row.GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguages.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
    }

    /// <summary>A new agent with a console open (unless not <paramref name="connected"/>) and the given routing.</summary>
    static async Task<string> AgentAsync(
        DeskApplication desk, string[]? languages = null, int? maxLoad = null, string? availability = null, bool connected = true)
    {
        var username = await desk.CreateStaffAsync();
        if (languages is not null || maxLoad is not null)
        {
            using var supervisor = await desk.SignInAsync("supervisor");
            var set = await supervisor.PutAsJsonAsync($"/api/admin/agents/{username}/routing", new { languages, maxLoad });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }
        if (availability is not null)
            await SetAvailabilityAsync(desk, username, availability);
        if (connected)
            desk.Services.GetRequiredService<BoardPresence>().Opened(Guid.NewGuid().ToString("n"), username);
        return username;
    }

    static async Task SetAvailabilityAsync(DeskApplication desk, string username, string availability)
    {
        using var client = desk.WithCookie(await desk.SessionCookieAsync(username));
        var response = await client.PutAsJsonAsync("/api/me/availability", new { availability });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The query's assignee and the router's entry on its timeline.</summary>
    static async Task<(string? Assignee, JsonElement Routing)> AssigneeAsync(DeskApplication desk, JsonElement receipt)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var detail = await (await supervisor.GetAsync($"/api/queries/{receipt.Str("reference")}")).JsonAsync();
        var routing = detail.GetProperty("timeline").EnumerateArray().Last(e => e.Str("kind") is "assigned_by_routing" or "routing_waiting");
        var assignee = detail.GetProperty("assignee");
        return (assignee.ValueKind == JsonValueKind.Null ? null : assignee.GetString(), routing);
    }

    static async Task<List<JsonElement>> TimelineAsync(DeskApplication desk, string reference)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var detail = await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync();
        return detail.GetProperty("timeline").EnumerateArray().ToList();
    }
}
