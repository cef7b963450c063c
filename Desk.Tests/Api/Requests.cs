using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>Small helpers shared by the HTTP tests; each test still builds its own data.</summary>
internal static class Requests
{
    static int contacts;

    public static object Query(string text, string channel = "web", string? address = null, string? catalogItem = null) => new
    {
        text,
        channel,
        contact = new { channel = "email", address = address ?? $"user{Interlocked.Increment(ref contacts)}@example.org", displayName = "Test User" },
        catalogItem,
    };

    public static async Task<JsonElement> SubmitAsync(this HttpClient client, object query)
    {
        var response = await client.PostAsJsonAsync("/api/queries", query);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
