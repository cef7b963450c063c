using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

public sealed class ApiKeyTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task RevokedKey_IsRefusedOnItsNextRequest()
    {
        using var admin = await desk.SignInAsync("admin");
        var issued = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "portal", scopes = new[] { "queries:read" } })).JsonAsync();
        using var portal = desk.Anonymous();
        portal.DefaultRequestHeaders.Add("X-Api-Key", issued.Str("key"));
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/api/queues")).StatusCode);

        var revoke = await admin.DeleteAsync($"/api/admin/api-keys/{issued.GetProperty("info").GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.GetAsync("/api/queues")).StatusCode);
    }

    [Fact]
    public async Task Keys_AreListedWithoutTheirSecret()
    {
        using var admin = await desk.SignInAsync("admin");
        var issued = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "sms gateway", scopes = new[] { "intake" } })).JsonAsync();

        var listed = await (await admin.GetAsync("/api/admin/api-keys")).Content.ReadAsStringAsync();

        Assert.Contains("sms gateway", listed);
        Assert.DoesNotContain(issued.Str("key"), listed);
    }

    [Theory]
    [InlineData("""{"name":"x","scopes":["everything"]}""")]
    [InlineData("""{"name":"x","scopes":[]}""")]
    [InlineData("""{"name":" ","scopes":["intake"]}""")]
    public async Task Issue_WithBadScopesOrName_ReturnsValidationProblem(string body)
    {
        using var admin = await desk.SignInAsync("admin");

        var response = await admin.PostAsync("/api/admin/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
