using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Desk.Api.Security;

internal sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>
    /// Origins besides the desk's own that may send signed-in writes, e.g. the console served from another host
    /// name (https://desk.example.org). The desk's own origin is always allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (loopback always is). Behind TLS
    /// this is what makes the session cookie Secure and gives rate limits the client's real address.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
                yield return new ValidationResult($"'{origin}' is not an origin such as https://desk.example.org.", [nameof(AllowedOrigins)]);
        foreach (var proxy in KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                yield return new ValidationResult($"'{proxy}' is not an IP address.", [nameof(KnownProxies)]);
    }
}
