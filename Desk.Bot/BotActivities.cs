using System.Text.Json;
using Desk.Bot.Activities;

namespace Desk.Bot;

/// <summary>
/// The activities the desk sends, as JSON for its outbox: the bot's replies, and later messages (a person's words,
/// notices) to a conversation at the address it gave. <see cref="BotConnector"/> sends them.
/// </summary>
public static class BotActivities
{
    /// <summary>A conversation's address as the desk stores it.</summary>
    public static string Write(BotAddress address) => JsonSerializer.Serialize(address, ActivityJson.Default.BotAddress);

    public static BotAddress Read(string address) =>
        JsonSerializer.Deserialize(address, ActivityJson.Default.BotAddress) ?? throw new JsonException("No conversation address.");

    /// <summary>The bot's reply to an activity (<paramref name="replyToId"/>), or to the conversation when null.</summary>
    public static string Reply(BotAddress address, string? replyToId, BotReply reply, BotLanguage language) =>
        Serialize(Message(address, reply.Text, language, null) with
        {
            ReplyToId = replyToId,
            SuggestedActions = reply.Actions is { Count: > 0 } actions
                ? new SuggestedActions
                {
                    To = address.User.Id is { } user ? [user] : null,
                    Actions = actions.Select(a => new CardAction { Type = "imBack", Title = a.Title, Value = a.Value }).ToList(),
                }
                : null,
        });

    /// <summary>A message the desk starts: a person's words (<paramref name="sender"/> names them) or a notice.</summary>
    public static string Proactive(string address, string text, string? sender, BotLanguage language) =>
        Serialize(Message(Read(address), text, language, sender));

    static Activity Message(BotAddress address, string text, BotLanguage language, string? sender) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = address.ChannelId,
        ServiceUrl = address.ServiceUrl,
        From = new ChannelAccount { Id = address.Bot.Id, Name = sender ?? address.Bot.Name, Role = "bot" },
        Recipient = address.User.Id is null ? null : new ChannelAccount { Id = address.User.Id, Name = address.User.Name, Role = "user" },
        Conversation = address.Conversation is { ValueKind: JsonValueKind.Object } conversation
            ? conversation.Deserialize(ActivityJson.Default.ConversationAccount)
            : new ConversationAccount { Id = address.ConversationId },
        Text = text,
        // Plain, so a user name, an agent's words or a reference is never read as markdown.
        TextFormat = "plain",
        Locale = BotWording.LocaleOf(language, address.Locale),
    };

    static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, ActivityJson.Default.Activity);
}
