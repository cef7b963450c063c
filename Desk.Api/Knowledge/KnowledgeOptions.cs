using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Knowledge;

internal sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>
    /// How long a node ranks against the published articles it last read: the longest an edit made on another node
    /// goes unseen by this node's bot. Edits made on this node show at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan IndexLifetime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The least score an article needs to be offered. One distinctive word of the user's found in an article's title or
    /// keywords scores about 2.5 to 4; a word found only once in a body, or words most articles share, stay below.
    /// </summary>
    [Range(0.0, 100.0)]
    public double MinScore { get; set; } = 2.5;
}
