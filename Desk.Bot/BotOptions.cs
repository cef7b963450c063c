using System.ComponentModel.DataAnnotations;

namespace Desk.Bot;

/// <summary>The bot's settings, bound from the <c>Bot</c> section.</summary>
public sealed class BotOptions : IValidatableObject
{
    public const string Section = "Bot";

    // Replies go only to these connectors, or the bot would post wherever an activity's serviceUrl points.
    // An entry is a URL prefix; a port of * matches any port (http://127.0.0.1:* for local channels).
    [Required, MinLength(1)]
    public List<string> AllowedServiceUrls { get; set; } = [];

    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 10_000;

    [Range(1_024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    // How long a send to the connector may take; one without an answer by then is not sent again (it may have arrived).
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    // Direct Line with a secret lets the page pick the user's id, so a user's id there proves nothing: the bot tells a
    // user only of the queries the same conversation carried. True where the site gives each page a Direct Line token
    // made for the signed-in user, with enhanced authentication on (the channel then refuses any other user id).
    public bool TrustDirectLineUserIds { get; set; }

    static readonly HashSet<string> PageChosenUserIds = new(["directline", "webchat"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a user's id on this channel says who they are (Teams, Slack: the channel signs the user in).</summary>
    public bool VouchesForUserIds(string channelId) => TrustDirectLineUserIds || !PageChosenUserIds.Contains(channelId);

    // Bot Framework authentication, both ways. Empty (local development, the Emulator, offline-directline): off,
    // and /api/messages takes the host's API keys only.
    public string? MicrosoftAppId { get; set; }

    // The app's client secret for outbound tokens. Never logged.
    public string? MicrosoftAppPassword { get; set; }

    // Where the channel's signing keys are published (the Bot Framework's OpenID metadata).
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    // Who may sign an inbound token; empty means the defaults below. (The binder adds configured entries to a
    // list's initial ones, so the defaults cannot be the initial value.)
    public List<string> ValidIssuers { get; set; } = [];

    // The Bot Connector service, and the Emulator's tenants (v1 and v2 tokens), as the Bot Framework documents.
    public static readonly IReadOnlyList<string> DefaultIssuers =
    [
        "https://api.botframework.com",
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    // Outbound: the client-credentials token the Bot Connector expects on every reply.
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    public IReadOnlyList<string> Issuers => ValidIssuers.Count > 0 ? ValidIssuers : DefaultIssuers;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AuthenticationEnabled)
        {
            if (string.IsNullOrEmpty(MicrosoftAppPassword))
                yield return new ValidationResult("Bot:MicrosoftAppPassword is required when Bot:MicrosoftAppId is set.",
                    [nameof(MicrosoftAppPassword)]);
            if (!IsSecureUrl(OpenIdMetadataUrl))
                yield return new ValidationResult("Bot:OpenIdMetadataUrl must be an https URL (http only on loopback).",
                    [nameof(OpenIdMetadataUrl)]);
            if (!IsSecureUrl(TokenEndpoint))
                yield return new ValidationResult("Bot:TokenEndpoint must be an https URL (http only on loopback).",
                    [nameof(TokenEndpoint)]);
            if (ValidIssuers.Any(string.IsNullOrWhiteSpace))
                yield return new ValidationResult("Bot:ValidIssuers has an empty entry.", [nameof(ValidIssuers)]);
            if (string.IsNullOrWhiteSpace(TokenScope))
                yield return new ValidationResult("Bot:TokenScope is required when Bot:MicrosoftAppId is set.", [nameof(TokenScope)]);
        }
        else if (!string.IsNullOrEmpty(MicrosoftAppPassword))
        {
            yield return new ValidationResult("Bot:MicrosoftAppPassword is set but Bot:MicrosoftAppId is not.",
                [nameof(MicrosoftAppId)]);
        }
        foreach (var entry in AllowedServiceUrls)
        {
            if (!ServiceUrlPattern.TryParse(entry, out _))
            {
                yield return new ValidationResult(
                    $"'{entry}' is not an http(s) URL prefix such as https://smba.trafficmanager.net/ or http://127.0.0.1:*.",
                    [nameof(AllowedServiceUrls)]);
            }
        }
    }

    // Plain http is for a local metadata document or token endpoint only (tests, a developer's machine).
    internal static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    static bool IsSecureUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback));
}
