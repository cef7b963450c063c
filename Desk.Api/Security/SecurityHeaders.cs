using Desk.Api.Jobs;

namespace Desk.Api.Security;

/// <summary>
/// Headers that keep a browser from reading an API answer as a page, and the jobs dashboard to its own files (the
/// console sets its own policy).
/// </summary>
internal static class SecurityHeaders
{
    const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    // Hangfire's dashboard loads its scripts and styles from its own routes and runs no inline script.
    const string DashboardPolicy = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        // Read now: the dashboard moves its prefix from Path to PathBase while it answers.
        var path = http.Request.Path;
        // The API docs page is a page with scripts of its own; everything else under /api is data.
        var policy = path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/docs") ? ApiPolicy
            : path.StartsWithSegments(JobsSetup.DashboardPath) ? DashboardPolicy
            : null;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (policy is not null)
            {
                headers.ContentSecurityPolicy = policy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        return next(http);
    }
}
