using Desk.Classifier;

namespace Desk.Api.Queries;

/// <summary>
/// What a channel knows of a query beyond its words: a type the user chose (which then decides), the language the user
/// reads (the portal page's, the chat's; see <see cref="Intake.SpokenLanguage"/>), and that they asked for a person
/// without saying what about.
/// </summary>
internal sealed record ChannelHints(QueryType? Chosen = null, string? Reads = null, bool OnlyAskedForPerson = false)
{
    public static ChannelHints None { get; } = new();
}
