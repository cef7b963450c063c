using System.Text.Json;
using Desk.Bot.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

// Reads one activity from the request body: JSON only, size-capped whatever the server's own limit is.
internal sealed class ActivityReader(IOptions<BotOptions> options, ILogger<ActivityReader> logger)
{
    readonly int maxBytes = options.Value.MaxActivityBytes;

    public async Task<(Activity? Activity, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength == 0)
            return (null, Refuse(StatusCodes.Status400BadRequest, "No activity", "The request body is empty."));
        if (!request.HasJsonContentType())
            return (null, Refuse(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "An activity is sent as application/json."));
        if (request.ContentLength > maxBytes)
            return (null, TooLarge());

        // Reading stops at the cap; the rest of an oversized body is left for the server to drain, so the channel
        // reads the 413 rather than a reset connection. A host's own cap ends the read with BadHttpRequestException.
        ReadOnlyMemory<byte>? read;
        try
        {
            read = await ReadCappedAsync(request.Body, ct);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : Refuse(e.StatusCode, "Unreadable activity", "The request body could not be read."));
        }
        if (read is not { } body)
            return (null, TooLarge());
        if (body.Length == 0)
            return (null, Refuse(StatusCodes.Status400BadRequest, "No activity", "The request body is empty."));

        try
        {
            var activity = JsonSerializer.Deserialize(body.Span, ActivityJson.Default.Activity);
            return activity is null
                ? (null, Refuse(StatusCodes.Status400BadRequest, "No activity", "The request body is JSON null."))
                : (activity, null);
        }
        catch (JsonException e)
        {
            return (null, Refuse(StatusCodes.Status400BadRequest, "Malformed activity",
                $"The body is not a valid activity (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    // Returns null when the body is over the cap; chunked bodies have no Content-Length to check up front.
    async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    ProblemHttpResult TooLarge() => Refuse(StatusCodes.Status413PayloadTooLarge, "Activity too large",
        $"An activity may be at most {maxBytes} bytes.");

    ProblemHttpResult Refuse(int status, string title, string detail) => BotProblem.Refuse(logger, status, title, detail);
}
