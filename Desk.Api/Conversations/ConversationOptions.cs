using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Conversations;

internal sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>How long a user who asked for a person waits before being told nobody is free (the query stays open).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HandoffTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A question of the bot left unanswered this long counts as an abandoned conversation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a node looks for handoffs that waited too long and questions left unanswered.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(15);
}
