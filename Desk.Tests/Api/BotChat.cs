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
    readonly bool ownsConnector;
    HttpClient http;

    BotChat(DeskApplication desk, HttpClient http, RecordingConnector connector, string user, string locale, bool group,
        string? conversationId = null)
    {
        (this.desk, this.http, Connector, User, Locale, Group) = (desk, http, connector, user, locale, group);
        ConversationId = conversationId ?? "conv-" + Guid.NewGuid().ToString("N");
        ownsConnector = conversationId is null;
    }

    public RecordingConnector Connector { get; }
    public string User { get; }
    public string ConversationId { get; }
    public string Locale { get; set; }

    /// <summary>The user's name as the channel sends it (from.name).</summary>
    public string Name { get; set; } = "Ana Silva";

    /// <summary>The channel it runs on: Direct Line (Web Chat) unless a test sets another, such as <c>msteams</c>.</summary>
    public string Channel { get; set; } = "directline";

    /// <summary>The user's time zone as Web Chat sends it (localTimezone); none unless a test sets one.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The user's local time as the channel sends it (localTimestamp), raw; none unless a test sets one.</summary>
    public string? LocalTimestamp { get; set; }

    /// <summary>A group conversation (a Teams group chat or channel): several people write in it.</summary>
    public bool Group { get; }

    public static async Task<BotChat> StartAsync(DeskApplication desk, string locale = "en-US", HttpClient? key = null, bool group = false)
    {
        var connector = new RecordingConnector();
        await connector.StartAsync();
        return new BotChat(desk, key ?? await desk.WithApiKeyAsync("bot"), connector, NewUser(), locale, group);
    }

    static string NewUser() => "user-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The same user in a new conversation on the same channel (Web Chat starts one on each page load).</summary>
    public BotChat InNewConversation() =>
        new(desk, http, Connector, User, Locale, Group, "conv-" + Guid.NewGuid().ToString("N")) { Channel = Channel };

    /// <summary>Another person in this chat's (group) conversation.</summary>
    public BotChat OtherMember() => new(desk, http, Connector, NewUser(), Locale, Group, ConversationId);

    /// <summary>Everything the desk sent this user so far, oldest first.</summary>
    public IReadOnlyList<BotMessage> Received => Connector.Received.Select(BotMessage.Of).ToList();

    /// <summary>Says something and returns what the desk answered once its outbox has sent it.</summary>
    public Task<IReadOnlyList<BotMessage>> SayAsync(string text) => SendAsync(() => PostAsync(text));

    public Task<HttpResponseMessage> PostAsync(string text, string? id = null, object[]? attachments = null, string type = "message") =>
        http.PostAsJsonAsync("/api/messages", new
        {
            type,
            id = id ?? "act-" + Guid.NewGuid().ToString("N"),
            channelId = Channel,
            serviceUrl = Connector.BaseUrl,
            from = new { id = User, name = Name },
            recipient = new { id = "desk-bot", name = "Service Desk" },
            conversation = new { id = ConversationId, isGroup = Group },
            text,
            locale = Locale,
            localTimezone = TimeZone,
            localTimestamp = LocalTimestamp,
            attachments,
            membersAdded = type == "conversationUpdate" ? new[] { new { id = User, name = Name } } : null,
        });

    /// <summary>Sends a file, with or without words, and returns what the desk answered.</summary>
    public Task<IReadOnlyList<BotMessage>> SendFileAsync(string name, string text = "") =>
        SendAsync(() => PostAsync(text, attachments: [new { contentType = "image/png", contentUrl = $"https://files.example.org/{name}", name }]));

    /// <summary>Sends files in one message, each as a channel names it (an image with a link).</summary>
    public Task<IReadOnlyList<BotMessage>> SendFilesAsync(string text, params string[] names) =>
        SendAsync(() => PostAsync(text, attachments: [.. names.Select(name => new { contentType = "image/png", contentUrl = $"https://files.example.org/{Guid.NewGuid():N}.png", name })]));

    /// <summary>Joins the conversation again (a conversationUpdate naming the user) and returns what the desk answered.</summary>
    public Task<IReadOnlyList<BotMessage>> RejoinAsync() => SendAsync(() => PostAsync("", type: "conversationUpdate"));

    async Task<IReadOnlyList<BotMessage>> SendAsync(Func<Task<HttpResponseMessage>> post)
    {
        var before = Connector.Received.Count;
        var response = await post();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await DrainedAsync();
        return Connector.Received.Skip(before).Select(BotMessage.Of).ToList();
    }

    /// <summary>The chat's bot key, for a client of another desk host on the same database.</summary>
    public string Key => http.DefaultRequestHeaders.GetValues("X-Api-Key").Single();

    /// <summary>Goes on through another client (another desk host, the same channel and key).</summary>
    public void Through(HttpClient other) => http = other;

    public Task DrainedAsync() => desk.OutboxDrainedAsync(Connector.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        if (!ownsConnector)
            return;
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
