using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>Every change bumps a query's version (a PATCH that changes nothing does not); a PATCH that names the version it read is refused once it is stale.</summary>
public sealed class QueryVersionTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task StalePatch_IsAConflict_NamingWhatChanged_AndChangesNothing()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("Laptop fan is very loud"))).Str("reference");
        var read = await agent.GetAsync($"/api/queries/{reference}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        var first = await PatchAsync(agent2, reference, new { priority = "P1", reason = "The CEO's laptop",
            @override = new { rule = "priority.matrix", justification = "The CEO's laptop" } }, "\"1\"");
        var stale = await PatchAsync(agent, reference, new { priority = "P4", reason = "Only noise" }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.JsonAsync();
        Assert.Equal(2, problem.GetProperty("version").GetInt64());
        Assert.Contains("priority P3 to P1 by agent2", problem.Str("detail"));
        var now = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("P1", now.Str("priority"));
        Assert.Equal(2, now.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task PatchNamingTheCurrentVersion_IsApplied_AndAMessageBumpsTheVersionToo()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Monitor flickers after lunch"))).Str("reference");
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Which monitor model?" })).StatusCode);

        var stale = await PatchAsync(agent, reference, new { status = "in_progress" }, "\"1\"");
        var current = await PatchAsync(agent, reference, new { status = "in_progress" }, "W/\"2\"");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("message out by agent", (await stale.JsonAsync()).Str("detail"));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task APatchThatChangesNothing_KeepsTheVersion_AndWritesNoTimelineEntry()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Mouse wheel scrolls backwards"))).Str("reference");
        var before = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();

        var same = await PatchAsync(agent, reference, new { priority = before.Str("priority"), status = before.Str("status"), reason = "no change" }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("\"1\"", same.Headers.ETag?.Tag);
        var after = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(1, after.GetProperty("version").GetInt64());
        Assert.Equal(before.GetProperty("timeline").GetArrayLength(), after.GetProperty("timeline").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(agent, reference, new { status = "in_progress" }, "\"1\"")).StatusCode);
        var any = await PatchAsync(agent, reference, new { status = "waiting_for_user" }, "*");
        Assert.Equal((HttpStatusCode.OK, "\"3\""), (any.StatusCode, any.Headers.ETag?.Tag));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"0\"")]
    [InlineData("\"-3\"")]
    [InlineData("\"99\"")] // a version the query never had
    public async Task IfMatch_ThatIsNoVersion_IsABadRequest(string ifMatch)
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Keyboard missing the letter e"))).Str("reference");

        var response = await PatchAsync(agent, reference, new { priority = "P2", reason = "x" }, ifMatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    internal static Task<HttpResponseMessage> PatchAsync(HttpClient client, string reference, object patch, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/queries/{reference}") { Content = JsonContent.Create(patch) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
