using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Desk.Bot;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Desk.Tests.Bot;

// The bot on real Kestrel, as a host would run it, with a recording desk and a recording connector beside it.
internal sealed class BotTestHost : IAsyncDisposable
{
    readonly WebApplication app;

    BotTestHost(WebApplication app, RecordingConnector connector, RecordingDesk desk, RecordedLogs logs)
    {
        this.app = app;
        Connector = connector;
        Desk = desk;
        Logs = logs;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public RecordingConnector Connector { get; }
    public RecordingDesk Desk { get; }
    public RecordedLogs Logs { get; }
    public HttpClient Http { get; }

    public static Task<BotTestHost> StartAsync(params string[] allowedServiceUrls) => StartAsync(allowedServiceUrls, null);

    // With settings that name a Bot:MicrosoftAppId the host authenticates as a desk would: a channel token is required.
    public static async Task<BotTestHost> StartAsync(string[] allowedServiceUrls, IDictionary<string, string?>? settings)
    {
        var connector = new RecordingConnector();
        await connector.StartAsync();
        var app = Build(allowedServiceUrls.Length == 0 ? ["http://127.0.0.1:*"] : allowedServiceUrls, out var desk, out var logs, settings);
        await app.StartAsync();
        return new BotTestHost(app, connector, desk, logs);
    }

    public static WebApplication Build(IEnumerable<string> allowedServiceUrls, out RecordingDesk desk, out RecordedLogs logs,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Only what the test gives: the desk's appsettings.json sits in the test binaries too.
        foreach (var file in builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>().ToList())
            builder.Configuration.Sources.Remove(file);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(
            allowedServiceUrls.Select((url, i) => KeyValuePair.Create($"Bot:AllowedServiceUrls:{i}", (string?)url)));
        var authenticated = settings?.ContainsKey("Bot:MicrosoftAppId") == true;
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        logs = new RecordedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        desk = new RecordingDesk();
        builder.Services.AddSingleton<IBotDesk>(desk);
        builder.Services.AddDeskBot(builder.Configuration);
        if (authenticated)
        {
            builder.Services.AddAuthorizationBuilder().AddPolicy("channel", p => p
                .AddAuthenticationSchemes(BotAuthentication.Scheme)
                .RequireAssertion(c => BotAuthentication.IsChannel(c.User)));
        }
        var app = builder.Build();
        var recording = desk;
        app.Lifetime.ApplicationStarted.Register(() => recording.Connector = app.Services.GetRequiredService<BotConnector>());
        if (authenticated)
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapDeskBot().RequireAuthorization("channel");
        }
        else
        {
            app.MapDeskBot();
        }
        return app;
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity) => Http.PostAsJsonAsync("/api/messages", activity);

    public Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json") =>
        Http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, contentType));

    // A message as Direct Line delivers one, replying through the recording connector.
    public JsonObject Message(string text, string? serviceUrl = null) => new()
    {
        ["type"] = "message",
        ["id"] = "act-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = "2026-11-23T09:00:00Z",
        ["serviceUrl"] = serviceUrl ?? Connector.BaseUrl + "/connector/",
        ["channelId"] = "directline",
        ["from"] = new JsonObject { ["id"] = "user-7", ["name"] = "Ana Silva", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "desk-bot", ["name"] = "Service Desk", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = "a:1f;messageid=42", ["tenantId"] = "t-9", ["x-desk-test"] = 5 },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
        ["channelData"] = new JsonObject { ["clientActivityID"] = "c-1" },
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US" }),
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

internal sealed class RecordedLogs : ILoggerProvider
{
    readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(lines);

    public void Dispose() { }

    sealed class Recorder(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => lines.Enqueue(formatter(state, exception) + " " + exception);
    }
}
