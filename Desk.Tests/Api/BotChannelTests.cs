using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Desk.Tests.Bot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Desk.Tests.Api;

/// <summary>The bot channel end to end: an activity in, a stored query, a reply with the reference to the connector.</summary>
public sealed partial class BotChannelTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task MessageActivity_BecomesAQuery_AndARedeliveryDoesNotDuplicateIt()
    {
        await using var connector = new RecordingConnector();
        await connector.StartAsync();
        using var bot = await desk.WithApiKeyAsync("bot");
        var activity = new
        {
            type = "message",
            id = "activity-1",
            channelId = "msteams",
            serviceUrl = connector.BaseUrl,
            from = new { id = "user-42", name = "Ana Silva" },
            recipient = new { id = "desk-bot", name = "Desk" },
            conversation = new { id = "conversation-7" },
            text = "My monitor shows no picture since this morning",
            locale = "en-GB",
        };

        var first = await bot.PostAsJsonAsync("/api/messages", activity);
        var second = await bot.PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await desk.OutboxDrainedAsync(connector.BaseUrl);
        // The redelivery finds its turn taken: no second query, and no second reply.
        var references = connector.Received.Select(r => Reference().Match(r.Property("text") ?? "").Value).ToList();
        Assert.Single(references);
        Assert.NotEqual("", references[0]);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from queries where text = @text", new { activity.text }));
        var identity = await db.QuerySingleAsync<(string Channel, string Address)>(
            "select i.channel, i.address from queries q join contact_identities i on i.contact_id = q.contact_id where q.reference = @r",
            new { r = references[0] });
        Assert.Equal(("msteams", "user-42"), identity);
    }

    [Fact]
    public async Task WithNoAppId_AnActivityWithoutAKey_Is401_AndStartUpSaysJwtIsOff()
    {
        var logs = new RecordedLogs();
        using var app = desk.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var channel = app.CreateClient();
        await using var connector = new RecordingConnector();
        await connector.StartAsync();
        var text = "No key, no token " + Guid.NewGuid().ToString("N");
        var activity = Activity(connector.BaseUrl, text);

        var bare = await channel.PostAsJsonAsync("/api/messages", activity);
        // A bearer token means nothing while JWT is off, however it looks.
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.e30.");
        var withToken = await channel.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        Assert.Single(logs.Lines, line => line.StartsWith("Bot JWT authentication is off"));
        Assert.Empty(connector.Received);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("select count(*) from queries where text = @text", new { text }));
    }

    [Fact]
    public async Task WithAnAppId_AChannelToken_IsTakenThroughTheDesk_WithoutTheConsoleHeader()
    {
        await using var identity = new LocalBotIdentity();
        await identity.StartAsync();
        await using var connector = new RecordingConnector();
        await connector.StartAsync();
        // A desk of its own: on the fixture's database, the fixture's outbox, which has no app id, could send the reply.
        await using var app = new ConfiguredDesk([.. identity.Settings().Select(s => (s.Key, s.Value!))]);
        // No X-Desk-Client and no cookie: a channel, not the console.
        using var channel = app.CreateClient();
        var text = "My monitor shows no picture since this morning, ticket " + Random.Shared.Next(1_000_000);
        var activity = Activity(connector.BaseUrl, text);

        var anonymous = await channel.PostAsJsonAsync("/api/messages", activity);
        using var signed = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        signed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Mint(connector.BaseUrl));
        var taken = await channel.SendAsync(signed);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        await app.OutboxDrainedAsync(connector.BaseUrl);
        var reply = Assert.Single(connector.Received);
        Assert.Equal("Bearer outbound-token-1", reply.Authorization);
        Assert.Matches(Reference(), reply.Property("text") ?? "");
        await using var db = await app.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from queries where text = @text", new { text }));
    }

    static object Activity(string serviceUrl, string text) => new
    {
        type = "message",
        id = "activity-" + Guid.NewGuid().ToString("N"),
        channelId = "msteams",
        serviceUrl,
        from = new { id = "user-43", name = "Bo Chen" },
        recipient = new { id = "desk-bot", name = "Desk" },
        conversation = new { id = "conversation-8" },
        text,
        locale = "en-GB",
    };

    [GeneratedRegex("[A-Z]{3}-[0-9]+")]
    private static partial Regex Reference();
}
