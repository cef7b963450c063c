using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Desk.Api.Queries;

/// <summary>
/// Refuses API bodies over <see cref="Limits.BodyBytes"/> with 413 before anything reads them; a body without a
/// Content-Length (chunked) is capped at the same size, and a read past it throws
/// <see cref="BadHttpRequestException"/> (413, mapped by the exception handler). An endpoint that declares its
/// own <see cref="IRequestSizeLimitMetadata"/> (the bot's activities, the classifier's import) gets that cap instead.
/// </summary>
internal static class BodyLimit
{
    /// <summary>How much of an oversized chunked body the server may read and discard before it closes instead.</summary>
    const long DrainAllowance = 4 << 20;

    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var cap = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } declared }
                ? declared
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
            if (http.Request.ContentLength is null && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                // A chunked body ends in 413 at the cap, but the server's own limit sits higher: the server can then
                // drain the rest, and the client reads the 413 instead of a connection reset mid-upload.
                http.Request.Body = new CappedBody(http.Request.Body, cap);
                feature.MaxRequestBodySize = cap + DrainAllowance;
            }
        }
        await next(http);
    }
}

/// <summary>An endpoint's own body cap, in place of the desk-wide one; read per request (it comes from options).</summary>
internal sealed class BodySizeLimit(Func<long> cap) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => cap();
}
