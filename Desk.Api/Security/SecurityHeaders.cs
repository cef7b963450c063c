namespace Desk.Api.Security;

/// <summary>Headers that keep a browser from reading an API answer as a page (the console sets its own policy).</summary>
internal static class SecurityHeaders
{
    const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // The API docs page is a page with scripts of its own; everything else under /api is data.
            if (http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/api/docs"))
            {
                headers.ContentSecurityPolicy = ApiPolicy;
                headers.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        return next(http);
    }
}
