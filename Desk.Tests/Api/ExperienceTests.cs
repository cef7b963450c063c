using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Api.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Desk.Tests.Api;

/// <summary>Experience metrics on a desk of their own, so every number is known: survey scores, times, abandonment.</summary>
public sealed class ExperienceTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task TheMetrics_PerType_AreTheSurveysTimesAndAbandonmentOfThePeriod()
    {
        var from = DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime);
        // An incident answered in 10 minutes and resolved in an hour; its effort rated 2 of 7, which raises a recovery.
        await using var incident = await ChatQuery.StartAsync(desk);
        desk.Clock.Advance(TimeSpan.FromMinutes(10));
        await incident.ReplyAsync("Is the cable plugged in?");
        desk.Clock.Advance(TimeSpan.FromMinutes(50));
        await SurveyTests.ResolveAsync(incident);
        // Two questions, one rated 5 of 5, one never answered.
        await using var answered = await SurveyTests.ResolvedAsync(desk, type: "consultation");
        await using var silent = await SurveyTests.ResolvedAsync(desk, type: "consultation");
        // A chat that leaves the bot's question unanswered.
        await using var left = await BotChat.StartAsync(desk);
        Assert.Contains("not sure", Assert.Single(await left.SayAsync("the thing on the shelf")).Text);
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await desk.Services.GetServices<IHostedService>().OfType<ConversationWatch>().Single().RunOnceAsync(CancellationToken.None);
        await SurveyTests.RunSenderAsync(desk);
        await incident.Chat.DrainedAsync();
        await answered.Chat.DrainedAsync();
        await incident.Chat.SayAsync("2");
        await answered.Chat.SayAsync("5");
        var to = DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime);
        using var supervisor = await desk.SignInAsync("supervisor");

        var report = await (await supervisor.GetAsync($"/api/experience?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&by=type")).JsonAsync();

        var groups = report.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString() ?? "(none)");
        var consultation = groups["consultation"];
        Assert.Equal((2, 1, 0.5, 5.0, 5), Score(consultation.GetProperty("csat")));
        Assert.Equal(0, consultation.GetProperty("ces").GetProperty("sent").GetInt32());
        var incidents = groups["incident"];
        Assert.Equal((1, 1, 1.0, 2.0, 2), Score(incidents.GetProperty("ces")));
        Assert.Equal((1, 600.0), Time(incidents.GetProperty("firstResponse")));
        Assert.Equal((1, 3600.0), Time(incidents.GetProperty("handling")));
        Assert.Equal(0, groups["complaint"].GetProperty("handling").GetProperty("count").GetInt32()); // the recovery, still open
        var total = report.GetProperty("total");
        Assert.Equal(3, total.GetProperty("csat").GetProperty("sent").GetInt32() + total.GetProperty("ces").GetProperty("sent").GetInt32());
        var abandonment = groups["(none)"].GetProperty("abandonment");
        Assert.Equal((1, 1), (abandonment.GetProperty("conversations").GetInt32(), abandonment.GetProperty("abandoned").GetInt32()));
        Assert.Equal(4, total.GetProperty("abandonment").GetProperty("conversations").GetInt32());

        using var agent = await desk.SignInAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/experience")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/experience?by=mood")).StatusCode);
    }

    static (int, int, double?, double?, int?) Score(JsonElement m) => (
        m.GetProperty("sent").GetInt32(), m.GetProperty("answered").GetInt32(), Number(m, "responseRate"), Number(m, "average"),
        m.GetProperty("min").ValueKind == JsonValueKind.Null ? null : m.GetProperty("min").GetInt32());

    static (int, double?) Time(JsonElement m) => (m.GetProperty("count").GetInt32(), Number(m, "averageSeconds"));

    static double? Number(JsonElement m, string name) => m.GetProperty(name).ValueKind == JsonValueKind.Null ? null : m.GetProperty(name).GetDouble();
}
