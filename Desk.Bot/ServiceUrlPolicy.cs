using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

internal sealed class ServiceUrlPolicy(IOptions<BotOptions> options)
{
    readonly IReadOnlyList<ServiceUrlPattern> patterns = options.Value.AllowedServiceUrls
        .Select(entry => ServiceUrlPattern.TryParse(entry, out var pattern) ? pattern : null)
        .OfType<ServiceUrlPattern>()
        .ToList();

    // An allowed serviceUrl is an absolute http(s) URL with no user info, query or fragment
    // (each would change where, or to whom, the reply goes) under one of the allowed prefixes.
    public bool TryAllow(string? serviceUrl, [NotNullWhen(true)] out Uri? allowed)
    {
        allowed = null;
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || !patterns.Any(pattern => pattern.Allows(uri)))
            return false;

        allowed = uri;
        return true;
    }
}
