using System.Text.Json;
using System.Text.Json.Serialization;

namespace Desk.Bot.Activities;

// The Bot Framework Activity schema, the fields this bot reads or writes. Fields it does not know are kept in
// Extra and written back out, so a copied conversation (Teams' tenantId, conversationType...) survives the trip.

internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    [JsonConverter(typeof(LenientTimestamp))]
    public DateTimeOffset? Timestamp { get; init; }
    [JsonConverter(typeof(LenientTimestamp))]
    public DateTimeOffset? LocalTimestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? ReplyToId { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public JsonElement? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public string? TopicName { get; init; }
    public JsonElement? Value { get; init; }
    public SuggestedActions? SuggestedActions { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool? IsGroup { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? ContentUrl { get; init; }
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
    public string? ThumbnailUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

// Entities are open-ended (mention, clientInfo, place...) and their fields differ in shape from one type to
// the next, so beyond the type they stay raw JSON; Mentions reads the two fields it needs.
internal sealed record Entity
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

// Buttons shown under a message until the user answers; imBack posts the value back as the user's own message.
internal sealed record SuggestedActions
{
    public IReadOnlyList<string>? To { get; init; }
    public IReadOnlyList<CardAction>? Actions { get; init; }
}

internal sealed record CardAction
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? Value { get; init; }
}

internal static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(BotAddress))]
[JsonSerializable(typeof(ConversationAccount))]
internal sealed partial class ActivityJson : JsonSerializerContext;
