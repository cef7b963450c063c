using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Desk.Api.Sla;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Live;

/// <summary>
/// The desk's figures as Prometheus scrapes them, over real HTTP: a query taken in shows in the intake, classifier,
/// queue and push figures under their semantic-convention names; only admins and metrics:read keys may read them.
/// </summary>
public sealed partial class MetricsTests(MetricsTests.MetricsDesk desk) : IClassFixture<MetricsTests.MetricsDesk>
{
    [Fact]
    public async Task Scrape_AfterAQueryIsTakenIn_ShowsIntakeClassifierQueueAndPushFigures()
    {
        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(Requests.Query("My laptop will not connect to the VPN since this morning", channel: "email"));
        var (type, queue) = (receipt.Str("type"), receipt.Str("queue"));
        using var scraper = await desk.ScraperAsync();

        var figures = await ScrapeUntilAsync(scraper, f =>
            f.Any(s => s.Name == "desk_queue_length" && s.Labels["desk_queue_name"] == queue && s.Value >= 1)
            && f.Any(s => s.Name == "desk_push_lag_seconds_count" && s.Labels["desk_push_event"] == "QueryCreated"));

        Assert.Contains(figures, s => s.Name == "desk_intake_queries_total" && s.Value >= 1
            && s.Labels["desk_query_channel"] == "email" && s.Labels["desk_query_type"] == type);
        Assert.Contains(figures, s => s.Name == "desk_intake_duration_seconds_count" && s.Value >= 1
            && s.Labels["desk_query_channel"] == "email" && s.Labels["desk_query_type"] == type && !s.Labels.ContainsKey("error_type"));
        Assert.Contains(figures, s => s.Name == "desk_intake_duration_seconds_bucket" && s.Labels["le"] == "0.05");
        Assert.Contains(figures, s => s.Name == "desk_classifier_duration_seconds_count" && s.Value >= 1
            && s.Labels["desk_classifier_decided_by"] == "model");
        // Every queue's length in each SLA state, the empty ones at 0.
        Assert.Equal(["at_risk", "breached", "on_track"],
            figures.Where(s => s.Name == "desk_queue_length" && s.Labels["desk_queue_name"] == "information-security").Select(s => s.Labels["desk_sla_state"]).Distinct().Order());
        Assert.Contains(figures, s => s.Name == "desk_outbox_backlog" && s.Labels["desk_outbox_state"] == "waiting");
        Assert.Contains(figures, s => s.Name == "desk_push_queue_length");
        // The ASP.NET Core and runtime instrumentation beside the desk's own.
        Assert.Contains(figures, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.GetValueOrDefault("http_route") == "/api/queries/");
        Assert.Contains(figures, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_AfterARefusedQuery_CountsItWithItsErrorType()
    {
        using var channel = await desk.ChannelAsync();
        // Well formed, so it reaches the handler, which refuses the channel.
        var refused = await channel.PostAsync("/api/queries", new StringContent(
            """{"text":"Printer jammed","channel":"nowhere","contact":{"channel":"email","address":"m@example.org"}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var scraper = await desk.ScraperAsync();

        // The unknown channel is not a label value of its own: anything outside the known channels is _OTHER.
        var figures = await ScrapeUntilAsync(scraper, f => f.Any(s => s.Name == "desk_intake_duration_seconds_count"
            && s.Labels.GetValueOrDefault("error_type") == "validation" && s.Labels["desk_query_channel"] == "_OTHER"));

        Assert.DoesNotContain(figures, s => s.Labels.ContainsValue("nowhere"));
    }

    [Fact]
    public async Task Scrape_AfterADeadlinePasses_ShowsTheTimerLag()
    {
        using var channel = await desk.ChannelAsync();
        await channel.SubmitAsync(Requests.Query("The printer on floor 3 is jammed again"));
        desk.Clock.Advance(TimeSpan.FromDays(6));
        using (var scope = desk.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
        using var scraper = await desk.ScraperAsync();

        var figures = await ScrapeUntilAsync(scraper, f => f.Any(s => s.Name == "desk_sla_timer_lag_seconds_count"
            && s.Labels["desk_sla_metric"] == "first_response" && s.Labels["desk_sla_event"] == "breach"));

        Assert.Contains(figures, s => s.Name == "desk_sla_timer_lag_seconds_count" && s.Labels["desk_sla_event"] == "warning");
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("agent", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", HttpStatusCode.Forbidden)]
    [InlineData("key:intake", HttpStatusCode.Forbidden)]
    [InlineData("key:queries:read", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("key:metrics:read", HttpStatusCode.OK)]
    public async Task Scrape_IsForAdminsAndMetricsKeysOnly(string caller, HttpStatusCode expected)
    {
        using var client = caller switch
        {
            "anonymous" => desk.Anonymous(),
            _ when caller.StartsWith("key:", StringComparison.Ordinal) => await desk.WithApiKeyAsync(caller["key:".Length..]),
            _ => await desk.SignInAsync(caller),
        };

        var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
            Assert.Contains("desk_push_queue_length", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until what the desk shows satisfies <paramref name="shows"/> (pushes and samples land a moment after the answer).</summary>
    static async Task<IReadOnlyList<Sample>> ScrapeUntilAsync(HttpClient scraper, Func<IReadOnlyList<Sample>, bool> shows)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var figures = Parse(await response.Content.ReadAsStringAsync());
            if (shows(figures))
                return figures;
            if (DateTime.UtcNow > until)
                Assert.Fail("The scrape never showed the expected figures:\n" + string.Join('\n', figures.Where(s => s.Name.StartsWith("desk_", StringComparison.Ordinal))));
            await Task.Delay(100);
        }
    }

    static List<Sample> Parse(string text) =>
    [
        .. from line in text.Split('\n')
           let match = SampleLine().Match(line)
           where match.Success
           select new Sample(match.Groups["name"].Value,
               Label().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
               double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)),
    ];

    public sealed record Sample(string Name, Dictionary<string, string> Labels, double Value)
    {
        public override string ToString() => $"{Name}{{{string.Join(',', Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+0-9.eEInfNa]+)""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"[,]?""")]
    private static partial Regex Label();

    /// <summary>A live desk with the Prometheus endpoint on.</summary>
    public sealed class MetricsDesk : LiveDesk
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telemetry:Prometheus", "true");
        }

        public Task<HttpClient> ScraperAsync() => WithApiKeyAsync("metrics:read");
    }
}
