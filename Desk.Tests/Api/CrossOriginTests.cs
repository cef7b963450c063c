using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>A signed-in write must come from the console's own page; anything else is 403 ProblemDetails and changes nothing.</summary>
public sealed class CrossOriginTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const string Own = "http://localhost";

    public static TheoryData<string?, string?, bool> ForeignWrites() => new()
    {
        // Sec-Fetch-Site, Origin, console header
        { null, null, false },
        { "same-origin", Own, false },
        { "same-site", null, true },
        { "cross-site", null, true },
        { "none", null, true },
        { null, "http://localhost:5999", true },
        { null, "http://evil.example", true },
        { null, "null", true },
        { "same-origin", "http://127.0.0.1", true },
    };

    [Theory]
    [MemberData(nameof(ForeignWrites))]
    public async Task SignedInWrite_FromAnotherOrigin_IsRefused_AndStoresNothing(string? site, string? origin, bool consoleHeader)
    {
        using var agent = await SignInAsync("agent");
        var before = await CountAsync("queries");

        var response = await agent.SendAsync(Foreign(HttpMethod.Post, "/api/queries", site, origin, consoleHeader,
            JsonContent.Create(Requests.Query("Laptop will not boot after the update"))));

        await AssertRefusedAsync(response);
        Assert.Equal(before, await CountAsync("queries"));
    }

    [Fact]
    public async Task SignOut_FromAnotherOrigin_LeavesTheSessionSignedIn()
    {
        using var supervisor = await SignInAsync("supervisor");

        await AssertRefusedAsync(await supervisor.SendAsync(Foreign(HttpMethod.Post, "/api/auth/sign-out", "same-site", null, false)));

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Import_FromAnotherOrigin_ImportsNothing()
    {
        using var supervisor = await SignInAsync("supervisor");
        var before = await ClassificationData.ImportedCountAsync(desk);

        var response = await supervisor.SendAsync(Foreign(HttpMethod.Post, "/api/classifier/examples/import", "same-site", null, false,
            ClassificationData.Upload("text,type\nplease reset my password,service_request\n")));

        await AssertRefusedAsync(response);
        Assert.Equal(before, await ClassificationData.ImportedCountAsync(desk));
    }

    [Fact]
    public async Task SignIn_WithoutTheConsoleHeader_IsRefused()
    {
        using var client = desk.Anonymous();
        client.DefaultRequestHeaders.Remove(DeskApplication.ConsoleHeader);

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username = "agent", password = "agent-pass-1" });

        await AssertRefusedAsync(response);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task HubNegotiate_FromAnotherOrigin_IsRefused_ButFromTheConsoleIsNot()
    {
        using var agent = await SignInAsync("agent");

        await AssertRefusedAsync(await agent.SendAsync(Foreign(HttpMethod.Post, "/hubs/desk/negotiate?negotiateVersion=1", null, null, false)));
        await AssertRefusedAsync(await agent.SendAsync(Foreign(HttpMethod.Get, "/hubs/desk", "cross-site", null, true)));
        Assert.Equal(HttpStatusCode.OK, (await agent.SendAsync(
            Foreign(HttpMethod.Post, "/hubs/desk/negotiate?negotiateVersion=1", "same-origin", Own, true))).StatusCode);
    }

    [Fact]
    public async Task SameOriginWrite_WithTheConsoleHeader_IsAccepted()
    {
        using var agent = await SignInAsync("agent");

        var response = await agent.SendAsync(Foreign(HttpMethod.Post, "/api/queries", "same-origin", Own, true,
            JsonContent.Create(Requests.Query("Printer on floor two jams on every page"))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ApiKeyCaller_NeedsNoConsoleHeader()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        channel.DefaultRequestHeaders.Remove(DeskApplication.ConsoleHeader);

        var response = await channel.PostAsJsonAsync("/api/queries", Requests.Query("VPN drops every ten minutes"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task SignedInRead_FromAnywhere_IsNotTheGuardsBusiness()
    {
        using var agent = await SignInAsync("agent");

        var response = await agent.SendAsync(Foreign(HttpMethod.Get, "/api/queues", "cross-site", "http://evil.example", false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static HttpRequestMessage Foreign(HttpMethod method, string path, string? site, string? origin, bool consoleHeader, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (site is not null) request.Headers.Add("Sec-Fetch-Site", site);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (consoleHeader) request.Headers.Add(DeskApplication.ConsoleHeader, "console");
        return request;
    }

    /// <summary>Signed in, but sending the console header only where a request adds it.</summary>
    async Task<HttpClient> SignInAsync(string username)
    {
        var client = await desk.SignInAsync(username);
        client.DefaultRequestHeaders.Remove(DeskApplication.ConsoleHeader);
        return client;
    }

    internal static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("Cross-origin request refused", problem.Str("title"));
    }

    async Task<long> CountAsync(string table)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }
}
