using System.Net.Http.Json;
using System.Security.Cryptography;
using Dapper;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>A live desk that mails portal codes through the test SMTP server.</summary>
public class PortalLiveDesk : LiveDesk
{
    internal MailServers Servers { get; } = MailServers.SharedAsync().GetAwaiter().GetResult();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PortalMail.Configure(builder, Servers);
        // A resolution's survey goes with the sender's next run, which the tests call.
        builder.UseSetting("Surveys:Delay", "00:00:00");
    }

    /// <summary>A page of <paramref name="browser"/> at <paramref name="path"/>, signed in with the code mailed to <paramref name="address"/>.</summary>
    internal async Task<IPage> PortalPageAsync(Chromium.RentedBrowser browser, string address, string locale, string path = "/portal")
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = locale });
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        await page.FillAsync("#portal-address", address);
        await page.ClickAsync("#portal-send");
        await page.Locator("#portal-code").WaitForAsync();
        await page.FillAsync("#portal-code", await PortalMail.CodeSentToAsync(Servers, address));
        await page.ClickAsync("#portal-sign-in");
        return page;
    }

    /// <summary>Signs in to the portal over HTTP with a mailed code; returns the client and its portal cookie (name=value).</summary>
    internal async Task<(HttpClient Client, string Cookie)> PortalSignInAsync(string address)
    {
        var client = NewClient(cookies: true);
        (await client.PostAsJsonAsync("/api/portal/codes", new { address })).EnsureSuccessStatusCode();
        var code = await PortalMail.CodeSentToAsync(Servers, address);
        var response = await client.PostAsJsonAsync("/api/portal/sessions", new { address, code });
        response.EnsureSuccessStatusCode();
        return (client, response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("desk.portal=", StringComparison.Ordinal)).Split(';')[0]);
    }
}

/// <summary>
/// The end users' portal in headless chromium: a code sign-in, the user's query and its visible timeline, a message, the
/// language switch, the reason for a refused address, the way back to sign-in when the session ends, and the page a
/// survey link leads to.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class PortalBrowserTests(PortalLiveDesk desk) : IClassFixture<PortalLiveDesk>
{
    [Fact]
    public async Task AUserSignsInWithAMailedCode_AndSeesTheirQuerysTimelineWithoutNotes()
    {
        var address = $"portal.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The projector in room 7 shows <b>no</b> picture", address: address))).Str("reference");
        using var agent = await desk.SignInAsync("agent");
        await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Staff only: room 7 is the CFO's", visibility = "internal" });
        await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Try the HDMI 2 input, please.", visibility = "public" });
        foreach (var status in new[] { "in_progress", "waiting_for_user" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "en-GB" });

        await page.GotoAsync(new Uri(desk.BaseAddress, "/portal").ToString());
        await page.GetByLabel("E-mail address or mobile number").FillAsync(address);
        await page.ClickAsync("#portal-send");
        await page.Locator("#portal-code").WaitForAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await PortalMail.CodeSentToAsync(desk.Servers, address));
        await page.ClickAsync("#portal-sign-in");
        await page.Locator($"button[data-reference='{reference}']").ClickAsync();

        var timeline = page.Locator(".portal-timeline");
        await timeline.Locator(".from-desk", new() { HasText = "Try the HDMI 2 input, please." }).WaitForAsync();
        Assert.Contains("The projector in room 7 shows <b>no</b> picture", await timeline.InnerTextAsync());
        Assert.DoesNotContain("CFO", await page.ContentAsync());
        Assert.Equal(0, await page.Locator(".portal-timeline b").CountAsync());

        await page.GetByLabel("Add a message").FillAsync("HDMI 2 works, thank you.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await timeline.Locator(".from-you", new() { HasText = "HDMI 2 works, thank you." }).WaitForAsync();
        // The user's words moved it on from waiting for them: the page says so without a reload.
        await page.Locator("#portal-status", new() { HasText = "In progress" }).WaitForAsync();
        var staffTimeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(staffTimeline, e => e.Str("kind") == "message_in" && e.Str("body") == "HDMI 2 works, thank you.");

        // The open query has an address: Back goes to the list, not out of the portal, and Forward comes back.
        Assert.EndsWith($"/portal/queries/{reference}", page.Url);
        await page.GoBackAsync();
        await page.Locator("#portal-queries-heading").WaitForAsync();
        Assert.EndsWith("/portal", page.Url);
        await page.GoForwardAsync();
        await page.Locator("#portal-query-heading", new() { HasText = reference }).WaitForAsync();

        // Resolved, it says when rather than a due time; the language switch reloads the page on the same query.
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "resolved" })).EnsureSuccessStatusCode();
        await page.SelectOptionAsync("#language", "zh");
        await page.Locator("#portal-back", new() { HasText = "返回我的问题" }).WaitForAsync();
        Assert.Equal("退出登录", await page.InnerTextAsync("#portal-sign-out"));
        var facts = await page.InnerTextAsync(".portal-facts");
        Assert.Contains("解决于", facts);
        // Answered and resolved: neither time frame runs any more, so neither is told.
        Assert.DoesNotContain("解决时限", facts);
        Assert.DoesNotContain("首次答复时限", facts);
    }

    [Fact]
    public async Task AUserOpensARequest_AndFindsAnArticleThatHelped()
    {
        var address = $"portal.{Guid.NewGuid():n}@example.org";
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "en-GB" });
        await page.GotoAsync(new Uri(desk.BaseAddress, "/portal").ToString());
        await page.GetByLabel("E-mail address or mobile number").FillAsync(address);
        await page.ClickAsync("#portal-send");
        await page.Locator("#portal-code").WaitForAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await PortalMail.CodeSentToAsync(desk.Servers, address));
        await page.ClickAsync("#portal-sign-in");

        await page.GetByLabel("What do you need?").FillAsync("My <i>monitor</i> flickers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
        await page.Locator("#portal-notice", new() { HasText = "Your reference is" }).WaitForAsync();
        var reference = (await page.InnerTextAsync("#portal-notice")).Split(' ').Last();
        await page.Locator($"button[data-reference='{reference}']").WaitForAsync();
        Assert.Equal(0, await page.Locator(".portal-queries i").CountAsync());

        await OpenArticleAsync(page);
        var helped = page.GetByRole(AriaRole.Group, new() { Name = "Did this help?" });
        Assert.Equal(("false", "false"), (await helped.GetByRole(AriaRole.Button, new() { Name = "Yes" }).GetAttributeAsync("aria-pressed"),
            await helped.GetByRole(AriaRole.Button, new() { Name = "No" }).GetAttributeAsync("aria-pressed")));
        await helped.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await page.Locator(".portal-feedback", new() { HasText = "Thank you for telling us." }).WaitForAsync();
        await helped.GetByRole(AriaRole.Button, new() { Name = "Yes", Pressed = true }).WaitForAsync();

        // A later visit shows the answer given, and the other button changes it.
        await page.ReloadAsync();
        await OpenArticleAsync(page);
        await helped.GetByRole(AriaRole.Button, new() { Name = "Yes", Pressed = true }).WaitForAsync();
        await helped.GetByRole(AriaRole.Button, new() { Name = "No" }).ClickAsync();
        await helped.GetByRole(AriaRole.Button, new() { Name = "No", Pressed = true }).WaitForAsync();
        Assert.Equal("false", await helped.GetByRole(AriaRole.Button, new() { Name = "Yes" }).GetAttributeAsync("aria-pressed"));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal([false], await Dapper.SqlMapper.QueryAsync<bool>(db, """
            select f.helped from knowledge_feedback f join contact_identities i on i.contact_id = f.contact_id
            where i.channel = 'email' and i.address = @address
            """, new { address }));
    }

    static async Task OpenArticleAsync(IPage page)
    {
        await page.GetByLabel("Search articles").FillAsync("vpn certificate error");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator(".portal-articles button.link").First.ClickAsync();
        await page.Locator(".portal-articles .article-body").WaitForAsync();
    }

    [Theory]
    [InlineData("en-GB", "Too many codes were asked for. Try again in 15 minutes.")]
    [InlineData("zh-CN", "获取验证码次数过多，请 15 分钟后再试。")]
    public async Task TooManyCodesForOneAddress_SaysHowLongToWait(string locale, string wait)
    {
        var address = $"many.codes.{Guid.NewGuid():n}@example.org";
        using var client = desk.Anonymous();
        for (var i = 0; i < 3; i++) // Portal:CodesPerAddress in Portal:CodeWindow (15 minutes)
            (await client.PostAsJsonAsync("/api/portal/codes", new { address })).EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = locale });
        await page.GotoAsync(new Uri(desk.BaseAddress, "/portal").ToString());

        await page.FillAsync("#portal-address", address);
        await page.ClickAsync("#portal-send");

        await page.Locator("#portal-error", new() { HasText = wait }).WaitForAsync();
    }

    [Theory]
    [InlineData("en-GB", "Contact address must be a phone number")]
    [InlineData("zh-CN", "请输入有效的电子邮箱地址或手机号码")]
    public async Task ARefusedAddress_ShowsWhy_InThePagesLanguage(string locale, string why)
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = locale });
        await page.GotoAsync(new Uri(desk.BaseAddress, "/portal").ToString());

        await page.FillAsync("#portal-address", "john.doe");
        await page.ClickAsync("#portal-send");

        await page.Locator("#portal-error", new() { HasText = why }).WaitForAsync();
        Assert.DoesNotContain("validation errors", await page.InnerTextAsync("#portal-error"));
    }

    [Fact]
    public async Task WhenTheSessionEnds_ThePageGoesBackToSignIn_AndSaysWhy()
    {
        var address = $"portal.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The scanner on floor 3 jams", address: address))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await desk.PortalPageAsync(browser, address, "en-GB");
        await page.Locator($"button[data-reference='{reference}']").WaitForAsync();

        // Signed out elsewhere (another tab), or the session's life is over: the desk closes the page's live link, and the
        // page, told by the portal API that the session is gone, goes back to sign-in without waiting for a click.
        await page.EvaluateAsync("() => fetch('/api/portal/sign-out', { method: 'POST', headers: { 'X-Desk-Client': 'portal' } })");

        await page.Locator("#portal-notice", new() { HasText = "Your session has ended" }).WaitForAsync();
        Assert.True(await page.Locator("#portal-address").IsVisibleAsync());
    }

    [Fact]
    public async Task ASurveyLink_OpensItsQuestion_InThePagesLanguage_AndTakesTheAnswerWithoutASignIn()
    {
        var address = $"portal.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("Outlook asks for my password again and again", address: address))).Str("reference");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using (var db = await desk.OpenDbAsync())
        {
            // The survey job asks after resolution; here the question is put as the job leaves it: sent, by e-mail.
            var now = DateTimeOffset.UtcNow;
            await db.ExecuteAsync("""
                insert into surveys (query_id, contact_id, token, status, kind, channel, send_at, sent_at, expires_at, created_at, updated_at)
                select id, contact_id, @token, 'sent', 'ces', 'email', @now, @now, @expires, @now, @now from queries where reference = @reference
                """, new { token, now, expires = now.AddDays(3), reference });
        }
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "zh-CN" });

        await page.GotoAsync(new Uri(desk.BaseAddress, $"/survey/{token}").ToString());
        await page.Locator("#portal-survey-question", new() { HasText = $"解决 {reference} 的过程有多容易" }).WaitForAsync();
        // No score is chosen for the user: sent as it opens, the form asks for one and sends nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await page.Locator("#portal-survey-error", new() { HasText = "请选择评分" }).WaitForAsync();
        await page.SelectOptionAsync("#portal-survey-score", "6");
        await page.FillAsync("#portal-survey-comment", "很快就解决了");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await page.Locator(".portal-survey", new() { HasText = "感谢您的反馈" }).WaitForAsync();

        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(("answered", 6, "很快就解决了"), await db.QuerySingleAsync<(string, int, string)>(
                "select status, score, comment from surveys where token = @token", new { token }));
        var again = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await again.GotoAsync(new Uri(desk.BaseAddress, $"/survey/{token}").ToString());
        await again.Locator("main", new() { HasText = "This survey is answered. Thank you." }).WaitForAsync();
    }

    [Fact]
    public async Task ALinkToOneQuery_OpensItAfterTheSignIn()
    {
        var address = $"portal.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The badge reader at the side door is dead", address: address))).Str("reference");
        await channel.SubmitAsync(Requests.Query("And the lift needs a badge too", address: address));
        await using var browser = await Chromium.RentAsync();

        var page = await desk.PortalPageAsync(browser, address, "en-GB", $"/portal/queries/{reference}");

        await page.Locator("#portal-query-heading", new() { HasText = reference }).WaitForAsync();
    }
}
