using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Desk.Api.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// A channel without buttons (an e-mail plug-in, as issue 12 will bring) gets the question with a link; the user
/// answers through <c>/api/surveys/{token}</c> with the token as the only credential.
/// </summary>
public sealed partial class SurveyLinkTests(SurveyLinkTests.MailDesk desk) : IClassFixture<SurveyLinkTests.MailDesk>
{
    [Fact]
    public async Task AQueryFromEmail_GetsALink_AndTheAnswerThroughItIsRecordedOnce()
    {
        var (reference, token) = await AskedByMailAsync("ana.link@example.org");
        using var anonymous = desk.Anonymous();

        var question = await (await anonymous.GetAsync($"/api/surveys/{token}")).JsonAsync();
        Assert.Equal((reference, "csat", 1, 5, "sent"),
            (question.Str("reference"), question.Str("kind"), question.GetProperty("min").GetInt32(), question.GetProperty("max").GetInt32(), question.Str("status")));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync($"/api/surveys/{token}", new { score = 6 })).StatusCode);
        var answered = await anonymous.PostAsJsonAsync($"/api/surveys/{token}",
            new { score = 5, comment = "Clear steps. It would be nice to have a self-service page for this." });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("answered", (await answered.JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync($"/api/surveys/{token}", new { score = 1 })).StatusCode);

        using var agent = await desk.SignInAsync("agent2");
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        var answer = Assert.Single(timeline, e => e.Str("kind") == "survey_answered");
        Assert.Equal((5, "link"), (answer.GetProperty("data").GetProperty("score").GetInt32(), answer.GetProperty("data").Str("channel")));
        // The comment proposes a change: it joins the improvement register.
        Assert.Contains(timeline, e => e.Str("kind") == "improvement_registered");
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "moment_of_truth");
    }

    [Fact]
    public async Task ALowScoreThroughTheLink_RaisesTheMomentOfTruth_AndAnUnknownOrExpiredLinkTakesNothing()
    {
        var (reference, token) = await AskedByMailAsync("bo.link@example.org");
        using var anonymous = desk.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"/api/surveys/{token}", new { score = 2 })).StatusCode);
        await using (var db = await desk.OpenDbAsync())
            Assert.Equal("complaint", await db.ExecuteScalarAsync<string>("""
                select r.type from surveys s join queries q on q.id = s.query_id join queries r on r.id = s.recovery_query_id
                where q.reference = @reference
                """, new { reference }));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/surveys/{new string('A', 43)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/surveys/not-a-token", new { score = 4 })).StatusCode);

        var (_, late) = await AskedByMailAsync("cy.link@example.org");
        desk.Clock.Advance(TimeSpan.FromDays(1.05));
        await SurveyTests.RunSenderAsync(desk);
        // The one reminder goes the same way, with the same link.
        var reminder = await desk.Mail.ForAsync("cy.link@example.org", m => m.Text.StartsWith("A quick reminder", StringComparison.Ordinal));
        Assert.Contains(late, reminder.Text);
        desk.Clock.Advance(TimeSpan.FromDays(2.1));
        await SurveyTests.RunSenderAsync(desk);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync($"/api/surveys/{late}", new { score = 4 })).StatusCode);
    }

    [Fact]
    public async Task TheLink_OpensTheAnswerPage_WithoutASignIn()
    {
        var (_, token) = await AskedByMailAsync("di.link@example.org");

        var page = await desk.Anonymous().GetAsync($"/survey/{token}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("portal", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AChineseQuerysSurvey_IsMailedInChinese()
    {
        var (reference, _) = await AskedByMailAsync("ed.link@example.org", "怎么设置邮件自动回复？我下周休假");

        var resolved = await desk.Mail.ForAsync("ed.link@example.org", m => m.Text.Contains("已解决"));
        var mail = await desk.Mail.ForAsync("ed.link@example.org", m => m.Text.Contains("/survey/"));

        Assert.StartsWith($"{reference} 已解决。", resolved.Text);
        Assert.Contains($"您对 {reference} 的处理满意吗", mail.Text);
    }

    [Theory]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5123", "http://localhost:5123")]
    [InlineData("http://+:80", "http://localhost")]
    [InlineData("http://127.0.0.1:5080;https://desk.example.org:8443", "https://desk.example.org:8443")]
    [InlineData("http://desk.internal:5080", "http://desk.internal:5080")]
    [InlineData("", "http://localhost")]
    public void APathLink_StartsWithTheAddressTheDeskListensOn(string addresses, string origin) =>
        Assert.Equal(origin, Desk.Api.Surveys.SurveyLinks.Origin(addresses.Split(';', StringSplitOptions.RemoveEmptyEntries)));

    async Task<(string Reference, string Token)> AskedByMailAsync(string address, string text = "How do I set up an out-of-office reply?")
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query(text, channel: "email", address: address))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "consultation", reason = "a how-to question" })).EnsureSuccessStatusCode();
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(desk);
        var mail = await desk.Mail.ForAsync(address, m => m.Text.Contains("/survey/"));
        Assert.Contains(reference, mail.Text);
        return (reference, LinkToken().Match(mail.Text).Groups[1].Value);
    }

    [GeneratedRegex("/survey/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();

    public sealed class MailDesk : DeskApplication
    {
        internal RecordingMail Mail { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IDeskChannel>(Mail));
        }
    }
}

/// <summary>An e-mail channel plug-in that keeps what it is asked to send: plain text, no buttons.</summary>
internal sealed class RecordingMail : IDeskChannel
{
    readonly ConcurrentQueue<(string To, string Text)> sent = new();

    public string Name => "email";

    public ChannelFeatures Features => ChannelFeatures.Proactive;

    public IReadOnlyList<(string To, string Text)> Sent => [.. sent];

    public string Compose(string address, OutgoingText text) => JsonSerializer.Serialize(new { to = address, text = text.Text });

    public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var mail = JsonDocument.Parse(message.Payload).RootElement;
        sent.Enqueue((mail.Str("to"), mail.Str("text")));
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered());
    }

    public async Task<(string To, string Text)> ForAsync(string address, Func<(string To, string Text), bool>? wanted = null)
    {
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(25))
        {
            if (Sent.LastOrDefault(m => m.To == address && (wanted?.Invoke(m) ?? true)) is { Text: not null } mail)
                return mail;
        }
        throw new Xunit.Sdk.XunitException($"No mail to {address} within 20 s.");
    }
}
