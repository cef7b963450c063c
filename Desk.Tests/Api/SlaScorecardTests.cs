using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using NodaTime;

namespace Desk.Tests.Api;

/// <summary>
/// The SLA scorecard on the test clock. Each test first moves the clock 60 days on, past every deadline an earlier test
/// left open, so the days it asks about hold its own queries only.
/// </summary>
public sealed class SlaScorecardTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1), Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task OnTimeLateAndOverdue_GiveAttainment_AndTheTimesOfThoseMet()
    {
        var day = FreshDay();
        // P2: first response within 1 h, resolution within 8 h, round the clock.
        var (onTime, late, _) = (await SubmitAsync("P2"), await SubmitAsync("P2"), await SubmitAsync("P2"));
        await LaterAsync(30 * Minute, () => ReplyAsync(onTime));
        await LaterAsync(60 * Minute, () => ReplyAsync(late));
        await LaterAsync(30 * Minute, () => MoveAsync(onTime, "in_progress", "resolved"));
        await LaterAsync(8 * Hour, () => MoveAsync(late, "in_progress", "resolved"));
        desk.Clock.Advance(Hour);

        var card = await ScorecardAsync($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&by=priority");

        var p2 = Assert.Single(card.GetProperty("groups").EnumerateArray());
        Assert.Equal("P2", p2.Str("key"));
        Assert.Equal(3, p2.GetProperty("created").GetInt32());
        // First response: 30 min (met), 90 min (late), none and 1 h passed (overdue).
        Assert.Equal((1, 1, 1, 33.3, 3600.0, 5400.0), Score(p2, "firstResponse"));
        // Resolution: 2 h (met), 10 h (late), open past its 8 h (overdue).
        Assert.Equal((1, 1, 1, 33.3, 21600.0, 36000.0), Score(p2, "resolution"));
        Assert.Equal(JsonSerializer.Serialize(p2.GetProperty("firstResponse")), JsonSerializer.Serialize(card.GetProperty("total").GetProperty("firstResponse")));
        Assert.Equal("(all)", card.GetProperty("total").Str("key"));
    }

    [Fact]
    public async Task AQueryResolvedAfterWaitingForTheUser_IsMetOnItsClock_AndItsStoredDeadlineIsTheOneTheClockKept()
    {
        var day = FreshDay();
        var reference = await SubmitAsync("P2");
        await LaterAsync(10 * Minute, async () =>
        {
            await ReplyAsync(reference);
            await MoveAsync(reference, "in_progress");
        });
        await LaterAsync(50 * Minute, () => MoveAsync(reference, "waiting_for_user"));
        // Ten hours waiting for the user: the clock stands still, and the stored resolution deadline with it.
        await LaterAsync(10 * Hour, () => MoveAsync(reference, "resolved"));

        using var agent = await desk.SignInAsync("agent2");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        // Met with time left, the deadline kept is when that time would have run out: past the resolution, so the board,
        // which reads the stored deadline, counts it met as the scorecard does.
        Assert.True(query.GetProperty("resolutionDue").GetDateTimeOffset() > desk.Clock.GetUtcNow());
        var card = await ScorecardAsync($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");

        var p2 = Assert.Single(card.GetProperty("groups").EnumerateArray());
        Assert.Equal((1, 0, 0, 100.0, 600.0, 600.0), Score(p2, "firstResponse"));
        Assert.Equal((1, 0, 0, 100.0, 3600.0, 3600.0), Score(p2, "resolution"));
    }

    [Fact]
    public async Task AnAgentsHoldOnTheClocks_StopsThemForTheScorecardToo()
    {
        var day = FreshDay();
        var reference = await SubmitAsync("P2");
        await LaterAsync(10 * Minute, () => HoldAsync(reference, true));
        // Ten hours on hold: neither clock counts them, as the live engine did not.
        await LaterAsync(10 * Hour, () => HoldAsync(reference, false));
        await LaterAsync(20 * Minute, () => ReplyAsync(reference));
        await LaterAsync(30 * Minute, () => MoveAsync(reference, "in_progress", "resolved"));

        var p2 = Assert.Single((await ScorecardAsync($"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).GetProperty("groups").EnumerateArray());
        Assert.Equal((1, 0, 0, 100.0, 1800.0, 1800.0), Score(p2, "firstResponse"));
        Assert.Equal((1, 0, 0, 100.0, 3600.0, 3600.0), Score(p2, "resolution"));
    }

    [Fact]
    public async Task Groups_FollowPriorityQueueTypeAndTheContactsServiceLevel()
    {
        var day = FreshDay();
        var (urgent, normal, slow) = (await SubmitAsync("P2"), await SubmitAsync("P3"), await SubmitAsync("P3"));
        await LaterAsync(30 * Minute, async () =>
        {
            await ReplyAsync(urgent);
            await ReplyAsync(normal);
        });
        // P3 answers within 4 h: this one, at 5.5 h, is late.
        await LaterAsync(5 * Hour, () => ReplyAsync(slow));
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update contacts set service_level = 'gold' where id = (select contact_id from queries where reference = @slow)", new { slow });
        var on = $"from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}";

        var byPriority = Groups(await ScorecardAsync($"{on}&by=priority"));
        var byLevel = Groups(await ScorecardAsync($"{on}&by=service_level"));
        var byQueue = Groups(await ScorecardAsync($"{on}&by=queue"));
        var byType = Groups(await ScorecardAsync($"{on}&by=type"));

        Assert.Equal(["P2", "P3"], byPriority.Keys);
        Assert.Equal((1, 0, 0, 100.0, 1800.0, 1800.0), Score(byPriority["P2"], "firstResponse"));
        Assert.Equal((1, 1, 0, 50.0, 10800.0, 19800.0), Score(byPriority["P3"], "firstResponse"));
        Assert.Equal(["gold", "standard"], byLevel.Keys);
        Assert.Equal((0, 1, 0, 0.0, 19800.0, 19800.0), Score(byLevel["gold"], "firstResponse"));
        Assert.Equal(2, byLevel["standard"].GetProperty("created").GetInt32());
        var queue = Assert.Single(byQueue);
        Assert.Equal(3, queue.Value.GetProperty("created").GetInt32());
        Assert.Equal((2, 1, 0, 66.7, 7800.0, 19800.0), Score(queue.Value, "firstResponse"));
        Assert.Single(byType);
    }

    [Fact]
    public async Task Times_AreBusinessTime_OnThePolicysCalendar()
    {
        FreshDay();
        using (var supervisor = await desk.SignInAsync("supervisor"))
            (await supervisor.PutAsJsonAsync("/api/sla/policies", new
            {
                type = "*", priority = "P4", serviceLevel = "*", firstResponse = "08:00:00", nextResponse = "16:00:00",
                resolution = "5.00:00:00", calendar = "office-hours",
            })).EnsureSuccessStatusCode();
        // office-hours: Europe/Amsterdam, Monday to Friday 08:00-18:00. Friday 17:00 to Monday 09:00 is two working hours.
        var amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var friday = LocalDate.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime).PlusDays(1);
        while (friday.DayOfWeek != IsoDayOfWeek.Friday || friday.Month is 12 or 1)
            friday = friday.PlusDays(1);
        var submitted = friday.At(new LocalTime(17, 0)).InZoneStrictly(amsterdam).ToDateTimeOffset();
        var answered = friday.PlusDays(3).At(new LocalTime(9, 0)).InZoneStrictly(amsterdam).ToDateTimeOffset();
        desk.Clock.Advance(submitted - desk.Clock.GetUtcNow());
        var reference = await SubmitAsync("P4");
        await LaterAsync(answered - submitted, () => ReplyAsync(reference));

        var card = await ScorecardAsync($"from={submitted.UtcDateTime:yyyy-MM-dd}&to={answered.UtcDateTime:yyyy-MM-dd}");

        Assert.Equal((1, 0, 0, 100.0, 7200.0, 7200.0), Score(Assert.Single(card.GetProperty("groups").EnumerateArray()), "firstResponse"));
    }

    [Fact]
    public async Task Csv_HasAHeaderARowPerGroupAndTheTotal_QuotedAndDefused()
    {
        var day = FreshDay();
        var reference = await SubmitAsync("P2");
        await LaterAsync(30 * Minute, () => ReplyAsync(reference));
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("""
                update contacts set service_level = '=HYPERLINK("http://evil.example","a,b")'
                where id = (select contact_id from queries where reference = @reference)
                """, new { reference });
        using var supervisor = await desk.SignInAsync("supervisor");
        var path = $"/api/sla/scorecard?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&by=service_level";

        var byFormat = await supervisor.GetAsync(path + "&format=csv");
        var byAccept = await supervisor.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/csv") } } });
        var json = await supervisor.SendAsync(new HttpRequestMessage(HttpMethod.Get, path + "&format=json") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/csv") } } });

        Assert.Equal("text/csv", byFormat.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", byFormat.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"sla-scorecard-{day:yyyy-MM-dd}-{day:yyyy-MM-dd}-service_level.csv", byFormat.Content.Headers.ContentDisposition?.FileNameStar);
        var csv = await byFormat.Content.ReadAsStringAsync();
        Assert.Equal(csv, await byAccept.Content.ReadAsStringAsync());
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "service_level,created,first_response_met,first_response_late,first_response_overdue,first_response_attainment_percent,"
            + "first_response_average_seconds,first_response_p90_seconds,resolution_met,resolution_late,resolution_overdue,"
            + "resolution_attainment_percent,resolution_average_seconds,resolution_p90_seconds\r\n"
            + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"a,b\"\")\",1,1,0,0,100,1800,1800,0,0,0,,,\r\n"
            + "(all),1,1,0,0,100,1800,1800,0,0,0,,,\r\n",
            csv);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("gold", "gold")]
    [InlineData("", "")]
    public void CsvCells_AreQuotedAndFormulasDefused(string value, string cell) =>
        Assert.Equal(cell, Desk.Api.Sla.ScorecardCsv.Cell(value));

    [Fact]
    public async Task WithoutDates_ItCoversTheLast30DaysToToday()
    {
        FreshDay();
        var today = DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime);

        var card = await ScorecardAsync("");

        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd"), card.Str("from"));
        Assert.Equal(today.ToString("yyyy-MM-dd"), card.Str("to"));
        Assert.Equal("priority", card.Str("by"));
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("from=2025-01-01&to=2026-01-02", "to")]
    [InlineData("by=assignee", "by")]
    [InlineData("format=xml", "format")]
    public async Task BadPeriodsGroupingsAndFormats_AreValidationProblems(string query, string field)
    {
        using var supervisor = await desk.SignInAsync("supervisor");

        var response = await supervisor.GetAsync("/api/sla/scorecard?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ARangeOf366Days_IsAllowed()
    {
        using var supervisor = await desk.SignInAsync("supervisor");

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/sla/scorecard?from=2024-01-01&to=2024-12-31")).StatusCode);
    }

    /// <summary>Moves the clock to 01:00 UTC 60 days on, and gives that day.</summary>
    DateOnly FreshDay()
    {
        var now = desk.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date.AddDays(60).AddHours(1), TimeSpan.Zero);
        desk.Clock.Advance(target - now);
        return DateOnly.FromDateTime(target.UtcDateTime);
    }

    async Task LaterAsync(TimeSpan wait, Func<Task> then)
    {
        desk.Clock.Advance(wait);
        await then();
    }

    async Task<string> SubmitAsync(string priority)
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("My monitor shows no picture since this morning"))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority, reason = "scorecard test" })).EnsureSuccessStatusCode();
        return reference;
    }

    async Task ReplyAsync(string reference)
    {
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "On it.", visibility = "public" })).EnsureSuccessStatusCode();
    }

    async Task HoldAsync(string reference, bool hold)
    {
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", hold
            ? new { slaHold = true, @override = (object?)new { rule = "sla.policy", justification = "The user is on leave today." } }
            : new { slaHold = false, @override = (object?)null })).EnsureSuccessStatusCode();
    }

    async Task MoveAsync(string reference, params string[] statuses)
    {
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in statuses)
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
    }

    async Task<JsonElement> ScorecardAsync(string query)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var response = await supervisor.GetAsync("/api/sla/scorecard?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    static Dictionary<string, JsonElement> Groups(JsonElement card) =>
        card.GetProperty("groups").EnumerateArray().ToDictionary(g => g.Str("key"));

    static (int Met, int Late, int Overdue, double? Attainment, double? Average, double? P90) Score(JsonElement group, string metric)
    {
        var score = group.GetProperty(metric);
        double? Number(string name) => score.GetProperty(name).ValueKind == JsonValueKind.Null ? null : score.GetProperty(name).GetDouble();
        return (score.GetProperty("met").GetInt32(), score.GetProperty("late").GetInt32(), score.GetProperty("overdue").GetInt32(),
            Number("attainmentPercent"), Number("averageSeconds"), Number("p90Seconds"));
    }
}
