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
    WebApplication? app;

    public IReadOnlyList<ConnectorRequest> Received => [.. received];

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    public int AnswerStatus { get; set; } = StatusCodes.Status200OK;

    // How many of the next requests are answered 401, as the Connector answers an expired or revoked token.
    public int RefuseNext { get; set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Map("/{**path}", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            received.Enqueue(new ConnectorRequest(
                http.Request.Method,
                http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                http.Request.ContentType,
                body.RootElement.Clone(),
                http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null));
            if (RefuseNext > 0)
            {
                RefuseNext--;
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }
            return Results.Json(new { id = "connector-" + received.Count }, statusCode: AnswerStatus);
        });
        await app.StartAsync();
        BaseUrl = app.Urls.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }
}

internal sealed record ConnectorRequest(string Method, string RawTarget, string? ContentType, JsonElement Body, string? Authorization = null)
{
    public string? Property(string name) =>
        Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? Property(string parent, string name) =>
        Body.TryGetProperty(parent, out var value) && value.TryGetProperty(name, out var child) ? child.GetString() : null;
}
