using Desk.Api.Identity;
using Desk.Api.Jobs;
using Desk.Api.Sms;
using Desk.Bot;
using Microsoft.Extensions.Options;

namespace Desk.Api.Security;

/// <summary>
/// Cookie-authenticated writes must come from the console's own page. A browser always tells where a request
/// comes from (Sec-Fetch-Site, Origin), and a page on another origin cannot add a custom header without a CORS
/// preflight, which the desk never grants. SameSite=Strict alone lets a page on another port of the same host in.
/// </summary>
internal sealed partial class SameOriginGuard(RequestDelegate next, IOptions<SecurityOptions> options, ILogger<SameOriginGuard> logger)
{
    /// <summary>The console sends it on every call; its value is not checked, only that a page could set it.</summary>
    public const string ClientHeader = "X-Desk-Client";

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var api = request.Path.StartsWithSegments("/api");
        var hub = request.Path.StartsWithSegments("/hubs");
        // Hangfire's dashboard posts its actions from its own scripts, which send its antiforgery token, not our header.
        var jobs = request.Path.StartsWithSegments(JobsSetup.DashboardPath);
        // API-key callers are channels and integrations, not browsers carrying someone's cookie. The bot endpoint
        // admits only a bot-scoped key or a channel token, never a cookie, so it has nothing to guard, and a channel
        // without credentials is told 401, not 403. Twilio's webhook is the same: its signature admits it, and
        // Twilio sends no header of ours.
        if ((!api && !hub && !jobs) || ApiKeyAuthentication.IsPresent(request)
            || request.Path.StartsWithSegments(DeskBotExtensions.MessagesPath) || request.Path.StartsWithSegments(SmsApi.WebhookPath))
        {
            await next(http);
            return;
        }
        var writes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // The hub is checked on reads too: a WebSocket is not bound by CORS, so another origin could listen in.
        if ((writes || hub) && Refusal(request, writes, needsHeader: !jobs) is { } reason)
        {
            LogRefused(request.Method, request.Path, reason);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Cross-origin request refused",
                    Detail = $"A request that changes something without an API key must come from the desk's own console or portal ({reason}).",
                },
            });
            return;
        }
        await next(http);
    }

    string? Refusal(HttpRequest request, bool writes, bool needsHeader)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin" && !(site == "none" && !writes))
            return $"Sec-Fetch-Site is {site}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwn(request, origin))
            return "Origin is not the desk's";
        if (writes && needsHeader && string.IsNullOrEmpty(request.Headers[ClientHeader]))
            return $"no {ClientHeader} header";
        return null;
    }

    bool IsOwn(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || options.Value.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cross-origin {Method} {Path}: {Reason}")]
    partial void LogRefused(string method, string path, string reason);
}
