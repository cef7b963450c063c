using Desk.Bot;

namespace Desk.Api.Conversations;

/// <summary>
/// A chat as the console lists it: who holds it (<c>bot</c>, <c>waiting</c> for a person, <c>live</c> with
/// <paramref name="Agent"/>), the query it is about, and the user's last words.
/// </summary>
public sealed record ConversationSummary(
    long Id,
    string Channel,
    string State,
    string? Agent,
    string? Reference,
    string? Queue,
    string? ContactName,
    string Language,
    DateTimeOffset? WaitingSince,
    string? LastMessage,
    DateTimeOffset UpdatedAt);

internal static class ConversationStates
{
    public const string Bot = "bot";
    public const string Waiting = "waiting";
    public const string Live = "live";
}

/// <summary>A conversations row.</summary>
internal sealed class ConversationRow
{
    public long Id { get; init; }
    public string Channel { get; init; } = "";
    public string Address { get; set; } = "";
    public long? ContactId { get; set; }
    public string Language { get; set; } = "en";
    public string State { get; set; } = ConversationStates.Bot;
    public string? Step { get; set; }
    public string? Pending { get; set; }
    public long? QueryId { get; set; }
    public string? Agent { get; set; }
    public DateTimeOffset? WaitingSince { get; set; }
    public DateTimeOffset LastUserAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>The language the desk's notices to this chat are in.</summary>
    public BotLanguage Speaks => Language == "zh" ? BotLanguage.Chinese : BotLanguage.English;
}
