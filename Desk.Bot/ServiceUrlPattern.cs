using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Desk.Bot;

// One allowed serviceUrl prefix: scheme, host and path prefix must match exactly, the port may be *.
internal sealed partial class ServiceUrlPattern
{
    readonly string scheme;
    readonly string host;
    readonly int? port;
    readonly string pathPrefix;

    ServiceUrlPattern(string scheme, string host, int? port, string pathPrefix)
    {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.pathPrefix = pathPrefix;
    }

    public static bool TryParse(string? entry, [NotNullWhen(true)] out ServiceUrlPattern? pattern)
    {
        pattern = null;
        var match = entry is null ? Match.Empty : Shape().Match(entry);
        if (!match.Success)
            return false;

        var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
        var portText = match.Groups["port"].Value;
        int? port = portText switch
        {
            "*" => null,
            "" => scheme == "https" ? 443 : 80,
            _ => int.Parse(portText, System.Globalization.CultureInfo.InvariantCulture),
        };
        if (port is 0 or > 65_535)
            return false;

        // Let Uri normalise the host (case, IPv6 brackets) the same way it will for an activity's serviceUrl.
        if (!Uri.TryCreate($"{scheme}://{match.Groups["host"].Value}/", UriKind.Absolute, out var hostOnly))
            return false;

        pattern = new ServiceUrlPattern(scheme, hostOnly.Host, port, WithSlash(match.Groups["path"].Value));
        return true;
    }

    public bool Allows(Uri serviceUrl) =>
        serviceUrl.Scheme == scheme
        && string.Equals(serviceUrl.Host, host, StringComparison.OrdinalIgnoreCase)
        && (port is null || serviceUrl.Port == port)
        && WithSlash(serviceUrl.AbsolutePath).StartsWith(pathPrefix, StringComparison.Ordinal);

    static string WithSlash(string path) => path.EndsWith('/') ? path : path + "/";

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(?<port>\*|[0-9]{1,5}))?(?<path>/[^?#*]*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
