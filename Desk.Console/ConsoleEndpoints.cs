using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace Desk.AgentConsole;

/// <summary>Serves the agents' browser console at <c>/console</c>, the supervisors' live board at <c>/board</c> and the admin page at <c>/admin</c>.</summary>
public static class ConsoleEndpoints
{
    const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Registers the console's embedded files. Call once, before <see cref="MapDeskConsole"/>.</summary>
    public static IServiceCollection AddDeskConsole(this IServiceCollection services)
    {
        services.TryAddSingleton<ConsoleAssets>();
        return services;
    }

    /// <summary>
    /// Maps <c>GET /console</c>, <c>/console/</c> and <c>/console/{**path}</c>, open to anonymous callers: the files
    /// hold the sign-in form, and every call they make to the API is authorized by the host. Hashed assets are
    /// cached for a year; index.html is revalidated on every load; a path that names no file falls back to
    /// index.html, and a missing file gets 404.
    /// </summary>
    public static RouteGroupBuilder MapDeskConsole(this IEndpointRouteBuilder app)
    {
        // Resolving here fails start-up, not the first request, when AddDeskConsole was forgotten or the app is missing.
        _ = app.ServiceProvider.GetService<ConsoleAssets>() ?? throw new InvalidOperationException(
            "Call services.AddDeskConsole() before app.MapDeskConsole().");
        var group = app.MapGroup("/console").AllowAnonymous().ExcludeFromDescription();
        group.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], Serve);
        return group;
    }

    /// <summary>
    /// Maps <c>GET /board</c>: the supervisors' live board, a second page of the same build (app/board.html), under the
    /// same policy. Anonymous like the console: the page holds the sign-in form, and <c>/api/board</c> and the hub's
    /// <c>JoinBoard</c> admit supervisors and admins only.
    /// </summary>
    public static RouteHandlerBuilder MapDeskBoard(this IEndpointRouteBuilder app) => MapPage(app, "/board", "board.html");

    /// <summary>
    /// Maps <c>GET /admin</c>: the staff administration page of the same build (app/admin.html), under the same policy.
    /// Anonymous like the board: the page holds the sign-in form, and the admin and classifier APIs it calls admit
    /// admins (and, for the classifier, supervisors) only.
    /// </summary>
    public static RouteHandlerBuilder MapDeskAdmin(this IEndpointRouteBuilder app) => MapPage(app, "/admin", "admin.html");

    /// <summary>
    /// Maps <c>GET /portal</c>: the end users' self-service portal, a third page of the same build (app/portal.html).
    /// Anonymous: the page holds the code sign-in, and <c>/api/portal/me</c> admits only a portal session.
    /// </summary>
    public static RouteHandlerBuilder MapDeskPortal(this IEndpointRouteBuilder app) => MapPage(app, "/portal", "portal.html");

    /// <summary>
    /// Maps <c>GET /portal/queries/{reference}</c>, where a shortened SMS links (<c>Sms:LinkBase</c>): the portal's page,
    /// which opens that query once the user is signed in.
    /// </summary>
    public static RouteHandlerBuilder MapDeskPortalQueryPage(this IEndpointRouteBuilder app) =>
        MapPage(app, "/portal/queries/{reference}", "portal.html");

    /// <summary>
    /// Maps <c>GET /survey/{token}</c>, where the survey links sent by e-mail and SMS lead: the portal's page, which
    /// answers the survey the token names without a sign-in (the token is the only credential).
    /// </summary>
    public static RouteHandlerBuilder MapDeskSurveyPage(this IEndpointRouteBuilder app) => MapPage(app, "/survey/{token}", "portal.html");

    static RouteHandlerBuilder MapPage(IEndpointRouteBuilder app, string path, string file)
    {
        var asset = (app.ServiceProvider.GetService<ConsoleAssets>() ?? throw new InvalidOperationException(
            $"Call services.AddDeskConsole() before mapping {path}.")).Find(file)
            ?? throw new InvalidOperationException($"Desk.Console's build holds no {file}.");
        return app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Send(asset, context, page: true))
            .AllowAnonymous().ExcludeFromDescription();
    }

    static IResult Serve(string? path, HttpContext context, [FromServices] ConsoleAssets assets)
    {
        path ??= "";
        var asset = path.Length == 0 ? assets.Index : assets.Find(path);
        if (asset is null)
        {
            if (NamesAFile(path)) return TypedResults.NotFound();
            asset = assets.Index;
        }
        return Send(asset, context, page: asset.ContentType.StartsWith("text/html", StringComparison.Ordinal));
    }

    static IResult Send(ConsoleAsset asset, HttpContext context, bool page)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = asset.CacheControl;
        headers.XContentTypeOptions = "nosniff";
        if (page)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "same-origin";
        }
        if (asset.Brotli is null) return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);

        headers.Vary = HeaderNames.AcceptEncoding;
        if (!AcceptsBrotli(context.Request)) return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
        headers.ContentEncoding = "br";
        // A different body needs a different validator, or a cache could answer 304 with the wrong encoding.
        var tag = new EntityTagHeaderValue(asset.ETag.Tag.ToString().Insert(asset.ETag.Tag.Length - 1, "-br"));
        return TypedResults.Bytes(asset.Brotli, asset.ContentType, entityTag: tag);
    }

    /// <summary>Client routes (/console/queries/INC-42) get the app; a path with an extension or under assets/ is a file.</summary>
    static bool NamesAFile(string path) =>
        path.StartsWith("assets/", StringComparison.Ordinal) || System.IO.Path.HasExtension(path);

    static bool AcceptsBrotli(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(encoding =>
            encoding.Value.Equals("br", StringComparison.OrdinalIgnoreCase) && encoding.Quality is not 0);
}
