using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Desk.AgentConsole;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.AgentConsole;

// A bare host with only the console mapped and a fallback policy that demands sign-in for everything else:
// what Desk.Console promises must hold whatever the rest of the desk does.
public sealed class ConsoleEndpointsTests : IAsyncLifetime
{
    const string ScriptPattern = @"<script[^>]+src=""(/console/assets/[^""]+\.js)""";

    WebApplication host = null!;
    HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDeskConsole();
        builder.Services.AddAuthorization(options =>
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        host = builder.Build();
        host.UseAuthorization();
        host.MapDeskConsole();
        host.MapDeskBoard();
        host.MapDeskAdmin();
        await host.StartAsync();
        client = host.GetTestClient();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/")]
    [InlineData("/console/index.html")]
    public async Task Get_Console_ServesTheSignInPageToAnonymousCallers_Uncached(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"username\"", page);
        Assert.Contains("id=\"sign-in\"", page);
        Assert.Contains("id=\"queries\"", page);
    }

    [Theory]
    [InlineData("/board", "queues-table")]
    [InlineData("/console/board.html", "queues-table")]
    [InlineData("/admin", "staff-table")]
    [InlineData("/console/admin.html", "staff-table")]
    public async Task Get_BoardOrAdmin_ServesItsPage_UnderTheConsolesPolicy(string path, string marker)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"sign-in\"", page);
        Assert.Contains($"id=\"{marker}\"", page);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", page); // no inline script: the policy would refuse it
    }

    [Theory]
    [InlineData(ScriptPattern, "text/javascript")]
    [InlineData(@"<link[^>]+href=""(/console/assets/[^""]+\.css)""", "text/css")]
    public async Task Get_HashedAsset_HasItsContentTypeAndIsCachedForAYear(string pattern, string mediaType)
    {
        var asset = await AssetPath(pattern);

        var response = await client.GetAsync(asset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl?.Extensions.Select(e => e.Name) ?? []);
    }

    [Fact]
    public async Task Get_WithTheSameETag_AnswersNotModified()
    {
        var first = await client.GetAsync("/console/");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Get_WhenBrotliAccepted_SendsTheSameScriptCompressed()
    {
        var script = await AssetPath(ScriptPattern);
        var plain = await client.GetByteArrayAsync(script);
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");

        var response = await client.SendAsync(request);

        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.NotEqual(response.Headers.ETag, (await client.GetAsync(script)).Headers.ETag);
        using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        await brotli.CopyToAsync(decompressed);
        Assert.Equal(plain, decompressed.ToArray());
    }

    [Fact]
    public async Task Get_ClientRoute_FallsBackToTheApp()
    {
        var response = await client.GetAsync("/console/queries/INC-42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"sign-in\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/console/assets/missing-0000.js")]
    [InlineData("/console/favicon.ico")]
    public async Task Get_MissingFile_IsNotFound(string path)
    {
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Assets_WhenTheAssemblyHoldsNoBuiltApp_SayHowToBuildIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConsoleAssets(typeof(object).Assembly));

        Assert.Contains("npm", error.Message);
    }

    [Fact]
    public async Task Map_WithoutAddDeskConsole_SaysWhatToCall()
    {
        await using var bare = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => bare.MapDeskConsole());

        Assert.Contains("AddDeskConsole", error.Message);
    }

    async Task<string> AssetPath(string pattern)
    {
        var page = await client.GetStringAsync("/console/");
        var match = Regex.Match(page, pattern);
        Assert.True(match.Success, $"index.html has no asset matching {pattern}");
        return match.Groups[1].Value;
    }
}
