using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>Self-help in the portal: published articles for anyone, and one 'Did this help?' answer per signed-in user.</summary>
public sealed partial class PortalRequestTests
{
    [Fact]
    public async Task KnowledgeSearch_FindsPublishedArticlesForAnyone_AndNeverAnUnpublishedOne()
    {
        using var agent = await desk.SignInAsync("agent");
        var draft = await agent.PostAsJsonAsync("/api/knowledge", new
        {
            slug = $"vpn-draft-{Interlocked.Increment(ref next)}", language = "en", title = "VPN certificate error draft",
            summary = "Unfinished VPN certificate advice", body = "Not ready: VPN certificate steps.", keywords = "vpn certificate", published = false,
        });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.JsonAsync()).GetProperty("id").GetInt64();
        using var anyone = desk.Anonymous();

        var found = (await (await anyone.GetAsync("/api/portal/knowledge?q=vpn%20certificate%20error")).JsonAsync()).EnumerateArray().ToList();
        var all = (await (await anyone.GetAsync("/api/portal/knowledge?language=en")).JsonAsync()).EnumerateArray().ToList();

        var vpn = found.First(a => a.Str("slug") == "vpn-certificate-error");
        foreach (var word in new[] { "wifi", "password" })
            Assert.NotEmpty((await (await anyone.GetAsync($"/api/portal/knowledge?q={word}")).JsonAsync()).EnumerateArray());
        Assert.Empty((await (await anyone.GetAsync("/api/portal/knowledge?q=thanks")).JsonAsync()).EnumerateArray());
        Assert.DoesNotContain(found, a => a.GetProperty("id").GetInt64() == draftId);
        Assert.DoesNotContain(all, a => a.GetProperty("id").GetInt64() == draftId);
        Assert.All(all, a => Assert.Equal("en", a.Str("language")));
        var article = await anyone.GetAsync($"/api/portal/knowledge/{vpn.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await article.JsonAsync()).Str("body")));
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/portal/knowledge/{draftId}")).StatusCode);
    }

    [Fact]
    public async Task DidThisHelp_CountsEachSignedInUserOnce_TheirLatestAnswer_AndStaffReadTheCounts()
    {
        using var agent = await desk.SignInAsync("agent");
        var articles = (await (await agent.GetAsync("/api/knowledge?published=true")).JsonAsync()).EnumerateArray().ToList();
        var id = articles.First(a => a.Str("slug") == "vpn-certificate-error").GetProperty("id").GetInt64();
        var draft = await agent.PostAsJsonAsync("/api/knowledge", new
        {
            slug = $"feedback-draft-{Interlocked.Increment(ref next)}", language = "en", title = "Draft", summary = "Draft.", body = "Draft.", published = false,
        });
        var draftId = (await draft.JsonAsync()).GetProperty("id").GetInt64();
        using var user = await desk.SignedInAsync(NewAddress("reader"));
        using var other = await desk.SignedInAsync(NewAddress("reader"));
        using var anyone = desk.Anonymous();
        var before = await FeedbackAsync(agent, id);

        foreach (var helped in new[] { true, true, true, false }) // clicked thrice, then changed their mind
            Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsJsonAsync($"/api/portal/knowledge/{id}/feedback", new { helped })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsJsonAsync($"/api/portal/knowledge/{id}/feedback", new { helped = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.PostAsJsonAsync($"/api/portal/knowledge/{id}/feedback", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.PostAsJsonAsync($"/api/portal/knowledge/{draftId}/feedback", new { helped = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsJsonAsync($"/api/portal/knowledge/{id}/feedback", new { helped = true })).StatusCode);
        // Each reader sees their own answer again, so a later visit shows it and can change it; someone at the door sees none.
        foreach (var (reader, said) in new[] { (user, "false"), (other, "true"), (anyone, "null") })
            Assert.Equal(said, (await (await reader.GetAsync($"/api/portal/knowledge/{id}")).JsonAsync()).GetProperty("helpedYou").GetRawText());

        Assert.Equal((before.Helped + 1, before.NotHelped + 1), await FeedbackAsync(agent, id));
        var listed = (await (await agent.GetAsync("/api/knowledge?q=vpn+certificate")).JsonAsync()).EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal(before.Helped + 1, listed.GetProperty("helped").GetInt32());
        Assert.Equal((0, 0), await FeedbackAsync(agent, draftId));
        Assert.Equal(HttpStatusCode.NoContent, (await (await desk.SignInAsync("supervisor")).DeleteAsync($"/api/knowledge/{draftId}")).StatusCode);
    }

    [Fact]
    public async Task AnArticleDeleted_WhileReadersAnswerDidThisHelp_IsGone_AndEachReaderIsAnsweredOrToldItIsGone()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var readers = new List<HttpClient>(); // two, as sign-in codes are limited per address of the caller
        for (var i = 0; i < 2; i++)
            readers.Add(await desk.SignedInAsync(NewAddress("reader")));
        try
        {
            for (var round = 0; round < 8; round++)
            {
                var created = await supervisor.PostAsJsonAsync("/api/knowledge", new
                {
                    slug = $"short-lived-{Interlocked.Increment(ref next)}", language = "en", title = "Printer queue stuck",
                    summary = "Clear the printer queue.", body = "Restart the spooler.", published = true,
                });
                var id = (await created.JsonAsync()).GetProperty("id").GetInt64();
                var answers = readers.SelectMany(reader => new[] { true, false, true }.Select(helped =>
                    reader.PostAsJsonAsync($"/api/portal/knowledge/{id}/feedback", new { helped }))).ToList();
                var deleted = await supervisor.DeleteAsync($"/api/knowledge/{id}");

                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
                foreach (var answer in await Task.WhenAll(answers))
                    Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound });
                Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/knowledge/{id}")).StatusCode);
            }
        }
        finally
        {
            readers.ForEach(reader => reader.Dispose());
        }
    }
}
