using System.Text.RegularExpressions;

namespace Desk.Api.Queries;

/// <summary>The channels a query can arrive by (7.3 omnichannel).</summary>
internal static partial class Channels
{
    public static readonly string[] All = ["web", "portal", "email", "sms", "chat", "phone", "social"];

    public static bool IsKnown(string channel) => All.Contains(channel);

    /// <summary>An identity's channel is open-ended (msteams, slack, email, …) but must be a short token.</summary>
    public static bool IsIdentityChannel(string channel) => IdentityChannel().IsMatch(channel);

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,31}$")]
    private static partial Regex IdentityChannel();
}
