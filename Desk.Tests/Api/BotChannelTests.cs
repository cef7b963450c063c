using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Desk.Tests.Bot;

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
            text = "My VPN keeps disconnecting every few minutes",
            locale = "en-GB",
        };

        var first = await bot.PostAsJsonAsync("/api/messages", activity);
        var second = await bot.PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var references = connector.Received.Select(r => Reference().Match(r.Property("text") ?? "").Value).ToList();
        Assert.Equal(2, references.Count);
        Assert.NotEqual("", references[0]);
        Assert.Equal(references[0], references[1]);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from queries where text = @text", new { activity.text }));
        var identity = await db.QuerySingleAsync<(string Channel, string Address)>(
            "select i.channel, i.address from queries q join contact_identities i on i.contact_id = q.contact_id where q.reference = @r",
            new { r = references[0] });
        Assert.Equal(("msteams", "user-42"), identity);
    }

    [GeneratedRegex("[A-Z]{3}-[0-9]+")]
    private static partial Regex Reference();
}
