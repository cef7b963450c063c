using Desk.Api.Jobs;

namespace Desk.Api.Security;

/// <summary>
/// Headers that keep a browser from reading an API answer as a page or caching it, and the jobs dashboard to its own
/// files (the console sets its own policy).
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
        var data = path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/docs");
        var policy = data ? ApiPolicy : path.StartsWithSegments(JobsSetup.DashboardPath) ? DashboardPolicy : null;
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (policy is not null)
            {
                headers.ContentSecurityPolicy = policy;
                headers.XFrameOptions = "DENY";
            }
            // API answers hold people's queries and contact details: no browser or proxy cache keeps them (after a
            // sign-out, on a shared machine), unless an endpoint chose its own caching.
            if (data && headers.CacheControl.Count == 0)
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
