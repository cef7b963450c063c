using System.ComponentModel.DataAnnotations;

namespace Desk.Bot;

internal sealed class BotOptions : IValidatableObject
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

    // Channels give a bot about 15 seconds to answer; the reply is sent before the bot answers.
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
}
