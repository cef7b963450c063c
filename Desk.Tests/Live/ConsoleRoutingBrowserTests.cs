using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>With routing on, a new query reaches the console of the agent the rules chose, once, with the decision explained.</summary>
public sealed class ConsoleRoutingBrowserTests(RoutingLiveDesk desk) : IClassFixture<RoutingLiveDesk>
{
    [Fact]
    public async Task ANewQuery_AppearsOnceInTheChosenAgentsConsole_AssignedWithTheRulesExplained()
    {
        var agent = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, agent, StaffAccounts.Password);

        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("My laptop shows a blue screen every morning"))).Str("reference");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        await row.ClickAsync();
        var decision = page.Locator("#timeline .timeline-entry[data-kind='assigned_by_routing']");
        await decision.WaitForAsync();

        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(agent, await decision.InnerTextAsync());
        Assert.Contains("load", await decision.InnerTextAsync());
        using var supervisor = await desk.SignInAsync("supervisor");
        var detail = await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal(agent, detail.Str("assignee"));
        Assert.Equal("incident-management", detail.Str("queue"));
    }

    [Fact]
    public async Task InChinese_TheDecisionNamesTheQueueAsTheConsoleNamesIt()
    {
        var agent = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN" });
        await Chromium.SignInAsync(page, desk, agent, StaffAccounts.Password);

        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("My laptop shows a blue screen every morning"))).Str("reference");
        await page.Locator($"#queries tr[data-reference='{reference}']").ClickAsync();

        await Assertions.Expect(page.Locator("#timeline .timeline-entry[data-kind='assigned_by_routing'] .timeline-body"))
            .ToContainTextAsync("负责 事件管理，");
    }
}
