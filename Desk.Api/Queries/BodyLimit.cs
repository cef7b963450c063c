using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Desk.Api.Queries;

/// <summary>
/// Refuses API bodies over <see cref="Limits.BodyBytes"/> with 413 before anything reads them; a body without a
/// Content-Length (chunked) is capped at the same size by the server, and a read past it throws
/// <see cref="BadHttpRequestException"/> (413, mapped by the exception handler). An endpoint that declares its
/// own <see cref="IRequestSizeLimitMetadata"/> (the bot's activities, the classifier's import) gets that cap instead.
/// </summary>
internal static class BodyLimit
{
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var cap = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared
                ? declared.MaxRequestBodySize
                : Limits.BodyBytes;
            if (http.Request.ContentLength > cap)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails = { Title = "Request too large", Detail = $"The body is over {cap / 1024} KiB.", Status = 413 },
                });
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = cap;
        }
        await next(http);
    }
}

/// <summary>An endpoint's own body cap, in place of the desk-wide one; read per request (it comes from options).</summary>
internal sealed class BodySizeLimit(Func<long> cap) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => cap();
}
