using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// Canned replies over HTTP on the configured engine: the seeded ones, who sees which (queues worked, own replies), who
/// writes which (supervisors the team's, agents their own) and what is refused. agent2 works information-security, agent not.
/// </summary>
public sealed class CannedReplyTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/canned-replies" + query);
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).EnumerateArray().ToList();
    }

    static async Task<JsonElement> CreateAsync(HttpClient client, object reply)
    {
        var response = await client.PostAsJsonAsync("/api/canned-replies", reply);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Seeded_TeamRepliesInBothLanguages_WithPlaceholders_SecurityOnesOnlyForItsMembers()
    {
        using var agent = await desk.SignInAsync("agent");
        using var member = await desk.SignInAsync("agent2");

        // The migration's, written by the desk itself (other tests add their own meanwhile).
        static List<JsonElement> Seeded(List<JsonElement> replies) => replies.Where(r => r.Str("updatedBy") == "desk").ToList();
        var english = Seeded(await ListAsync(agent, "?language=en"));
        var chinese = Seeded(await ListAsync(agent, "?language=zh"));
        var insider = Seeded(await ListAsync(member));

        Assert.NotEmpty(english);
        Assert.NotEmpty(chinese);
        Assert.All(english, r => Assert.Equal("en", r.Str("language")));
        Assert.All(chinese, r => Assert.Equal("zh", r.Str("language")));
        Assert.Contains(english, r => r.Str("body").Contains("{contact.name}") && r.Str("body").Contains("{query.reference}"));
        Assert.All(english.Concat(chinese), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("owner").ValueKind));
        Assert.DoesNotContain(english.Concat(chinese), r => r.GetProperty("queue").GetString() == "information-security");
        Assert.Contains(insider, r => r.GetProperty("queue").GetString() == "information-security");
    }

    [Fact]
    public async Task AgentsOwnReply_IsTheirsAlone_ToSeeChangeAndDelete()
    {
        using var agent = await desk.SignInAsync("agent");
        using var other = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");

        var mine = await CreateAsync(agent, new { title = "  My printer answer ", body = "Try the other tray, {contact.name}.", language = "en", queue = "incident-management" });
        var id = mine.GetProperty("id").GetInt64();
        var edited = await agent.PutAsJsonAsync($"/api/canned-replies/{id}", new { title = "My printer answer", body = "Try tray 2.", language = "en" });

        Assert.Equal("agent", mine.Str("owner"));
        Assert.Equal("My printer answer", mine.Str("title"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Try tray 2.", (await edited.JsonAsync()).Str("body"));
        Assert.Contains(await ListAsync(agent), r => r.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain(await ListAsync(other), r => r.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain(await ListAsync(supervisor), r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/canned-replies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PutAsJsonAsync($"/api/canned-replies/{id}", new { title = "x", body = "y", language = "en" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.DeleteAsync($"/api/canned-replies/{id}")).StatusCode);
        Assert.DoesNotContain(await ListAsync(agent), r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task SupervisorsReply_IsTheTeams_OfferedInItsQueue_AndAgentsMayNotChangeIt()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        using var agent = await desk.SignInAsync("agent");
        using var member = await desk.SignInAsync("agent2");

        var team = await CreateAsync(supervisor, new { title = "Change window", body = "Changes run on Sunday nights, {agent.name}.", language = "en", queue = "change-enablement" });
        var secret = await CreateAsync(supervisor, new { title = "Phish triage", body = "Keep the mail, do not forward.", language = "en", queue = "information-security" });
        var id = team.GetProperty("id").GetInt64();

        Assert.Equal(JsonValueKind.Null, team.GetProperty("owner").ValueKind);
        Assert.Contains(await ListAsync(agent), r => r.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain(await ListAsync(agent), r => r.GetProperty("id").GetInt64() == secret.GetProperty("id").GetInt64());
        Assert.Contains(await ListAsync(member), r => r.GetProperty("id").GetInt64() == secret.GetProperty("id").GetInt64());
        var refused = await agent.PutAsJsonAsync($"/api/canned-replies/{id}", new { title = "Mine now", body = "No.", language = "en" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.DeleteAsync($"/api/canned-replies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.DeleteAsync($"/api/canned-replies/{secret.GetProperty("id").GetInt64()}")).StatusCode);
        Assert.Equal("Change window", (await ListAsync(agent)).Single(r => r.GetProperty("id").GetInt64() == id).Str("title"));
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/canned-replies/{id}")).StatusCode);
    }

    [Fact]
    public async Task Body_WithMarkup_IsStoredAndReturnedAsWritten()
    {
        using var agent = await desk.SignInAsync("agent");
        const string body = "<img src=x onerror=\"alert(1)\"> {query.reference} & <b>bold</b>";

        var reply = await CreateAsync(agent, new { title = "<script>alert(1)</script>", body, language = "en" });

        Assert.Equal(body, reply.Str("body"));
        Assert.Equal("<script>alert(1)</script>", reply.Str("title"));
    }

    [Theory]
    [InlineData("""{"title":"T","body":"B","language":"en","queue":"the-moon"}""", "queue")]
    [InlineData("""{"title":"T","body":"B","language":"en","queue":"information-security"}""", "queue")]
    [InlineData("""{"title":"T","body":"B","language":"fr"}""", "language")]
    [InlineData("""{"title":"two\nlines","body":"B","language":"en"}""", "title")]
    [InlineData("""{"title":"T","body":"   ","language":"en"}""", "body")]
    public async Task BadReply_IsAValidationProblem_AndNothingIsStored(string json, string field)
    {
        using var agent = await desk.SignInAsync("agent");
        var before = (await ListAsync(agent)).Count;

        var response = await agent.PostAsync("/api/canned-replies", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Built-in validation names the field as the record does ("Body"), ours in camel case.
        Assert.Contains((await response.JsonAsync()).GetProperty("errors").EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, (await ListAsync(agent)).Count);
    }
}
