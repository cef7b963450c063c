using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Desk.Tests.Bot;

// A real Kestrel server in the Bot Connector's place: records every request and answers like the Connector does.
internal sealed class RecordingConnector : IAsyncDisposable
{
    readonly ConcurrentQueue<ConnectorRequest> received = new();
    readonly CancellationTokenSource stopping = new();
    int hangNext;
    WebApplication? app;

    public IReadOnlyList<ConnectorRequest> Received => [.. received];

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    public int AnswerStatus { get; set; } = StatusCodes.Status200OK;

    // How many of the next requests are answered 401, as the Connector answers an expired or revoked token.
    public int RefuseNext { get; set; }

    // How many of the next requests are recorded and never answered (until the caller gives up or the connector stops),
    // as a connector that took a message and then hung; they are recorded with status 0.
    public int HangNext
    {
        get => Volatile.Read(ref hangNext);
        set => Volatile.Write(ref hangNext, value);
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Map("/{**path}", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var hang = TakeHang();
            var refuse = !hang && RefuseNext > 0;
            var status = hang ? 0 : refuse ? StatusCodes.Status401Unauthorized : AnswerStatus;
            received.Enqueue(new ConnectorRequest(
                http.Request.Method,
                http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                http.Request.ContentType,
                body.RootElement.Clone(),
                http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                status));
            if (hang)
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.Token);
                try
                {
                    await Task.Delay(Timeout.Infinite, either.Token);
                }
                catch (OperationCanceledException)
                {
                }
                return Results.Empty;
            }
            if (refuse)
            {
                RefuseNext--;
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }
            return Results.Json(new { id = "connector-" + received.Count }, statusCode: status);
        });
        await app.StartAsync();
        BaseUrl = app.Urls.Single();
    }

    bool TakeHang()
    {
        while (Volatile.Read(ref hangNext) is var left and > 0)
            if (Interlocked.CompareExchange(ref hangNext, left - 1, left) == left)
                return true;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        // Hung requests end first, or stopping the server would wait for them.
        await stopping.CancelAsync();
        if (app is not null)
            await app.DisposeAsync();
    }
}

/// <summary>A request the connector took, and the status it answered (0: it never answered).</summary>
internal sealed record ConnectorRequest(
    string Method, string RawTarget, string? ContentType, JsonElement Body, string? Authorization = null, int Status = StatusCodes.Status200OK)
{
    public string? Property(string name) =>
        Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? Property(string parent, string name) =>
        Body.TryGetProperty(parent, out var value) && value.TryGetProperty(name, out var child) ? child.GetString() : null;
}
