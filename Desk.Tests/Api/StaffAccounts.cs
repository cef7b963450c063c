using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>Staff accounts of a test's own, made through the admin API, and sessions whose cookie a test can replay.</summary>
internal static class StaffAccounts
{
    public const string Password = "first-pass-word-1";

    static int created;

    /// <summary>A new staff member, created by the demo admin; returns the username.</summary>
    public static async Task<string> CreateStaffAsync(this DeskApplication desk, string role = "agent", string password = Password)
    {
        var username = $"member{Interlocked.Increment(ref created)}-{Guid.NewGuid().ToString("n")[..6]}";
        using var admin = await desk.SignInAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/admin/staff", new { username, displayName = "Test Member", role, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return username;
    }

    /// <summary>Signs in and returns the session cookie ("desk.session=…") as a browser would send it back.</summary>
    public static async Task<string> SessionCookieAsync(this DeskApplication desk, string username, string password = Password)
    {
        using var client = desk.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("desk.session=", StringComparison.Ordinal));
        return cookie.Split(';')[0];
    }

    /// <summary>A fresh client that sends the given cookie header on every request, as a replayed (or stolen) cookie would be.</summary>
    public static HttpClient WithCookie(this DeskApplication desk, string cookie)
    {
        var client = desk.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInRawAsync(this DeskApplication desk, string username, string password)
    {
        using var client = desk.Anonymous();
        return await client.PostAsJsonAsync("/api/auth/sign-in", new { username, password });
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.Str("title")));
        Assert.True(body.TryGetProperty("traceId", out _));
    }
}
