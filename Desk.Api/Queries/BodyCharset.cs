using System.Text;
using Microsoft.Net.Http.Headers;

namespace Desk.Api.Queries;

/// <summary>
/// A JSON body's charset, checked before anything binds the body: the framework's JSON reader throws on a charset it
/// does not know (a 500), and on a quoted one, which HTTP allows (<c>charset="utf-8"</c>). An unknown charset is a 415;
/// a quoted known one is unquoted and read as usual.
/// </summary>
internal static class BodyCharset
{
    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        if (!http.Request.Path.StartsWithSegments("/api")
            || !MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.Charset.HasValue
            || !type.MediaType.Value!.EndsWith("json", StringComparison.OrdinalIgnoreCase))
            return next(http);

        var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value!;
        if (!IsKnown(charset))
            return Refuse(http, charset);
        if (charset != type.Charset.Value)
        {
            type.Charset = charset;
            http.Request.ContentType = type.ToString();
        }
        return next(http);
    }

    static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static async Task Refuse(HttpContext http, string charset)
    {
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails =
            {
                Title = "Unsupported charset",
                Detail = $"The body's charset '{Shown(charset)}' is not one the desk reads; send UTF-8.",
                Status = StatusCodes.Status415UnsupportedMediaType,
            },
        });
    }

    static string Shown(string charset) =>
        charset.Length <= 40 && charset.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? charset : "(not shown)";
}
