using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// A reply written on an older view of the query: the desk warns (409) when someone else sent the user something
/// after the entry the writer last saw, and sends only once the writer confirms. agent and agent2 both work service requests.
/// </summary>
public sealed class ReplyCollisionTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Reply_AfterAnotherAgentReplied_IsRefusedWithWhatWasSent_AndNothingWritten_UntilConfirmed()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var reference = await NewQueryAsync(agent);
        var seen = await NewestEntryAsync(agent, reference);
        var other = await Reply(agent2, reference, new { text = "Try signing out and in again." });
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);

        var refused = await Reply(agent, reference, new { text = "Please restart the laptop.", seenEntry = seen });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.JsonAsync();
        Assert.Equal("Someone replied meanwhile", problem.Str("title"));
        var meanwhile = problem.GetProperty("sentMeanwhile").EnumerateArray().ToList();
        Assert.Equal("Try signing out and in again.", Assert.Single(meanwhile).Str("body"));
        Assert.Equal("agent2", meanwhile[0].Str("actor"));
        Assert.Equal(meanwhile[0].GetProperty("id").GetInt64(), problem.GetProperty("latestEntry").GetInt64());
        Assert.DoesNotContain(await TimelineAsync(agent, reference), e => e.Str("body") == "Please restart the laptop.");

        var confirmed = await Reply(agent, reference, new { text = "Please restart the laptop.", seenEntry = seen, confirm = true });

        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Single(await TimelineAsync(agent, reference), e => e.Str("body") == "Please restart the laptop.");
    }

    [Fact]
    public async Task Reply_WithTheNewestEntrySeen_OrAfterOnlyTheWritersOwnReplies_OrANote_IsSent()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var reference = await NewQueryAsync(agent);
        var seen = await NewestEntryAsync(agent, reference);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent, reference, new { text = "Looking into it.", seenEntry = seen })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent, reference, new { text = "Which laptop model?", seenEntry = seen })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent2, reference, new { text = "It is a T14.", visibility = "internal" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent, reference, new { text = "Thanks, checking.", seenEntry = seen })).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await Reply(agent2, reference, new { text = "Noted.", seenEntry = seen, visibility = "internal" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Reply(agent2, reference, new { text = "Hello from me too.", seenEntry = seen })).StatusCode);
        var newest = await NewestEntryAsync(agent2, reference);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent2, reference, new { text = "Hello from me too.", seenEntry = newest })).StatusCode);
    }

    [Fact]
    public async Task Reply_WithoutTheEntrySeen_IsSentAsBefore()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var reference = await NewQueryAsync(agent);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent2, reference, new { text = "On it." })).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await Reply(agent, reference, new { text = "Me too." })).StatusCode);
    }

    [Fact]
    public async Task Reply_NamingAnEntryOfAnotherQuery_IsABadRequest_AndNothingIsSent()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var reference = await NewQueryAsync(agent);
        Assert.Equal(HttpStatusCode.Created, (await Reply(agent2, reference, new { text = "On it." })).StatusCode);
        var elsewhere = await NewestEntryAsync(agent, await NewQueryAsync(agent));

        var refused = await Reply(agent, reference, new { text = "Me too.", seenEntry = elsewhere });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("seenEntry", (await refused.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.DoesNotContain(await TimelineAsync(agent, reference), e => e.Str("body") == "Me too.");
    }

    static async Task<string> NewQueryAsync(HttpClient agent) =>
        (await agent.SubmitAsync(Requests.Query("My laptop cannot reach the VPN", catalogItem: "access-request"))).Str("reference");

    static Task<HttpResponseMessage> Reply(HttpClient client, string reference, object body) =>
        client.PostAsJsonAsync($"/api/queries/{reference}/messages", body);

    static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string reference) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/queries/{reference}")).GetProperty("timeline").EnumerateArray().ToList();

    static async Task<long> NewestEntryAsync(HttpClient client, string reference) =>
        (await TimelineAsync(client, reference)).Max(e => e.GetProperty("id").GetInt64());
}
