using System.Text.Json;
using Desk.Bot.Activities;

namespace Desk.Bot;

internal static class Mentions
{
    // Teams and Slack put "<at>Bot</at>" in the text when a user addresses the bot; that is not part of the query.
    public static string WithoutBot(Activity message)
    {
        var text = message.Text ?? "";
        foreach (var entity in message.Entities ?? [])
        {
            if (string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)
                && MentionedId(entity) is { Length: > 0 } id
                && id == message.Recipient?.Id
                && String(entity, "text") is { Length: > 0 } mentionText)
                text = text.Replace(mentionText, "", StringComparison.Ordinal);
        }
        return text.Trim();
    }

    static string? MentionedId(Entity entity) =>
        entity.Extra?.GetValueOrDefault("mentioned") is { ValueKind: JsonValueKind.Object } mentioned
        && mentioned.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    static string? String(Entity entity, string name) =>
        entity.Extra?.GetValueOrDefault(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
