using System.Text.Json;
using System.Net;
using System.Text.Json.Nodes;
using Desk.Bot;

namespace Desk.Tests.Bot;

public sealed class BotConversationTests : IAsyncLifetime
{
    BotTestHost host = null!;

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Message_IsSubmittedToTheDeskOnce_AndAnsweredWithReferenceAndTimeFrame()
    {
        var message = host.Message("VPN drops every hour");
        var id = (string)message["id"]!;

        var response = await host.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = Assert.Single(host.Desk.Queries);
        Assert.Equal(("directline", "user-7", "Ana Silva", "a:1f;messageid=42", id, "VPN drops every hour", "en-US"),
            (query.Address.ChannelId, query.Address.User.Id, query.Address.User.Name, query.Address.ConversationId, query.ActivityId,
                query.Text, query.Address.Locale));

        var reply = Assert.Single(host.Connector.Received);
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/connector/v3/conversations/a%3A1f%3Bmessageid%3D42/activities/{id}", reply.RawTarget);
        Assert.StartsWith("application/json", reply.ContentType);
        Assert.Equal("message", reply.Property("type"));
        Assert.Equal(id, reply.Property("replyToId"));
        Assert.Equal("desk-bot", reply.Property("from", "id"));
        Assert.Equal("user-7", reply.Property("recipient", "id"));
        Assert.Equal("a:1f;messageid=42", reply.Property("conversation", "id"));
        // Conversation fields the bot does not model still go back to the channel.
        Assert.Equal("t-9", reply.Property("conversation", "tenantId"));
        Assert.Equal(5, reply.Body.GetProperty("conversation").GetProperty("x-desk-test").GetInt32());
        Assert.Equal("plain", reply.Property("textFormat"));

        var text = reply.Property("text")!;
        Assert.Contains("INC-1042", text);
        Assert.Contains("something not working as it should (an incident)", text);
        Assert.Contains("First response by: Mon 23 Nov 2026, 14:00 (UTC)", text);
        Assert.Contains("Resolution by: Tue 24 Nov 2026, 10:30 (UTC)", text);
    }

    [Fact]
    public async Task Message_InChinese_IsAnsweredInChineseInTheUsersTimeZone()
    {
        var message = host.Message("打印机无法连接");
        message["locale"] = "zh-CN";
        message["localTimezone"] = "Asia/Shanghai";

        var response = await host.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("打印机无法连接", Assert.Single(host.Desk.Queries).Text);
        var reply = Assert.Single(host.Connector.Received);
        var text = reply.Property("text")!;
        Assert.Contains("您的编号是 INC-1042", text);
        Assert.Contains("首次答复不晚于：2026年11月23日 22:00（UTC+08:00）", text);
        Assert.Contains("预计解决不晚于：2026年11月24日 18:30（UTC+08:00）", text);
        Assert.Equal("zh-CN", reply.Property("locale"));
    }

    [Fact]
    public async Task Message_WithOnlyAnOffset_ShowsTimesAtThatOffset()
    {
        var message = host.Message("Need a new laptop");
        message["localTimestamp"] = "2026-11-23T10:00:00-05:00";

        await host.PostAsync(message);

        var text = Assert.Single(host.Connector.Received).Property("text")!;
        Assert.Contains("First response by: Mon 23 Nov 2026, 09:00 (UTC-05:00)", text);
    }

    [Fact]
    public async Task Message_MentioningTheBot_ReachesTheDeskWithoutTheMention()
    {
        var message = host.Message("<at>Service Desk</at> my badge stopped working");
        message["entities"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = "desk-bot", ["name"] = "Service Desk" },
                ["text"] = "<at>Service Desk</at>",
            },
            // Entities of other types shape their fields as they like; none of that may break the message.
            new JsonObject { ["type"] = "streaminfo", ["text"] = new JsonObject { ["a"] = 1 }, ["mentioned"] = 3 });

        await host.PostAsync(message);

        Assert.Equal("my badge stopped working", Assert.Single(host.Desk.Queries).Text);
    }

    [Fact]
    public async Task Message_WithoutText_AsksForWords_AndSubmitsNothing()
    {
        var message = host.Message("  ");
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "http://127.0.0.1/x.png" });

        var response = await host.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Desk.Queries);
        Assert.Contains("describe in a few words", Assert.Single(host.Connector.Received).Property("text"));
    }

    [Fact]
    public async Task ConversationUpdate_WhenAUserJoins_GreetsThemAndOffersAPerson()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = "upd-1",
            ["serviceUrl"] = host.Connector.BaseUrl,
            ["channelId"] = "directline",
            ["from"] = new JsonObject { ["id"] = "user-7" },
            ["recipient"] = new JsonObject { ["id"] = "desk-bot", ["name"] = "Service Desk" },
            ["conversation"] = new JsonObject { ["id"] = "conv-2" },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "desk-bot" }, new JsonObject { ["id"] = "user-7", ["name"] = "Ana" }),
        };

        var response = await host.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Desk.Queries);
        var greeting = Assert.Single(host.Connector.Received);
        Assert.Equal("/v3/conversations/conv-2/activities", greeting.RawTarget);
        Assert.Equal("message", greeting.Property("type"));
        Assert.Equal("user-7", greeting.Property("recipient", "id"));
        Assert.Equal("desk-bot", greeting.Property("from", "id"));
        Assert.Contains("Hello, Ana!", greeting.Property("text"));
        Assert.Contains("You can always ask for a person", greeting.Property("text"));
    }

    [Fact]
    public async Task ConversationUpdate_NamingNoMember_AsWebChatsDirectLineSendsIt_GreetsTheConversation()
    {
        // What offline-directline sends when Web Chat opens a conversation: no member, no recipient.
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["id"] = "upd-9",
            ["channelId"] = "emulator",
            ["serviceUrl"] = host.Connector.BaseUrl,
            ["conversation"] = new JsonObject { ["id"] = "conv-9" },
            ["membersAdded"] = new JsonArray(),
            ["membersRemoved"] = new JsonArray(),
            ["from"] = new JsonObject { ["id"] = "offline-directline", ["name"] = "Offline Directline Server" },
        };

        var response = await host.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var greeting = Assert.Single(host.Connector.Received);
        Assert.Equal("/v3/conversations/conv-9/activities", greeting.RawTarget);
        Assert.StartsWith("Hello! I'm the service desk's assistant.", greeting.Property("text"));
        Assert.False(greeting.Body.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task ConversationUpdate_ThatOnlyRemovesAMember_SendsNothing()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["serviceUrl"] = host.Connector.BaseUrl,
            ["conversation"] = new JsonObject { ["id"] = "conv-10" },
            ["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "user-3" }),
        };

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(update)).StatusCode);
        Assert.Empty(host.Connector.Received);
    }

    [Theory]
    [InlineData("en-US", "我的电脑无法连接VPN")]
    [InlineData(null, "打印机卡纸了")]
    public async Task ChineseText_IsAnsweredInChinese_WhateverTheLocale(string? locale, string text)
    {
        var message = host.Message(text);
        message["locale"] = locale;

        await host.PostAsync(message);

        var reply = Assert.Single(host.Connector.Received);
        Assert.Contains("您的编号是", reply.Property("text"));
        Assert.StartsWith("zh", reply.Property("locale"));
    }

    [Fact]
    public async Task EnglishText_InAChineseLocale_IsAnsweredInEnglish()
    {
        var message = host.Message("My laptop will not connect to the VPN");
        message["locale"] = "zh-CN";

        await host.PostAsync(message);

        Assert.Contains("Your reference is", Assert.Single(host.Connector.Received).Property("text"));
    }

    [Fact]
    public async Task ConversationUpdate_WhenOnlyTheBotJoins_SendsNothing()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["serviceUrl"] = host.Connector.BaseUrl,
            ["recipient"] = new JsonObject { ["id"] = "desk-bot" },
            ["conversation"] = new JsonObject { ["id"] = "conv-3" },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "desk-bot" }),
        };

        var response = await host.PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Connector.Received);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("event")]
    [InlineData("messageReaction")]
    public async Task OtherActivityTypes_AreAcknowledgedAndIgnored(string type)
    {
        var activity = host.Message("ignored");
        activity["type"] = type;

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Desk.Queries);
        Assert.Empty(host.Connector.Received);
    }

    [Fact]
    public async Task Logs_CarryNoMessageTextNameOrIds()
    {
        await host.PostAsync(host.Message("My password is hunter2 and the VPN drops"));

        Assert.Contains(host.Logs.Lines, line => line.Contains("Submit"));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("hunter2") || line.Contains("Ana Silva") || line.Contains("user-7") || line.Contains("messageid"));
    }
}
