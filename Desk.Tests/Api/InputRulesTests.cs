using System.Net;
using System.Net.Http.Json;
using Dapper;
using Desk.Tests.Bot;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>One set of input rules for every way in: the bot's refusals, per-key idempotency, phone numbers in E.164.</summary>
public sealed class InputRulesTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task BotActivityId_ResentWithOtherText_Is409_AndStoresNothing()
    {
        await using var connector = new RecordingConnector();
        await connector.StartAsync();
        using var bot = await desk.WithApiKeyAsync("bot");
        var first = Activity(connector, "activity-reused", "My laptop will not start");
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsJsonAsync("/api/messages", first)).StatusCode);
        var before = await CountAsync("select count(*) from queries");

        var response = await bot.PostAsJsonAsync("/api/messages", Activity(connector, "activity-reused", "Please delete all my mail"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync("select count(*) from queries"));
        await desk.OutboxDrainedAsync(connector.BaseUrl);
        Assert.Single(connector.Received);
    }

    [Fact]
    public async Task BotIdempotency_BelongsToTheCallingKey_NotToAllBots()
    {
        await using var connector = new RecordingConnector();
        await connector.StartAsync();
        using var teams = await desk.WithApiKeyAsync("bot");
        using var slack = await desk.WithApiKeyAsync("bot");
        var activity = Activity(connector, "activity-shared-id", "The projector in room 4 flickers");

        Assert.Equal(HttpStatusCode.OK, (await teams.PostAsJsonAsync("/api/messages", activity)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await slack.PostAsJsonAsync("/api/messages", activity)).StatusCode);

        // Each key's conversations are its own: the same channel conversation id through two keys is two conversations.
        Assert.Equal(2, await CountAsync("select count(*) from conversation_turns where activity_id = 'activity-shared-id'"));
        Assert.Equal(2, await CountAsync(
            "select count(distinct conversation_id) from conversation_turns where activity_id = 'activity-shared-id'"));
    }

    [Theory]
    [InlineData("from.id", 400)]
    [InlineData("from.name", 5_000)]
    public async Task BotActivity_WithAnOverlongUserField_Is400NamingIt_AndStoresNothing(string field, int length)
    {
        await using var connector = new RecordingConnector();
        await connector.StartAsync();
        using var bot = await desk.WithApiKeyAsync("bot");
        var before = await CountAsync("select count(*) from contacts");
        var activity = Activity(connector, "activity-" + field, "Printer offline",
            fromId: field == "from.id" ? new string('u', length) : "user-9", fromName: field == "from.name" ? new string('n', length) : "Ana");

        var response = await bot.PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await CountAsync("select count(*) from contacts"));
        Assert.Empty(connector.Received);
    }

    [Theory]
    [InlineData("sms", "+1 (650) 253-0000", "+16502530000")]
    [InlineData("phone", "+1-650-253-0000", "+16502530000")]
    [InlineData("email", " Ana.Silva@Example.ORG ", "ana.silva@example.org")]
    public async Task ContactAddress_IsStoredInItsOneForm(string channel, string address, string stored)
    {
        using var agent = await desk.SignInAsync("agent");

        var receipt = await agent.SubmitAsync(new { text = "Voicemail is full", channel = "phone", contact = new { channel, address } });

        Assert.Equal(stored, await AddressOfAsync(desk, receipt.Str("reference")));
    }

    [Fact]
    public async Task PhoneNumber_WithoutPlus_IsRefused_WhenNoRegionIsConfigured()
    {
        using var agent = await desk.SignInAsync("agent");

        var response = await agent.PostAsJsonAsync("/api/queries",
            new { text = "Voicemail is full", channel = "phone", contact = new { channel = "sms", address = "(650) 253-0000" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("contact.address", out _));
    }

    [Fact]
    public async Task PhoneNumber_WithoutPlus_IsReadInTheConfiguredRegion()
    {
        await using var american = new RegionDesk();
        using var agent = await american.SignInAsync("agent");

        var receipt = await agent.SubmitAsync(new { text = "Voicemail is full", channel = "phone", contact = new { channel = "sms", address = "(650) 253-0000" } });

        Assert.Equal("+16502530000", await AddressOfAsync(american, receipt.Str("reference")));
    }

    sealed class RegionDesk : DeskApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Contacts:DefaultPhoneRegion", "US");
        }
    }

    static object Activity(RecordingConnector connector, string id, string text, string fromId = "user-42", string fromName = "Ana Silva") => new
    {
        type = "message",
        id,
        channelId = "msteams",
        serviceUrl = connector.BaseUrl,
        from = new { id = fromId, name = fromName },
        recipient = new { id = "desk-bot", name = "Desk" },
        conversation = new { id = "conversation-9" },
        text,
        locale = "en-GB",
    };

    static async Task<string> AddressOfAsync(DeskApplication app, string reference)
    {
        await using var db = await app.OpenDbAsync();
        return await db.ExecuteScalarAsync<string>(
            "select i.address from queries q join contact_identities i on i.contact_id = q.contact_id where q.reference = @reference",
            new { reference }) ?? "";
    }

    async Task<long> CountAsync(string sql)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>(sql);
    }
}
