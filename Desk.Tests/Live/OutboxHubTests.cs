using System.Text.Json;
using Desk.Api.Routing;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Http;

namespace Desk.Tests.Live;

/// <summary>What comes of a message to a chat user reaches the console as it happens, through the real SignalR client.</summary>
[Collection(LiveCollection.Name)]
public sealed class OutboxHubTests(LiveDesk desk)
{
    [Fact]
    public async Task AReplysDeliveryChanges_ArePushedToTheConsole_AsTheyHappen()
    {
        var queues = string.Join(',', Practice.Queues.Select(q => q.Queue));
        await using var console = NodeHubClient.Start(desk.BaseAddress, "agent2", "agent2-pass-1", queues);
        var ready = await console.WaitForAsync(l => l.Str("event") is "ready" or "start-failed" or "invoke-failed");
        Assert.Equal("ready", ready.Str("event"));
        await using var chat = await ChatQuery.StartAsync(desk);
        chat.Connector.AnswerStatus = StatusCodes.Status503ServiceUnavailable;

        var reply = await chat.ReplyAsync("Is the power light on?");

        var retrying = await DeliveryPushAsync(console, reply, "retrying");
        Assert.Equal(chat.Reference, retrying.Str("reference"));
        Assert.Equal(1, retrying.GetProperty("delivery").GetProperty("attempts").GetInt32());
        Assert.Contains("503", retrying.GetProperty("delivery").Str("error"));
        chat.Connector.AnswerStatus = StatusCodes.Status200OK;
        desk.Clock.Advance(TimeSpan.FromHours(1));
        var sent = await DeliveryPushAsync(console, reply, "sent");
        Assert.Equal(2, sent.GetProperty("delivery").GetProperty("attempts").GetInt32());
    }

    static async Task<JsonElement> DeliveryPushAsync(NodeHubClient console, JsonElement entry, string state)
    {
        var id = entry.GetProperty("id").GetInt64();
        var line = await console.WaitForAsync(l => l.Str("event") == "DeliveryChanged"
            && l.GetProperty("payload").GetProperty("entryId").GetInt64() == id
            && l.GetProperty("payload").GetProperty("delivery").Str("state") == state);
        return line.GetProperty("payload");
    }
}
