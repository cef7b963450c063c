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
            return (await BufferAsync(request.Body, limit, ct), "request body", null);
        return (null, "", TypedResults.Problem(title: "Unsupported content type",
            detail: "Send the CSV as multipart/form-data (field 'file') or as a text/csv body.", statusCode: StatusCodes.Status415UnsupportedMediaType));
    }

    static async Task<Stream?> BufferAsync(Stream source, long limit, CancellationToken ct)
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
