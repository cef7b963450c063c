using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Desk.Tests.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Hostile input against every endpoint (the table is <see cref="HostileCases"/>): each answer is a 4xx
/// ProblemDetails with the expected status, and no desk table gains or loses a row. The desk runs on real Kestrel,
/// so chunked bodies and server caps are the real ones. Cases of this class run one after another.
/// </summary>
public sealed class HostileInputTests(HostileDesk desk) : IClassFixture<HostileDesk>
{
    public static TheoryData<string> Cases => [.. HostileCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequest_IsRefusedWithProblem_AndStoresNothing(string name)
    {
        var hostile = HostileCases.All[name];
        var before = await desk.RowCountsBeforeAsync();

        using var response = await desk.SendAsync(hostile);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(hostile.Status == (int)response.StatusCode, $"expected {hostile.Status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(hostile.Status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()), body);
        // A refused request says what was wrong with it, the framework's binding failures included.
        Assert.True(problem.TryGetProperty("errors", out _) || !string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null),
            $"no detail nor errors: {body}");
        // ... and only that: field errors come without a sentence about some other kind of mistake.
        Assert.False(problem.TryGetProperty("errors", out _) && body.Contains("A value in the address or its query string"), $"errors with a generic detail: {body}");
        // ... and each field as the JSON names it (camelCase), not as the C# member is called.
        if (problem.TryGetProperty("errors", out var errors))
            Assert.All(errors.EnumerateObject(), e => Assert.DoesNotMatch(@"^[A-Z][A-Za-z0-9]*(\.|$)", e.Name));
        Assert.DoesNotContain("System.", body);
        Assert.Equal(before, await desk.RowCountsAfterAsync());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequest_FromAChinesePage_IsRefusedInChinese(string name)
    {
        var hostile = HostileCases.All[name];
        // A Bot Framework channel is a machine speaking the protocol in English, never a page a person reads.
        if (hostile.Caller == "bot")
            return;
        using var response = await desk.SendAsync(hostile, "zh-CN");

        ChineseRefusals.AssertChinese(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>One desk on Kestrel with a client per caller, signed in once, and one query to aim at.</summary>
public sealed class HostileDesk : DeskApplication, IAsyncLifetime
{
    public const long ImportCap = 1 << 20;

    readonly Dictionary<string, HttpClient> callers = [];

    public string Reference { get; private set; } = "";

    /// <summary>A seeded knowledge article's id.</summary>
    public long ArticleId { get; private set; }

    Uri baseAddress = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ClassifierTraining:MaxImportBytes", ImportCap.ToString());
        builder.UseSetting("Bot:AllowedServiceUrls:0", "http://127.0.0.1:*");
        builder.UseSetting("Telemetry:Prometheus", "true");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        baseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        foreach (var staff in new[] { "agent", "supervisor", "admin" })
            callers[staff] = await SignInAsync(staff);
        callers["intake"] = await WithApiKeyAsync("intake");
        callers["reader"] = await WithApiKeyAsync("queries:read");
        callers["bot"] = await WithApiKeyAsync("bot");
        callers["anonymous"] = Anonymous();
        Reference = (await callers["agent"].SubmitAsync(Requests.Query("The printer on floor 3 is jammed"))).Str("reference");
        var articles = await (await callers["agent"].GetAsync("/api/knowledge?language=en")).JsonAsync();
        ArticleId = articles.EnumerateArray().First(a => a.Str("slug") == "vpn-certificate-error").GetProperty("id").GetInt64();
    }

    protected override HttpClient NewBareClient(bool cookies) =>
        new(new HttpClientHandler { UseCookies = cookies, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };

    public async Task<HttpResponseMessage> SendAsync(HostileCase hostile, string? acceptLanguage = null)
    {
        var path = hostile.Path.Replace("{ref}", Reference, StringComparison.Ordinal).Replace("{article}", ArticleId.ToString(), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(hostile.Method), path)
        {
            Content = hostile.Content?.Invoke(),
        };
        // The body waits for the server's go-ahead, so an early 413 is read rather than racing the upload.
        request.Headers.ExpectContinue = request.Content is not null;
        if (hostile.IdempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", hostile.IdempotencyKey);
        if (hostile.IfMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", hostile.IfMatch);
        if (acceptLanguage is not null)
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        return await callers[hostile.Caller].SendAsync(request);
    }

    string? countEveryTable;
    string? countedLast;

    /// <summary>
    /// What the last case counted after its request, the cases running one after another: half the counting (17 s of the
    /// PostgreSQL run). Taken, so that a case that fails before it counts again leaves the next to count afresh.
    /// </summary>
    public async Task<string> RowCountsBeforeAsync() => Interlocked.Exchange(ref countedLast, null) ?? await RowCountsAsync();

    public async Task<string> RowCountsAfterAsync() => countedLast = await RowCountsAsync();

    /// <summary>
    /// Rows in every desk table, read from the database (Hangfire keeps its own file or schema) in one statement: the
    /// cases count before and after each request, and a round trip per table made this class the slowest on PostgreSQL.
    /// </summary>
    public async Task<string> RowCountsAsync()
    {
        await using var db = await OpenDbAsync();
        if (countEveryTable is null)
        {
            var tables = await db.QueryAsync<string>(Engine == "sqlite"
                ? "select name from sqlite_master where type = 'table' and name not like 'sqlite%' order by name"
                : "select table_name from information_schema.tables where table_schema = 'public' order by table_name");
            countEveryTable = "select * from (" +
                string.Join(" union all ", tables.Select(table => $"select '{table}' as name, count(*) as rows_now from {table}")) +
                ") counts order by name";
        }
        var counts = await db.QueryAsync<(string Table, long Rows)>(countEveryTable);
        return string.Join(", ", counts.Select(count => $"{count.Table}={count.Rows}"));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>A body sent with Transfer-Encoding: chunked (no Content-Length).</summary>
internal sealed class ChunkedContent : HttpContent
{
    readonly byte[] bytes;

    public ChunkedContent(byte[] bytes, string? contentType)
    {
        this.bytes = bytes;
        if (contentType is not null) Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) => await stream.WriteAsync(bytes);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
