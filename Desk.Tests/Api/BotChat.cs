using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Bot;

namespace Desk.Tests.Api;

/// <summary>
/// One user chatting with the desk's bot as a Bot Framework channel would: activities in through a bot key, the
/// desk's messages out through its outbox to a recording connector.
/// </summary>
internal sealed class BotChat : IAsyncDisposable
{
    readonly DeskApplication desk;
    HttpClient http;

    BotChat(DeskApplication desk, HttpClient http, RecordingConnector connector, string user, string locale)
    {
        (this.desk, this.http, Connector, User, Locale) = (desk, http, connector, user, locale);
        ConversationId = "conv-" + Guid.NewGuid().ToString("N");
    }

    public RecordingConnector Connector { get; }
    public string User { get; }
    public string ConversationId { get; }
    public string Locale { get; set; }

    public static async Task<BotChat> StartAsync(DeskApplication desk, string locale = "en-US", HttpClient? key = null)
    {
        var connector = new RecordingConnector();
        await connector.StartAsync();
        return new BotChat(desk, key ?? await desk.WithApiKeyAsync("bot"), connector, "user-" + Guid.NewGuid().ToString("N")[..12], locale);
    }

    /// <summary>Everything the desk sent this user so far, oldest first.</summary>
    public IReadOnlyList<BotMessage> Received => Connector.Received.Select(BotMessage.Of).ToList();

    /// <summary>Says something and returns what the desk answered once its outbox has sent it.</summary>
    public async Task<IReadOnlyList<BotMessage>> SayAsync(string text)
    {
        var before = Connector.Received.Count;
        var response = await PostAsync(text);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await DrainedAsync();
        return Connector.Received.Skip(before).Select(BotMessage.Of).ToList();
    }

    public Task<HttpResponseMessage> PostAsync(string text, string? id = null) =>
        http.PostAsJsonAsync("/api/messages", new
        {
            type = "message",
            id = id ?? "act-" + Guid.NewGuid().ToString("N"),
            channelId = "directline",
            serviceUrl = Connector.BaseUrl,
            from = new { id = User, name = "Ana Silva" },
            recipient = new { id = "desk-bot", name = "Service Desk" },
            conversation = new { id = ConversationId },
            text,
            locale = Locale,
        });

    /// <summary>The chat's bot key, for a client of another desk host on the same database.</summary>
    public string Key => http.DefaultRequestHeaders.GetValues("X-Api-Key").Single();

    /// <summary>Goes on through another client (another desk host, the same channel and key).</summary>
    public void Through(HttpClient other) => http = other;

    public Task DrainedAsync() => desk.OutboxDrainedAsync(Connector.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Connector.DisposeAsync();
    }
}

/// <summary>A message the desk sent to the chat: its text, its buttons, whom it answered.</summary>
internal sealed record BotMessage(string Text, IReadOnlyList<string> Actions, string? ReplyToId, string? FromName)
{
    public static BotMessage Of(ConnectorRequest request)
    {
        var body = request.Body;
        var actions = body.TryGetProperty("suggestedActions", out var suggested) && suggested.TryGetProperty("actions", out var list)
            ? list.EnumerateArray().Select(a => a.GetProperty("value").GetString()!).ToList()
            : [];
        return new BotMessage(request.Property("text") ?? "", actions, request.Property("replyToId"), request.Property("from", "name"));
    }

    public override string ToString() => Text + (Actions.Count > 0 ? " [" + string.Join(" | ", Actions) + "]" : "");
}
