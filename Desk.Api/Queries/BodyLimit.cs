using Microsoft.AspNetCore.Http.Features;

namespace Desk.Api.Queries;

/// <summary>
/// Refuses API bodies over <see cref="Limits.BodyBytes"/> with 413 before anything reads them; a body without a
/// Content-Length (chunked) is capped at the same size by the server.
/// </summary>
internal static class BodyLimit
{
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments(Classification.ClassifierApi.ImportPath))
        {
            if (http.Request.ContentLength > Limits.BodyBytes)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails = { Title = "Request too large", Detail = $"The body is over {Limits.BodyBytes / 1024} KiB.", Status = 413 },
                });
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = Limits.BodyBytes;
        }
        await next(http);
    }
}
