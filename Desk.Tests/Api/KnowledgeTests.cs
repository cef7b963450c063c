using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The knowledge base: what the bot is offered for a user's words (the seeded articles, English and Chinese), and how
/// staff write articles over HTTP: roles, If-Match, validation.
/// </summary>
public sealed partial class KnowledgeTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    Task<IReadOnlyList<ArticleMatch>> MatchAsync(string text, string language, int max = 3) =>
        desk.Services.GetRequiredService<KnowledgeSearch>().MatchAsync(text, language, max, CancellationToken.None);

    [Fact]
    public async Task Create_ByAnAgent_IsReadBackWithItsETag_AndAudited()
    {
        using var agent = await desk.SignInAsync("agent");
        var slug = NewSlug("dock");
        var draft = Draft(slug, "en", "Laptop dock shows no picture", "Unplug the dock's power for ten seconds, then plug the laptop in again.",
            "dock docking station monitor", published: true);

        var response = await agent.PostAsJsonAsync("/api/knowledge", draft);
        var created = await response.JsonAsync();
        var read = await agent.GetAsync(response.Headers.Location);
        var article = await read.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(created.GetProperty("id").GetInt64(), article.GetProperty("id").GetInt64());
        Assert.Equal(slug, article.Str("slug"));
        Assert.Equal("agent", article.Str("createdBy"));
        Assert.Equal("Body of the article.", article.Str("body"));
        Assert.True(article.GetProperty("published").GetBoolean());
        Assert.Equal(1, article.GetProperty("version").GetInt64());
        Assert.Contains(slug, await AuditSubjectsAsync("article_created"));
    }

    [Fact]
    public async Task Update_NamingTheCurrentVersion_BumpsIt_AndAStaleOneIsAConflict()
    {
        using var agent = await desk.SignInAsync("agent");
        using var agent2 = await desk.SignInAsync("agent2");
        var created = await CreateAsync(agent, Draft(NewSlug("scanner"), "en", "Scanner sends nothing", "Check the address book entry.", "", published: false));
        var id = created.GetProperty("id").GetInt64();

        var first = await PutAsync(agent2, id, Edit(created, title: "Scanner sends no email"), "\"1\"");
        var stale = await PutAsync(agent, id, Edit(created, title: "Scanner is broken"), "\"1\"");
        var now = await (await agent.GetAsync($"/api/knowledge/{id}")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        Assert.Equal(2, (await ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("version").GetInt64());
        Assert.Equal("Scanner sends no email", now.Str("title"));
        Assert.Equal("agent2", now.Str("updatedBy"));
        Assert.Contains(created.Str("slug"), await AuditSubjectsAsync("article_changed"));
    }

    [Fact]
    public async Task Update_WithoutIfMatch_IsPreconditionRequired_WithAStar_TakesAnyVersion_AndOfAnUnknownArticle_NotFound()
    {
        using var agent = await desk.SignInAsync("agent");
        var created = await CreateAsync(agent, Draft(NewSlug("badge"), "en", "Badge lost", "Report it at reception.", "", published: false));

        var withoutIfMatch = await PutAsync(agent, created.GetProperty("id").GetInt64(), Edit(created, title: "Badge lost or stolen"), null);
        var star = await PutAsync(agent, created.GetProperty("id").GetInt64(), Edit(created, title: "Badge lost or stolen"), "*");
        var unknown = await PutAsync(agent, 999_999, Edit(created, title: "Nothing"), "\"1\"");
        var unknownStar = await PutAsync(agent, 999_999, Edit(created, title: "Nothing"), "*");

        await StaffAccounts.AssertProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired);
        Assert.Equal(HttpStatusCode.OK, star.StatusCode);
        Assert.Equal(2, (await star.JsonAsync()).GetProperty("version").GetInt64());
        await StaffAccounts.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await StaffAccounts.AssertProblemAsync(unknownStar, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_IsForSupervisors_AnAgentIsForbidden()
    {
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        var created = await CreateAsync(agent, Draft(NewSlug("fax"), "en", "Sending a fax", "We no longer send faxes.", "fax", published: true));
        var path = $"/api/knowledge/{created.GetProperty("id").GetInt64()}";

        var byAgent = await agent.DeleteAsync(path);
        var bySupervisor = await supervisor.DeleteAsync(path);
        var again = await supervisor.DeleteAsync(path);

        await StaffAccounts.AssertProblemAsync(byAgent, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, bySupervisor.StatusCode);
        await StaffAccounts.AssertProblemAsync(again, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(path)).StatusCode);
        Assert.Contains(created.Str("slug"), await AuditSubjectsAsync("article_deleted"));
    }

    [Fact]
    public async Task CallersWithoutAStaffRole_AreRefused()
    {
        using var anonymous = desk.Anonymous();
        using var channel = await desk.WithApiKeyAsync("intake");
        var draft = Draft(NewSlug("refused"), "en", "Refused", "Never stored.", "", published: true);

        await StaffAccounts.AssertProblemAsync(await anonymous.GetAsync("/api/knowledge"), HttpStatusCode.Unauthorized);
        await StaffAccounts.AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/knowledge", draft), HttpStatusCode.Unauthorized);
        await StaffAccounts.AssertProblemAsync(await channel.GetAsync("/api/knowledge"), HttpStatusCode.Forbidden);
        await StaffAccounts.AssertProblemAsync(await channel.PostAsJsonAsync("/api/knowledge", draft), HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string?> BadFields() => new()
    {
        { "slug", "Bad Slug" },
        { "slug", "-leading-hyphen" },
        { "slug", "double--hyphen" },
        { "slug", new string('s', 101) },
        { "slug", null },
        { "language", "fr" },
        { "language", "EN" },
        { "title", "" },
        { "title", "\u200b\u200c" },
        { "title", "Two\nlines" },
        { "title", new string('t', 201) },
        { "summary", "   " },
        { "summary", new string('s', 501) },
        { "body", "bell\u0007" },
        { "body", new string('b', 16_001) },
        { "keywords", "esc\u001b[2J" },
        { "keywords", "one\ntwo" },
        { "keywords", new string('k', 501) },
        { "published", null },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Create_WithABadField_IsAValidationProblemNamingIt(string field, string? value)
    {
        using var agent = await desk.SignInAsync("agent");
        var draft = Draft(NewSlug("bad"), "en", "Title", "Summary.", "keywords", published: true);
        draft[field] = value;

        var response = await agent.PostAsJsonAsync("/api/knowledge", draft);

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name == field); // as the JSON names it, the framework's [Required] too
    }

    [Fact]
    public async Task Create_WithATakenSlug_IsAConflict()
    {
        using var agent = await desk.SignInAsync("agent");

        var response = await agent.PostAsJsonAsync("/api/knowledge", Draft("vpn-certificate-error", "en", "Another VPN article", "Again.", "", published: true));

        await StaffAccounts.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task List_FiltersByLanguageAndPublished_AndRanksASearch()
    {
        using var agent = await desk.SignInAsync("agent");
        var draft = await CreateAsync(agent, Draft(NewSlug("draft"), "zh", "草稿文章", "还没有发布。", "", published: false));

        var chinese = await (await agent.GetAsync("/api/knowledge?language=zh")).JsonAsync();
        var unpublished = await (await agent.GetAsync("/api/knowledge?published=false")).JsonAsync();
        var search = await (await agent.GetAsync("/api/knowledge?q=printer%20paper%20jam&language=en")).JsonAsync();

        Assert.True(chinese.GetArrayLength() >= 9);
        Assert.All(chinese.EnumerateArray(), a => Assert.Equal("zh", a.Str("language")));
        Assert.All(unpublished.EnumerateArray(), a => Assert.False(a.GetProperty("published").GetBoolean()));
        Assert.Contains(unpublished.EnumerateArray(), a => a.Str("slug") == draft.Str("slug"));
        Assert.Equal("printer-offline-jam", search[0].Str("slug"));
        Assert.True(search[0].GetProperty("score").GetDouble() > 0);
        Assert.False(search[0].TryGetProperty("body", out _));
    }

    static string NewSlug(string topic) => $"{topic}-{Guid.NewGuid():n}"[..(topic.Length + 13)];

    static System.Text.Json.Nodes.JsonObject Draft(string slug, string language, string title, string summary, string keywords, bool published) => new()
    {
        ["slug"] = slug,
        ["language"] = language,
        ["title"] = title,
        ["summary"] = summary,
        ["body"] = "Body of the article.",
        ["keywords"] = keywords,
        ["published"] = published,
    };

    static object Edit(JsonElement article, string? title = null, bool? published = null) => new
    {
        title = title ?? article.Str("title"),
        summary = article.Str("summary"),
        body = article.Str("body"),
        keywords = article.Str("keywords"),
        published = published ?? article.GetProperty("published").GetBoolean(),
    };

    static async Task<JsonElement> CreateAsync(HttpClient client, object draft)
    {
        var response = await client.PostAsJsonAsync("/api/knowledge", draft);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    static Task<HttpResponseMessage> PutAsync(HttpClient client, long id, object edit, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/knowledge/{id}") { Content = JsonContent.Create(edit) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>Asserts a ProblemDetails of <paramref name="status"/> and returns it (the body can be read once).</summary>
    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    async Task<List<string>> AuditSubjectsAsync(string kind)
    {
        using var admin = await desk.SignInAsync("admin");
        var page = await (await admin.GetAsync($"/api/admin/audit-events?kind={kind}")).JsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(e => e.Str("subject")).ToList();
    }
}
