using System.Net.Http.Json;
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
    }
}

/// <summary>The end users' portal in headless chromium: a code sign-in, the user's query and its visible timeline, a message, the language switch.</summary>
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
        var staffTimeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(staffTimeline, e => e.Str("kind") == "message_in" && e.Str("body") == "HDMI 2 works, thank you.");

        await page.SelectOptionAsync("#language", "zh");
        await page.Locator("#portal-queries-heading", new() { HasText = "我的问题" }).WaitForAsync();
        Assert.Equal("退出登录", await page.InnerTextAsync("#portal-sign-out"));
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

        await page.GetByLabel("Search articles").FillAsync("vpn certificate error");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator(".portal-articles button.link").First.ClickAsync();
        await page.Locator(".portal-articles .article-body").WaitForAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Did this help?" }).GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await page.Locator(".portal-feedback", new() { HasText = "Thank you for telling us." }).WaitForAsync();
        await using var db = await desk.OpenDbAsync();
        Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<int>(db, "select count(*) from knowledge_feedback where helped = @yes", new { yes = true }) >= 1);
    }
}
