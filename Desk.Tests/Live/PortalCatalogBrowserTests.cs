using System.Net.Http.Json;
using Dapper;
using Desk.Api.Surveys;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// A live portal desk with a finance group (a mail domain): new laptops are for finance, with a form (model required,
/// a reason), DNS changes for vip contacts only. Surveys go out as soon as a query is resolved.
/// </summary>
public sealed class PortalCatalogLiveDesk : PortalLiveDesk
{
    public const string FinanceDomain = "finance.example.org";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Catalog:Groups:finance:0", "@" + FinanceDomain);
        builder.UseSetting("Catalog:Entitlements:new-laptop:0", "group:finance");
        builder.UseSetting("Catalog:Entitlements:dns-change:0", "vip");
        builder.UseSetting("Catalog:Forms:new-laptop:0:Name", "model");
        builder.UseSetting("Catalog:Forms:new-laptop:0:Required", "true");
        builder.UseSetting("Catalog:Forms:new-laptop:0:Label", "Model");
        builder.UseSetting("Catalog:Forms:new-laptop:0:LabelZh", "型号");
        builder.UseSetting("Catalog:Forms:new-laptop:1:Name", "reason");
        builder.UseSetting("Catalog:Forms:new-laptop:1:Label", "Reason");
        builder.UseSetting("Catalog:Forms:new-laptop:1:LabelZh", "原因");
        builder.UseSetting("Surveys:Delay", "00:00:00");
    }
}

/// <summary>
/// The portal's catalog and surveys in headless chromium: a sign-in by the code the desk mailed, the items this user is
/// entitled to (by group; not a user outside it) and not the others, a catalog request with its form seen in "my queries" with its reference
/// and time frame, the form in Chinese, and a survey answered from the portal.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class PortalCatalogBrowserTests(PortalCatalogLiveDesk desk) : IClassFixture<PortalCatalogLiveDesk>
{
    [Fact]
    public async Task AFinanceUser_SeesOnlyTheirCatalog_OpensALaptopRequestWithItsForm_AndReadsTheFormInChinese()
    {
        var address = $"ledger.{Guid.NewGuid():n}@{PortalCatalogLiveDesk.FinanceDomain}";
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser, address);

        var items = await page.Locator("#portal-new-item option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Contains("new-laptop", items);
        Assert.Contains("password-reset", items);
        Assert.DoesNotContain("dns-change", items);
        Assert.Equal("new laptop", await page.InnerTextAsync("#portal-new-item option[value='new-laptop']"));
        await page.SelectOptionAsync("#portal-new-item", "new-laptop");
        await page.GetByLabel("Model", new() { Exact = true }).FillAsync("ThinkPad X1 <b>Carbon</b>");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("The battery lasts an hour");
        await page.GetByLabel("What do you need?").FillAsync("A replacement laptop, please");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();

        await page.Locator("#portal-notice", new() { HasText = "Your reference is" }).WaitForAsync();
        var reference = (await page.InnerTextAsync("#portal-notice")).Split(' ').Last();
        Assert.StartsWith("REQ-", reference);
        var listed = page.Locator($"button[data-reference='{reference}']");
        await listed.WaitForAsync();
        using var agent = await desk.SignInAsync("agent");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(("new-laptop", true, "portal"), (query.Str("catalogItem"), query.GetProperty("catalogGranted").GetBoolean(), query.Str("channel")));
        Assert.Contains("Model: ThinkPad X1 <b>Carbon</b>", query.Str("text"));
        var due = await listed.Locator(".due time").GetAttributeAsync("datetime");
        Assert.Equal(query.GetProperty("resolutionDue").GetDateTimeOffset(), DateTimeOffset.Parse(due!));
        Assert.StartsWith("Resolution due", await listed.Locator(".due").InnerTextAsync());

        await page.SelectOptionAsync("#language", "zh");
        await page.Locator("#portal-queries-heading", new() { HasText = "我的问题" }).WaitForAsync();
        await page.SelectOptionAsync("#portal-new-item", "new-laptop");
        await page.GetByLabel("型号", new() { Exact = true }).WaitForAsync();
        await page.GetByLabel("原因", new() { Exact = true }).WaitForAsync();
        Assert.Equal("请求类型", await page.InnerTextAsync("label[for='portal-new-item']"));
        // The desk's own catalog items have its Chinese names, as the console gives them.
        Assert.Equal("新笔记本电脑", await page.InnerTextAsync("#portal-new-item option[value='new-laptop']"));
        Assert.Equal("重置密码", await page.InnerTextAsync("#portal-new-item option[value='password-reset']"));
        Assert.StartsWith("解决时限", await page.Locator($"button[data-reference='{reference}'] .due").InnerTextAsync());
    }

    [Fact]
    public async Task AfterResolution_TheUserAnswersTheSurveyFromThePortal()
    {
        var address = $"surveyed.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The printer on floor 3 jams on every page", address: address))).Str("reference");
        using var agent = await desk.SignInAsync("agent");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = status == "resolved" ? "replaced the roller" : null }))
                .EnsureSuccessStatusCode();
        // The survey sender's Hangfire job runs every minute; here it runs now, as that job would.
        await desk.Services.GetRequiredService<SurveySender>().RunDueAsync(CancellationToken.None);
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser, address);

        // Not in finance: the laptop is not on offer to this user at all.
        await page.Locator("#portal-new-item option[value='password-reset']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await page.Locator("#portal-new-item option[value='new-laptop']").CountAsync());
        var survey = page.Locator(".portal-survey", new() { HasText = reference });
        await survey.WaitForAsync();
        await survey.GetByLabel("Score").SelectOptionAsync("4");
        await survey.GetByLabel("Comment").FillAsync("Quick, thank you.");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();

        await page.Locator(".portal-surveys", new() { HasText = "Thank you for telling us." }).WaitForAsync();
        await using var db = await desk.OpenDbAsync();
        Assert.Equal((4, "Quick, thank you."), await db.QuerySingleAsync<(int, string)>("""
            select s.score, s.comment from surveys s join queries q on q.id = s.query_id where q.reference = @reference
            """, new { reference }));
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.Str("kind") == "survey_answered");
    }

    /// <summary>A page on the portal, signed in with the code the desk mailed to <paramref name="address"/> through the test SMTP server.</summary>
    async Task<IPage> SignedInAsync(Chromium.RentedBrowser browser, string address)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "en-GB" });
        await page.GotoAsync(new Uri(desk.BaseAddress, "/portal").ToString());
        await page.GetByLabel("E-mail address or mobile number").FillAsync(address);
        await page.ClickAsync("#portal-send");
        await page.Locator("#portal-code").WaitForAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await PortalMail.CodeSentToAsync(desk.Servers, address));
        await page.ClickAsync("#portal-sign-in");
        await page.Locator("#portal-queries-heading").WaitForAsync();
        return page;
    }
}
