using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Desk.Api.Classification;

/// <summary>Takes the CSV of an import from a multipart upload or a text/csv body, buffered up to a limit.</summary>
internal static class ImportBody
{
    /// <summary>The CSV (null when over the limit) and its name, or a problem to answer instead.</summary>
    public static async Task<(Stream? Csv, string Source, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } file)
                return (null, "", TypedResults.Problem(title: "No file", detail: "Attach the CSV as a form field named 'file'.", statusCode: 400));
            var name = Path.GetFileName(file.FileName);
            await using var upload = file.OpenReadStream();
            return (await BufferAsync(upload, limit, ct), name is { Length: > 0 and <= 200 } ? name : "upload", null);
        }
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Value is "text/csv" or "text/plain")
        {
            // The CSV is read as UTF-8; a body in another charset it names is decoded first, an unknown one refused.
            var charset = HeaderUtilities.RemoveQuotes(type.Charset).Value;
            var encoding = charset is null ? null : Known(charset);
            if (charset is not null && encoding is null)
                return (null, "", TypedResults.Problem(title: "Unsupported charset", statusCode: StatusCodes.Status415UnsupportedMediaType,
                    detail: $"The charset '{charset}' is not one the desk reads; send the CSV as UTF-8."));
            var body = await BufferAsync(request.Body, limit, ct);
            return (encoding is null || body is null ? body : ToUtf8(body, encoding), "request body", null);
        }
        return (null, "", TypedResults.Problem(title: "Unsupported content type",
            detail: "Send the CSV as multipart/form-data (field 'file') or as a text/csv body.", statusCode: StatusCodes.Status415UnsupportedMediaType));
    }

    static System.Text.Encoding? Known(string charset)
    {
        try
        {
            return System.Text.Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    static MemoryStream ToUtf8(MemoryStream body, System.Text.Encoding encoding) =>
        encoding.CodePage == System.Text.Encoding.UTF8.CodePage ? body
            : new MemoryStream(System.Text.Encoding.UTF8.GetBytes(encoding.GetString(body.GetBuffer(), 0, (int)body.Length)));

    static async Task<MemoryStream?> BufferAsync(Stream source, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }
}
