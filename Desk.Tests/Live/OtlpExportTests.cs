using System.Net;
using System.Net.Sockets;
using System.Text;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Live;

/// <summary>
/// The OTLP exporter, switched on by the standard OTEL_EXPORTER_OTLP_* settings alone, sends the desk's figures to the
/// collector they name: here a real HTTP listener standing in for one, reading OTLP over http/protobuf.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    readonly HttpListener collector = new();
    readonly List<string> received = [];
    readonly int port = FreePort();
    Task? listening;

    public Task InitializeAsync()
    {
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        listening = Task.Run(ListenAsync);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OtlpEndpointSet_ExportsTheDesksFiguresToIt()
    {
        await using var desk = new OtlpDesk($"http://127.0.0.1:{port}");
        using var channel = await desk.WithApiKeyAsync("intake");

        await channel.SubmitAsync(Requests.Query("Outlook keeps asking for my password"));

        // Protocol buffers keep names as UTF-8: an export that holds the intake counter names it.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!Received().Any(r => r.Contains("/v1/metrics") && r.Contains("desk.intake.queries") && r.Contains("servicedesk")))
        {
            Assert.True(DateTime.UtcNow < until, $"No OTLP export with desk.intake.queries arrived; got {Received().Count} requests.");
            await Task.Delay(100);
        }
        Assert.Contains(Received(), r => r.Contains("desk.classifier.duration") && r.Contains("http.server.request.duration"));
    }

    List<string> Received()
    {
        lock (received)
            return [.. received];
    }

    async Task ListenAsync()
    {
        while (collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await collector.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (received)
                received.Add(context.Request.Url!.AbsolutePath + " " + Encoding.UTF8.GetString(body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public async Task DisposeAsync()
    {
        collector.Stop();
        collector.Close();
        if (listening is not null)
            await listening;
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    sealed class OtlpDesk(string endpoint) : DeskApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "200");
        }
    }
}
