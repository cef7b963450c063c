using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Moments of truth (8.2.4): each source records once in one table, an agent adds their own, a negative one is
/// recovered, and the team sees a day of them in the queues they work.
/// </summary>
public sealed class MomentsTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task TheFirstPublicReply_IsOnePositiveMoment_NotOnePerReply()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("The printer on floor 3 jams"))).Str("reference");
        await ChatQuery.WriteAsync(agent, reference, "Looking at it now.");
        await ChatQuery.WriteAsync(agent, reference, "Cleared the jam.");
        await ChatQuery.WriteAsync(agent, reference, "Checked with the team.", "internal");

        var moments = await MomentsAsync(agent, reference);
        var moment = Assert.Single(moments.GetProperty("moments").EnumerateArray());
        Assert.Equal(("first_response", "positive"), (moment.Str("kind"), moment.Str("polarity")));
        Assert.Equal(JsonValueKind.Null, moment.GetProperty("recovery").ValueKind);
        Assert.True(moments.GetProperty("recovered").GetBoolean());
    }

    [Fact]
    public async Task AReopen_IsANegativeMoment_WhoseRecoveryIsRecordedOnce()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("Outlook keeps asking for my password"))).Str("reference");
        foreach (var status in new[] { "in_progress", "resolved", "open" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = "step" })).EnsureSuccessStatusCode();

        var before = await MomentsAsync(agent, reference);
        var reopen = Assert.Single(before.GetProperty("moments").EnumerateArray());
        Assert.Equal(("reopen", "negative", "open"), (reopen.Str("kind"), reopen.Str("polarity"), reopen.GetProperty("recovery").Str("state")));
        Assert.False(before.GetProperty("recovered").GetBoolean());
        Assert.Contains((await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "moment_of_truth" && e.GetProperty("data").Str("kind") == "reopen");

        var path = $"/api/queries/{reference}/moments/{reopen.GetProperty("id").GetInt64()}/recovered";
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync(path, new { note = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync(path, new { note = "Called back, reset the profile." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync(path, new { note = "Again" })).StatusCode);
        var after = await MomentsAsync(agent, reference);
        Assert.True(after.GetProperty("recovered").GetBoolean());
        var recovery = after.GetProperty("moments")[0].GetProperty("recovery");
        Assert.Equal(("recovered", "agent2"), (recovery.Str("state"), recovery.Str("recoveredBy")));
    }

    [Fact]
    public async Task AComplaint_IsOneNegativeMoment_AndTheBoardShowsItsLineOnce()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("Nobody called me back"))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "complaint", reason = "the user is unhappy" })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "complaint", reason = "still a complaint" })).EnsureSuccessStatusCode();

        var moment = Assert.Single((await MomentsAsync(agent, reference)).GetProperty("moments").EnumerateArray());
        Assert.Equal(("complaint", "negative"), (moment.Str("kind"), moment.Str("polarity")));
    }

    [Fact]
    public async Task TheBreach_IsAMomentOnce_HoweverOftenThePassRuns_TheWarningsNone_AndTheBoardDoesNotRepeatIt()
    {
        await using var fresh = new DeskApplication();
        using var agent = await fresh.SignInAsync("agent2");
        var reference = await FirstResponseMissedAsync(fresh, agent);
        await fresh.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);

        var kinds = (await MomentsAsync(agent, reference)).GetProperty("moments").EnumerateArray().Select(m => m.Str("kind")).ToList();
        // A warning is the desk's own alarm: the user went through nothing the team must recover.
        Assert.Equal(2, (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray()
            .Count(e => e.Str("kind") == "sla_warning"));
        Assert.Equal(1, kinds.Count(k => k == "sla_breach"));
        Assert.True(kinds.Count(k => k == "escalation") <= 1);
        Assert.All(kinds, k => Assert.Contains(k, new[] { "sla_breach", "escalation" }));

        using var supervisor = await fresh.SignInAsync("supervisor");
        var feed = (await (await supervisor.GetAsync("/api/board")).JsonAsync()).GetProperty("feed").EnumerateArray()
            .Where(i => i.TryGetProperty("reference", out var r) && r.GetString() == reference).ToList();
        Assert.Single(feed, i => i.Str("kind") == "sla_breached");
        Assert.DoesNotContain(feed, i => i.Str("kind") == "moment_of_truth" && i.Str("metric") is "sla_breach" or "sla_warning");
    }

    [Fact]
    public async Task ABreachWithdrawnByAPolicyChange_ClosesItsOpenRecovery_AndABreachAgainIsAMomentAgain()
    {
        await using var fresh = new DeskApplication();
        using var agent = await fresh.SignInAsync("agent2");
        using var supervisor = await fresh.SignInAsync("supervisor");
        using var admin = await fresh.SignInAsync("admin");
        var reference = await FirstResponseMissedAsync(fresh, agent);
        var breached = Assert.Single((await MomentsAsync(agent, reference)).GetProperty("moments").EnumerateArray(), m => m.Str("kind") == "sla_breach");
        Assert.Equal("open", breached.GetProperty("recovery").Str("state"));

        // A day for the first response of this type and priority (an escalation may have raised it): the breach is withdrawn.
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        (await supervisor.PutAsJsonAsync("/api/sla/policies", new
        {
            type = query.Str("type"), priority = query.Str("priority"), serviceLevel = "*", firstResponse = "1.00:00:00",
            nextResponse = "1.00:00:00", resolution = "10.00:00:00", calendar = "24x7",
        })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/sla/repair", null)).EnsureSuccessStatusCode();

        var withdrawn = await MomentsAsync(agent, reference);
        Assert.True(withdrawn.GetProperty("recovered").GetBoolean());
        var recovery = Assert.Single(withdrawn.GetProperty("moments").EnumerateArray(), m => m.Str("kind") == "sla_breach").GetProperty("recovery");
        Assert.Equal(("recovered", "sla"), (recovery.Str("state"), recovery.Str("recoveredBy")));
        Assert.Contains("withdrawn", recovery.Str("note"));

        fresh.Clock.Advance(TimeSpan.FromDays(1));
        await fresh.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);
        using var nextDay = await fresh.SignInAsync("agent2");
        var again = await MomentsAsync(nextDay, reference);
        Assert.Equal(["recovered", "open"], again.GetProperty("moments").EnumerateArray().Where(m => m.Str("kind") == "sla_breach")
            .Select(m => m.GetProperty("recovery").Str("state")).ToArray());
        Assert.False(again.GetProperty("recovered").GetBoolean());
    }

    [Fact]
    public async Task ALowScore_IsTheSameKindOfMoment_RecoveredWhenItsRecoveryQueryIsResolved()
    {
        await using var fresh = new DeskApplication();
        await using var chat = await SurveyTests.ResolvedAsync(fresh, type: "consultation");
        fresh.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(fresh);
        await chat.Chat.DrainedAsync();
        await chat.Chat.SayAsync("1");

        var low = Assert.Single((await MomentsAsync(chat.Agent, chat.Reference)).GetProperty("moments").EnumerateArray(),
            m => m.Str("kind") == "low_score");
        var recovery = low.GetProperty("recovery");
        Assert.Equal("open", recovery.Str("state"));
        var complaint = recovery.Str("query");
        Assert.StartsWith("CMP-", complaint);
        await SurveyTests.ResolveAsync(chat, complaint);

        var after = await MomentsAsync(chat.Agent, chat.Reference);
        Assert.True(after.GetProperty("recovered").GetBoolean());
        // The survey's own timeline line is the moment's: no second one.
        Assert.Single((await (await chat.Agent.GetAsync($"/api/queries/{chat.Reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "moment_of_truth");
    }

    [Fact]
    public async Task AnAgent_RecordsTheirOwnMoment_PositiveOrNegative_AndNothingElse()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Teams calls drop"))).Str("reference");
        var path = $"/api/queries/{reference}/moments";

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync(path, new { kind = "other", polarity = "neutral" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync(path, new { kind = "mood", polarity = "positive" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync("/api/queries/INC-999999/moments",
            new { kind = "other", polarity = "positive" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync(path,
            new { kind = "other", polarity = "positive", note = "Thanked us on the phone" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync(path,
            new { kind = "other", polarity = "negative", note = "Was put on hold twice" })).StatusCode);

        var moments = await MomentsAsync(agent, reference);
        Assert.Equal(["positive", "negative"], moments.GetProperty("moments").EnumerateArray().Select(m => m.Str("polarity")));
        Assert.Equal(1, moments.GetProperty("openRecoveries").GetInt32());
        var positive = moments.GetProperty("moments")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync($"{path}/{positive}/recovered", new { note = "n/a" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsJsonAsync($"{path}/999999/recovered", new { note = "n/a" })).StatusCode);
    }

    [Fact]
    public async Task AMomentsLine_IsOnTheStaffTimeline_NotOnWhatAKeyReads()
    {
        using var channel = await desk.WithApiKeyAsync("intake", "queries:read");
        var reference = (await channel.SubmitAsync(Requests.Query("Teams calls drop every afternoon"))).Str("reference");
        using var agent = await desk.SignInAsync("agent");
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync($"/api/queries/{reference}/moments",
            new { kind = "other", polarity = "negative", note = "Was put on hold twice" })).StatusCode);

        static async Task<List<string>> KindsAsync(HttpClient client, string reference) =>
            (await (await client.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray()
                .Select(e => e.Str("kind")).ToList();

        Assert.Contains("moment_of_truth", await KindsAsync(agent, reference));
        var kinds = await KindsAsync(channel, reference);
        Assert.Contains("created", kinds);
        Assert.DoesNotContain("moment_of_truth", kinds);
    }

    [Fact]
    public async Task TheTeamView_ListsADaysMoments_InTheQueuesTheCallerWorks()
    {
        await using var fresh = new DeskApplication();
        using var supervisor = await fresh.SignInAsync("supervisor");
        using var outsider = await fresh.SignInAsync("agent");
        using var member = await fresh.SignInAsync("agent2");
        var secret = (await supervisor.SubmitAsync(Requests.Query("Someone used my badge at night"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "badge misuse" })).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/queries/{secret}/moments", new { kind = "other", polarity = "negative" })).EnsureSuccessStatusCode();
        var open = (await supervisor.SubmitAsync(Requests.Query("Excel crashes"))).Str("reference");
        (await supervisor.PostAsJsonAsync($"/api/queries/{open}/moments", new { kind = "other", polarity = "positive" })).EnsureSuccessStatusCode();
        // A moment recorded while the query was in an open queue goes where the query goes.
        var moved = (await supervisor.SubmitAsync(Requests.Query("The printer jams every morning"))).Str("reference");
        (await supervisor.PostAsJsonAsync($"/api/queries/{moved}/moments", new { kind = "other", polarity = "negative", note = "printer rage" })).EnsureSuccessStatusCode();
        (await supervisor.PatchAsJsonAsync($"/api/queries/{moved}", new { type = "security_event", reason = "a planted device" })).EnsureSuccessStatusCode();

        Assert.Equal([open], await DayAsync(outsider, ""));
        Assert.Equal(0, (await (await outsider.GetAsync("/api/moments")).JsonAsync()).GetProperty("negative").GetInt32());
        Assert.Contains(moved, await DayAsync(member, ""));
        Assert.Empty(await DayAsync(outsider, "?queue=information-security"));
        Assert.Equal([secret], await DayAsync(member, "?queue=information-security"));
        Assert.Equal([secret, open, moved], await DayAsync(supervisor, ""));
        var today = (await (await supervisor.GetAsync("/api/moments")).JsonAsync()).Str("day");
        var yesterday = DateOnly.Parse(today).AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Empty(await DayAsync(supervisor, $"?day={yesterday}"));
        Assert.Equal([secret, open, moved], await DayAsync(supervisor, $"?day={today}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/moments?day=14/03/2025")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/moments?queue=nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/queries/{secret}/moments")).StatusCode);
    }

    static async Task<List<string>> DayAsync(HttpClient client, string query)
    {
        var day = await (await client.GetAsync($"/api/moments{query}")).JsonAsync();
        return day.GetProperty("moments").EnumerateArray().Select(m => m.Str("reference")).Distinct().ToList();
    }

    /// <summary>A new query whose first response is late, after the timer pass.</summary>
    static async Task<string> FirstResponseMissedAsync(DeskApplication fresh, HttpClient agent)
    {
        var reference = (await agent.SubmitAsync(Requests.Query("The VPN drops every ten minutes"))).Str("reference");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        fresh.Clock.Advance((query.GetProperty("firstResponseDue").GetDateTimeOffset() - query.GetProperty("createdAt").GetDateTimeOffset()) * 1.1);
        await fresh.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);
        return reference;
    }

    static async Task<JsonElement> MomentsAsync(HttpClient client, string reference)
    {
        var response = await client.GetAsync($"/api/queries/{reference}/moments");
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }
}
