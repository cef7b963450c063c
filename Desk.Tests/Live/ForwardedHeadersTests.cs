using System.Net;
using System.Net.Http.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>Behind a TLS-terminating proxy on the same machine, the desk knows the request was HTTPS.</summary>
[Collection(LiveCollection.Name)]
public sealed class ForwardedHeadersTests(LiveDesk desk)
{
    [Fact]
    public async Task SignIn_BehindTls_SetsASecureCookie_AndHsts()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = desk.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new { username = "agent", password = "agent-pass-1" }),
        };
        request.Headers.Add(DeskApplication.ConsoleHeader, "console");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "desk.example.org"; // HSTS is never sent to localhost

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("desk.session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task SignIn_OverPlainHttp_SetsNoSecureCookie()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = desk.BaseAddress };
        client.DefaultRequestHeaders.Add(DeskApplication.ConsoleHeader, "console");

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username = "agent", password = "agent-pass-1" });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("desk.session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
