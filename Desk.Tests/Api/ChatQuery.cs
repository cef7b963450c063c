using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Desk.Tests.Bot;

namespace Desk.Tests.Api;

/// <summary>
/// A chat user whose words the bot made a query of at once, and agent2 (who works every queue) answering it: what the
/// outbox tests need to send a user messages and follow their delivery on the query's timeline.
/// </summary>
internal sealed partial class ChatQuery : IAsyncDisposable
{
    /// <summary>Words the bot takes as a query at once: confident, and no knowledge article to offer first.</summary>
    public const string Confident = "My monitor shows no picture since this morning";

    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    ChatQuery(BotChat chat, string reference, HttpClient agent) => (Chat, Reference, Agent) = (chat, reference, agent);

    public BotChat Chat { get; }

    public string Reference { get; }

    public HttpClient Agent { get; }

    public RecordingConnector Connector => Chat.Connector;

    /// <summary>Starts the chat, says <see cref="Confident"/> and waits for the bot's answer naming the query.</summary>
    public static async Task<ChatQuery> StartAsync(DeskApplication desk)
    {
        var chat = await BotChat.StartAsync(desk);
        var answers = await chat.SayAsync(Confident);
        var reference = answers.Select(a => ReferenceShape().Match(a.Text)).FirstOrDefault(m => m.Success)?.Value;
        Assert.True(reference is not null, $"The bot named no query: {string.Join(" / ", answers)}");
        return new ChatQuery(chat, reference, await desk.SignInAsync("agent2"));
    }

    /// <summary>agent2 writes <paramref name="words"/>, made unique, on the query; returns the timeline entry.</summary>
    public Task<JsonElement> ReplyAsync(string words, string visibility = "public") =>
        WriteAsync(Agent, Reference, $"{words} {Guid.NewGuid():N}", visibility);

    public Task<JsonElement> DeliveryAsync(JsonElement entry, string state) =>
        DeliveryAsync(Agent, Reference, entry, d => d.Str("state") == state);

    /// <summary>The status the connector answered each time it was sent the entry's words, in order.</summary>
    public IEnumerable<int> Answers(JsonElement entry) =>
        Connector.Received.Where(r => r.Property("text") == entry.Str("body")).Select(r => r.Status);

    public static async Task<JsonElement> WriteAsync(HttpClient agent, string reference, string text, string visibility = "public")
    {
        var response = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text, visibility });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Waits until the timeline shows the entry's delivery as <paramref name="wanted"/>; returns it.</summary>
    public static Task<JsonElement> DeliveryAsync(HttpClient agent, string reference, JsonElement entry, Func<JsonElement, bool> wanted) =>
        DeliveryAsync(agent, reference, entry.GetProperty("id").GetInt64(), wanted, $"\"{entry.Str("body")}\"");

    public static async Task<JsonElement> DeliveryAsync(HttpClient agent, string reference, long entryId, Func<JsonElement, bool> wanted,
        string? what = null)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var delivery = await DeliveryOfAsync(agent, reference, entryId);
            if (delivery is { } found && wanted(found))
                return found;
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"The delivery of {what ?? $"entry {entryId}"} stayed {delivery?.ToString() ?? "absent"}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The entry's delivery as the timeline shows it; null for an entry that sent nothing.</summary>
    public static async Task<JsonElement?> DeliveryOfAsync(HttpClient agent, string reference, long entryId)
    {
        var detail = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var entry = detail.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == entryId);
        return entry.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == JsonValueKind.Object ? delivery : null;
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        await Chat.DisposeAsync();
    }

    [GeneratedRegex("[A-Z]{3}-[0-9]+")]
    private static partial Regex ReferenceShape();
}
