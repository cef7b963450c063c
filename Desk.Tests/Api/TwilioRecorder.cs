using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Desk.Tests.Api;

/// <summary>A real Kestrel server in Twilio's place: records every Messages request and answers as Twilio does.</summary>
internal sealed class TwilioRecorder : IAsyncDisposable
{
    readonly ConcurrentQueue<TwilioSms> sent = new();
    WebApplication app = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Numbers Twilio refuses with error 21610 (the user unsubscribed at the carrier).</summary>
    public ConcurrentBag<string> Unsubscribed { get; } = [];

    /// <summary>Numbers Twilio answers 503 for, as when it is down.</summary>
    public ConcurrentBag<string> Down { get; } = [];

    public IReadOnlyList<TwilioSms> Sent => [.. sent];

    public static TwilioRecorder Start()
    {
        var recorder = new TwilioRecorder();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        recorder.app = builder.Build();
        recorder.app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", recorder.CreateAsync);
        recorder.app.StartAsync().GetAwaiter().GetResult();
        recorder.BaseUrl = recorder.app.Urls.Single();
        return recorder;
    }

    async Task<IResult> CreateAsync(HttpContext http, string sid)
    {
        var form = await http.Request.ReadFormAsync();
        var to = form["To"].ToString();
        if (Unsubscribed.Contains(to))
            return Results.Json(new { code = 21610, message = "Attempt to send to unsubscribed recipient", status = 400 }, statusCode: 400);
        if (Down.Contains(to))
            return Results.Json(new { code = 20503, message = "Service unavailable", status = 503 }, statusCode: 503);
        sent.Enqueue(new TwilioSms(http.Request.Path, to, form["From"].ToString(), form["Body"].ToString(), http.Request.Headers.Authorization.ToString()));
        return Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), account_sid = sid, to, from = form["From"].ToString(), body = form["Body"].ToString(),
            status = "queued", num_segments = "1" }, statusCode: 201);
    }

    /// <summary>The first message to <paramref name="to"/> (that <paramref name="wanted"/> picks), once the outbox sent it.</summary>
    public async Task<TwilioSms> ForAsync(string to, Func<TwilioSms, bool>? wanted = null)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (sent.FirstOrDefault(m => m.To == to && (wanted is null || wanted(m))) is { } found)
                return found;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"No SMS to {to} reached the recorder in 20 s.");
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

internal sealed record TwilioSms(string Path, string To, string From, string Body, string Authorization);
