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
public sealed class KnowledgeTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    Task<IReadOnlyList<ArticleMatch>> MatchAsync(string text, string language, int max = 3) =>
        desk.Services.GetRequiredService<KnowledgeSearch>().MatchAsync(text, language, max, CancellationToken.None);

    [Fact]
    public async Task Match_WhenTheVpnSaysItsCertificateExpired_OffersTheVpnArticleFirst()
    {
        var matches = await MatchAsync("my vpn says certificate expired", "en");

        Assert.Equal("vpn-certificate-error", matches[0].Slug);
        Assert.All(matches, m => Assert.Equal("en", m.Language));
        Assert.True(matches[0].Score > 0);
        Assert.False(string.IsNullOrWhiteSpace(matches[0].Summary));
    }

    [Fact]
    public async Task Match_InChinese_OffersTheChineseVpnArticleFirst()
    {
        var matches = await MatchAsync("我的电脑无法连接VPN", "zh");

        Assert.Equal("vpn-certificate-error-zh", matches[0].Slug);
        Assert.All(matches, m => Assert.Equal("zh", m.Language));
    }

    [Theory]
    [InlineData("hello", "en")]
    [InlineData("thanks", "en")]
    [InlineData("Hi there!", "en")]
    [InlineData("thank you so much", "en")]
    [InlineData("good morning", "en")]
    [InlineData("the coffee machine is broken", "en")]
    [InlineData("The payroll page will not load at all", "en")]
    [InlineData("Payroll shows an error page", "en")]
    [InlineData("你好", "zh")]
    [InlineData("谢谢", "zh")]
    [InlineData("你好，谢谢！", "zh")]
    [InlineData("工资系统的页面一直打不开", "zh")] // "打不开" (will not open) is not the printer's "打不了" (cannot print)
    [InlineData("", "en")]
    public async Task Match_OfAGreetingOrAnUnrelatedMessage_IsEmpty(string text, string language)
    {
        Assert.Empty(await MatchAsync(text, language));
    }

    [Theory]
    [InlineData("Hi, since this morning I can't connect to the VPN from home, it says the certificate has expired", "en", "vpn-certificate-error")]
    [InlineData("I forgot my password and my account is locked", "en", "password-reset-account-locked")]
    [InlineData("new phone, authenticator codes not accepted", "en", "mfa-authenticator-new-phone")]
    [InlineData("wifi keeps disconnecting", "en", "wifi-cannot-connect")]
    [InlineData("the printer on floor 3 says paper jam", "en", "printer-offline-jam")]
    [InlineData("how do I get email on my iphone", "en", "mail-on-phone")]
    [InlineData("low disk space warning", "en", "disk-full")]
    [InlineData("I need access to the finance shared folder", "en", "request-software-access")]
    [InlineData("can't hear anything in teams meetings", "en", "teams-audio")]
    [InlineData("VPN证书过期了", "zh", "vpn-certificate-error-zh")]
    [InlineData("忘记密码了，账户被锁定", "zh", "password-reset-account-locked-zh")]
    [InlineData("换了新手机，验证码不对", "zh", "mfa-authenticator-new-phone-zh")]
    [InlineData("连不上wifi", "zh", "wifi-cannot-connect-zh")]
    [InlineData("打印机卡纸", "zh", "printer-offline-jam-zh")]
    [InlineData("手机上怎么设置邮箱", "zh", "mail-on-phone-zh")]
    [InlineData("磁盘空间不足", "zh", "disk-full-zh")]
    [InlineData("我需要申请共享文件夹的权限", "zh", "request-software-access-zh")]
    [InlineData("Teams开会听不到声音", "zh-CN", "teams-audio-zh")]
    public async Task Match_OffersTheArticleForTheProblem_First(string text, string language, string slug)
    {
        var matches = await MatchAsync(text, language);

        Assert.NotEmpty(matches);
        Assert.Equal(slug, matches[0].Slug);
        Assert.True(matches.Count <= 3);
        Assert.Equal(matches.OrderByDescending(m => m.Score).Select(m => m.Id), matches.Select(m => m.Id));
    }

    [Fact]
    public async Task Match_PrefersTheGivenLanguage_AndFallsBackToTheOtherOnlyWhenNothingMatches()
    {
        using var agent = await desk.SignInAsync("agent");
        var slug = NewSlug("attendance");
        await CreateAsync(agent, Draft(slug, "zh", "考勤机无法打卡", "考勤机刷卡没有反应时，请先检查网络指示灯。", "考勤机 打卡 刷卡", published: true));

        var english = await MatchAsync("my vpn says certificate expired", "en", max: 1);
        var preferChinese = await MatchAsync("my vpn says certificate expired", "zh", max: 1);
        var fallback = await MatchAsync("考勤机坏了，没法打卡", "en");

        Assert.Equal("vpn-certificate-error", Assert.Single(english).Slug);
        Assert.Equal("vpn-certificate-error-zh", Assert.Single(preferChinese).Slug);
        Assert.Equal(slug, fallback[0].Slug);
    }

    [Fact]
    public async Task Match_NeverOffersAnUnpublishedArticle_AndOffersItOnceAnAgentPublishesIt()
    {
        using var agent = await desk.SignInAsync("agent");
        var slug = NewSlug("badge-reader");
        var created = await CreateAsync(agent, Draft(slug, "en", "Badge reader beeps red at the quokka gate",
            "Hold the badge flat for two seconds; a red beep twice means the badge expired.", "badge reader quokka gate", published: false));

        var before = await MatchAsync("the quokka gate badge reader beeps red", "en");
        var publish = await PutAsync(agent, created.GetProperty("id").GetInt64(), Edit(created, published: true), "\"1\"");
        var after = await MatchAsync("the quokka gate badge reader beeps red", "en");

        Assert.DoesNotContain(before, m => m.Slug == slug);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal(slug, after[0].Slug);
    }

    [Fact]
    public async Task Match_SeesAnArticleWrittenByAnotherNode_OnceItsIndexIsOlderThanTheLifetime()
    {
        const string text = "the zebra turnstile will not open";
        Assert.Empty(await MatchAsync(text, "en"));
        var slug = NewSlug("turnstile");
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("""
                insert into knowledge_articles
                    (slug, language, title, summary, body, keywords, published, version, created_by, created_at, updated_by, updated_at)
                values (@slug, 'en', 'Zebra turnstile will not open', 'Tap your badge once and wait for the green light.',
                    'Tap once; a second tap cancels the first.', 'zebra turnstile', @published, 1, 'other-node', @now, 'other-node', @now)
                """, new { slug, published = true, now = desk.Clock.GetUtcNow() });

        var cached = await MatchAsync(text, "en");
        desk.Clock.Advance(new KnowledgeOptions().IndexLifetime + TimeSpan.FromSeconds(1));
        var fresh = await MatchAsync(text, "en");

        Assert.Empty(cached);
        Assert.Equal(slug, fresh[0].Slug);
    }

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
