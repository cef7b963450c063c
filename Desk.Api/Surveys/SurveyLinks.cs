using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Desk.Api.Surveys;

/// <summary>
/// The answer link mailed or texted with a survey. An absolute <c>Surveys:AnswerLink</c> is used as written; a path
/// (the default, <c>/survey/{token}</c>) is put after the address the desk listens on, so a desk started on another
/// port still links to itself. A deployment behind a proxy or a public name sets the absolute form.
/// </summary>
internal sealed class SurveyLinks(IServer server, IOptionsMonitor<SurveyOptions> options)
{
    public string For(string token)
    {
        var link = options.CurrentValue.AnswerLink.Replace("{token}", token, StringComparison.Ordinal);
        return link.StartsWith('/') ? Origin(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) + link : link;
    }

    /// <summary>
    /// The first https address the server is bound to, else the first http one; a wildcard host (<c>+</c>, <c>*</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) is named localhost. A server with no address (an in-memory test host) is
    /// http://localhost.
    /// </summary>
    internal static string Origin(IEnumerable<string> addresses)
    {
        var bound = addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(u => u.Scheme is "http" or "https")
            .OrderBy(u => u.Scheme == "https" ? 0 : 1)
            .FirstOrDefault();
        if (bound is null)
            return "http://localhost";
        var host = bound.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : bound.Host;
        return new UriBuilder(bound.Scheme, host, bound.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
