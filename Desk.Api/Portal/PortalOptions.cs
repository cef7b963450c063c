using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Portal;

/// <summary>The end users' portal: how long a sign-in code and a session live, and how often codes may be asked for.</summary>
internal sealed class PortalOptions
{
    public const string Section = "Portal";

    public TimeSpan CodeLife { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong tries after which a code is dead, even for the right digits: a new code must be asked for.</summary>
    [Range(1, 20)]
    public int MaxWrongTries { get; set; } = 5;

    /// <summary>Codes one address may be sent per <see cref="CodeWindow"/> at one client's asking.</summary>
    [Range(1, 100)]
    public int CodesPerAddress { get; set; } = 3;

    /// <summary>
    /// Codes one address may be sent per <see cref="CodeWindow"/> whoever asks: what bounds the mail or texts someone
    /// else can send it, while one client asking for it cannot stop its owner asking too.
    /// </summary>
    [Range(1, 1000)]
    public int CodesPerAddressInAll { get; set; } = 10;

    /// <summary>Codes one client (IP address) may ask for per <see cref="CodeWindow"/>, whatever the addresses.</summary>
    [Range(1, 1000)]
    public int CodesPerClient { get; set; } = 20;

    public TimeSpan CodeWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan SessionLife { get; set; } = TimeSpan.FromHours(12);
}
