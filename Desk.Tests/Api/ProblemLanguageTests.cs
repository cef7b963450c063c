using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// Real refusals over HTTP answered in Chinese when Accept-Language prefers it, and in the same English as before
/// without it or with English first: title, detail and field messages, Content-Language and Vary.
/// </summary>
public sealed class ProblemLanguageTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const string Chinese = "zh-CN";

    [Fact]
    public async Task ABlankReply_AndATooLongField_AreRefusedInChinese()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Printer jams on every page"))).Str("reference");

        var blank = await SendAsync(agent, HttpMethod.Post, $"/api/queries/{reference}/messages", Chinese, new { text = "\u3164" });
        var tooLong = await SendAsync(agent, HttpMethod.Post, $"/api/queries/{reference}/messages", Chinese, new { text = new string('x', 10_001) });

        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.Equal("正文不能为空：其中没有可见字符。", blank.Error("text"));
        Assert.Equal("请求中有字段未通过校验。", blank.Title);
        Assert.Equal("正文超过 10000 个字符。", tooLong.Error("text"));
        Assert.Equal("zh", blank.Language);
        Assert.Contains("Accept-Language", blank.Vary);
    }

    [Fact]
    public async Task AStaffMemberWithoutADisplayName_IsRefusedInTheDesksWords_NotByTheMembersName()
    {
        using var admin = await desk.SignInAsync("admin");
        admin.DefaultRequestHeaders.Add("X-Desk-Client", "console");
        var member = new { username = $"zh{Guid.NewGuid():n}"[..16], role = "agent", password = "a-long-password-1" };

        var english = await SendAsync(admin, HttpMethod.Post, "/api/admin/staff", "en", member);
        var chinese = await SendAsync(admin, HttpMethod.Post, "/api/admin/staff", Chinese, member);
        var tooLong = await SendAsync(admin, HttpMethod.Post, "/api/admin/staff", Chinese,
            new { member.username, member.role, member.password, displayName = new string('x', 201) });

        Assert.Equal("Display name is required.", english.Error("displayName"));
        Assert.Equal("显示名称不能为空。", chinese.Error("displayName"));
        Assert.Equal("显示名称超过 200 个字符。", tooLong.Error("displayName"));
    }

    [Fact]
    public async Task AnUnknownQuery_IsNotFoundInChinese_KeepingItsReference()
    {
        using var agent = await desk.SignInAsync("agent");

        var missing = await SendAsync(agent, HttpMethod.Get, "/api/queries/INC-999999", Chinese);

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(("没有此查询", "没有查询 INC-999999。"), (missing.Title, missing.Detail));
    }

    [Fact]
    public async Task AClosedQuery_RefusesChangesAndMessagesInChinese()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Monitor flickers"))).Str("reference");
        foreach (var status in new[] { "in_progress", "resolved", "closed" })
            Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).StatusCode);

        var patch = await SendAsync(agent, HttpMethod.Patch, $"/api/queries/{reference}", Chinese, new { priority = "P2" });
        var message = await SendAsync(agent, HttpMethod.Post, $"/api/queries/{reference}/messages", Chinese, new { text = "Still there?" });

        Assert.Equal(HttpStatusCode.Conflict, patch.Status);
        Assert.Equal(("现在无法执行", $"{reference} 已关闭，不能再更改；请提交新的查询。"), (patch.Title, patch.Detail));
        Assert.Equal(("现在无法执行", "该查询已关闭；请提交新的查询。"), (message.Title, message.Detail));
    }

    [Fact]
    public async Task ABadSignIn_AndABadPassword_AreRefusedInChinese()
    {
        using var anyone = desk.Anonymous();
        var signIn = await SendAsync(anyone, HttpMethod.Post, "/api/auth/sign-in", Chinese, new { username = "agent", password = "not-the-password" });
        using var admin = await desk.SignInAsync("admin");
        var staff = await SendAsync(admin, HttpMethod.Post, "/api/admin/staff", Chinese,
            new { username = "zh-newcomer", displayName = "\u3164", role = "pilot", password = "short" });

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.Status);
        Assert.Equal(("登录失败", "用户名不存在或密码错误。"), (signIn.Title, signIn.Detail));
        Assert.Equal(HttpStatusCode.BadRequest, staff.Status);
        Assert.Equal("显示名称不能为空：其中没有可见字符。", staff.Error("displayName"));
        Assert.StartsWith("角色必须是以下之一：", staff.Error("role"));
        Assert.Equal("密码至少需要 12 个字符。", staff.Error("password"));
    }

    [Fact]
    public async Task AMalformedJsonBody_IsExplainedInChinese()
    {
        using var agent = await desk.SignInAsync("agent");

        var broken = await SendAsync(agent, HttpMethod.Post, "/api/queries", Chinese, """{"text": true}""");
        var notJson = await SendAsync(agent, HttpMethod.Post, "/api/queries", Chinese, "help", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Equal("请求有误", broken.Title);
        Assert.Matches(@"^请求体不是此请求所需的 JSON：某个值类型不对，位置 \$\.text（第 1 行，第 \d+ 字节）。$", broken.Detail);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.Status);
        Assert.Equal("此请求需要以 application/json 发送的 JSON 请求体。", notJson.Detail);
    }

    [Fact]
    public async Task APortalCode_OfTheWrongShape_OrWrong_IsRefusedInChinese()
    {
        using var anyone = desk.Anonymous();

        var shape = await SendAsync(anyone, HttpMethod.Post, "/api/portal/sessions", Chinese, new { address = "ana@example.org", code = "12ab" });
        var never = await SendAsync(anyone, HttpMethod.Post, "/api/portal/sessions", Chinese, new { address = "ana@example.org", code = "123456" });

        Assert.Equal(HttpStatusCode.BadRequest, shape.Status);
        Assert.Equal("验证码必须是发送给你的六位数字。", shape.Error("code"));
        Assert.Equal(HttpStatusCode.Unauthorized, never.Status);
        Assert.Equal(("登录失败", "验证码错误或已失效。请检查，或申请新的验证码。"), (never.Title, never.Detail));
    }

    [Fact]
    public async Task AValidationProblemOfSeveralFields_SaysEachInChinese()
    {
        using var agent = await desk.SignInAsync("agent");
        var body = new { text = "help", channel = "pigeon", contact = new { channel = "E Mail!", address = "a@example.org" }, impact = "huge", urgency = "now" };

        var refused = await SendAsync(agent, HttpMethod.Post, "/api/queries", Chinese, body);

        Assert.Equal("联系渠道必须是简短的小写标识，例如 email、sms 或 msteams。", refused.Error("contact.channel"));
        Assert.StartsWith("渠道必须是以下之一：", refused.Error("channel"));
        Assert.Equal("影响必须是 high、medium 或 low。", refused.Error("impact"));
        Assert.Equal("紧急度必须是 high、medium 或 low。", refused.Error("urgency"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    [InlineData("en-GB")]
    [InlineData("en;q=0.9, zh;q=0.8")]
    [InlineData("zh;q=0, en")]
    [InlineData("fr, zh-CN")]
    public async Task WithoutChineseFirst_TheRefusalIsTheSameEnglish(string? acceptLanguage)
    {
        using var agent = await desk.SignInAsync("agent");

        var missing = await SendAsync(agent, HttpMethod.Get, "/api/queries/INC-999998", acceptLanguage);
        var blank = await SendAsync(agent, HttpMethod.Post, "/api/queries", acceptLanguage,
            new { text = "", channel = "web", contact = new { channel = "email", address = "a@example.org" } });

        Assert.Equal(("No such query", "There is no query INC-999998."), (missing.Title, missing.Detail));
        Assert.Equal("Text is required.", blank.Error("text"));
        Assert.Equal("One or more validation errors occurred.", blank.Title);
        Assert.Null(missing.Language);
        Assert.Contains("Accept-Language", missing.Vary);
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("zh-TW,en;q=0.5")]
    [InlineData("en;q=0.5, zh-Hans-CN")]
    [InlineData("ZH-cn")]
    public async Task WithChineseFirst_TheRefusalIsChinese(string acceptLanguage)
    {
        using var agent = await desk.SignInAsync("agent");

        var missing = await SendAsync(agent, HttpMethod.Get, "/api/queries/INC-999997", acceptLanguage);

        Assert.Equal("没有查询 INC-999997。", missing.Detail);
        Assert.Equal("zh", missing.Language);
    }

    [Fact]
    public async Task TheFrameworksOwnStatusAnswers_AreChinese()
    {
        using var anyone = desk.Anonymous();
        using var agent = await desk.SignInAsync("agent");

        var unsigned = await SendAsync(anyone, HttpMethod.Get, "/api/queries", Chinese);
        var forbidden = await SendAsync(agent, HttpMethod.Get, "/api/admin/staff", Chinese);
        var nowhere = await SendAsync(agent, HttpMethod.Get, "/api/no-such-thing", Chinese);

        Assert.Equal(("未登录", "请先登录，或在 X-Api-Key 请求头中发送 API 密钥。"), (unsigned.Title, unsigned.Detail));
        Assert.Equal(("无权执行", "你的角色或 API 密钥的权限范围不允许此操作。"), (forbidden.Title, forbidden.Detail));
        Assert.Equal(("未找到", "此地址下没有内容。"), (nowhere.Title, nowhere.Detail));
    }

    [Fact]
    public async Task APortalSignIn_OnADeskThatSendsNeitherMailNorSms_SaysSoOnce_InsteadOfSendingTheUserToTheOtherAddress()
    {
        using var anyone = desk.Anonymous();
        anyone.DefaultRequestHeaders.Add("X-Desk-Client", "portal");

        var byMail = await SendAsync(anyone, HttpMethod.Post, "/api/portal/codes", null, new { address = "ana@example.org" });
        var byPhone = await SendAsync(anyone, HttpMethod.Post, "/api/portal/codes", Chinese, new { address = "+442079460123" });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "No codes can be sent"), (byMail.Status, byMail.Title));
        Assert.Equal("This desk sends neither e-mail nor SMS, so it cannot send a sign-in code; reach the service desk another way.", byMail.Detail);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "无法发送验证码"), (byPhone.Status, byPhone.Title));
        Assert.Equal("本服务台既不发送电子邮件也不发送短信，因此无法发送登录验证码；请通过其他方式联系服务台。", byPhone.Detail);
    }

    static async Task<Refusal> SendAsync(HttpClient client, HttpMethod method, string path, string? acceptLanguage, object? body = null,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (acceptLanguage is not null)
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        if (body is not null)
            request.Content = body is string text ? new StringContent(text, Encoding.UTF8, contentType) : JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        var errors = problem.TryGetProperty("errors", out var e)
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Single().GetString()!)
            : [];
        return new(response.StatusCode, problem.Str("title"), problem.TryGetProperty("detail", out var d) ? d.GetString() : null, errors,
            response.Content.Headers.ContentLanguage.SingleOrDefault(), string.Join(",", response.Headers.Vary));
    }

    sealed record Refusal(HttpStatusCode Status, string Title, string? Detail, Dictionary<string, string> Errors, string? Language, string Vary)
    {
        public string Error(string field) => Errors.TryGetValue(field, out var message) ? message : throw new Xunit.Sdk.XunitException(
            $"no error for {field}: {JsonSerializer.Serialize(Errors)}");
    }
}
