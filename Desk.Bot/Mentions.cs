using Desk.Bot.Activities;

namespace Desk.Bot;

internal static class Mentions
{
    // Teams and Slack put "<at>Bot</at>" in the text when a user addresses the bot; that is not part of the query.
    public static string WithoutBot(Activity message)
    {
        var text = message.Text ?? "";
        foreach (var mention in message.Entities ?? [])
        {
            if (string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase)
                && mention.Mentioned?.Id is { Length: > 0 } id
                && id == message.Recipient?.Id
                && !string.IsNullOrEmpty(mention.Text))
                text = text.Replace(mention.Text, "", StringComparison.Ordinal);
        }
        return text.Trim();
    }
}
