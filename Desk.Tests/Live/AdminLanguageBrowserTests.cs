using System.Net.Http.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The admin page in Chinese where it shows what the desk itself names: its queues in the SLA section and the scorecard
/// by their Chinese names, as the console has them, an SLA or queue change in the audit log a setting a line, not as
/// JSON, and the desk's own words in the audit log in Chinese.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class AdminLanguageBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task APolicyChange_NamesItsQueueInChinese_AndTheAuditReadsItSettingBySetting()
    {
        var level = await AdminSlaBrowserTests.NewPolicyAsync(desk);
        var row = AdminSlaBrowserTests.Row(level);
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "admin", "zh-CN", loaded: row);

        Assert.Equal("事件管理", await page.InnerTextAsync("#sla-move-to option[value='incident-management']"));
        await page.ClickAsync($"{row} button[data-action='change']");
        await page.SelectOptionAsync("#sla-move-to", "incident-management");
        await page.FillAsync("#sla-first-response", "45m");
        await page.ClickAsync("#sla-policy button[type='submit']");
        await page.WaitForSelectorAsync($"{row} td:text-is('移至 事件管理')");

        var events = await AuditAsync(page, "sla_policy_changed", $"*/P4/{level}");
        await Assertions.Expect(events.First.Locator("li")).ToHaveTextAsync(["首次响应：1小时 → 45分钟", "升级：无 → 移至 事件管理"]);
        // Made through the API before: every setting as it was set.
        await Assertions.Expect(events.Last.Locator("li")).ToHaveTextAsync(
            ["类型：*", "优先级：P4", $"服务级别：{level}", "首次响应：1小时", "后续响应：2小时", "解决：1天", "日历：24x7", "升级：无"]);
        Assert.DoesNotContain("{", await events.First.InnerTextAsync());
    }

    [Fact]
    public async Task ACalendarChange_ReadsInTheAuditAsItsChangedSettings_InEitherLanguage()
    {
        var name = $"c{Guid.NewGuid():n}"[..12];
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PutAsJsonAsync($"/api/sla/calendars/{name}",
            new { timeZone = "Asia/Shanghai", windows = (object?)null, holidays = new[] { "2027-02-17" } })).EnsureSuccessStatusCode();
        (await supervisor.PutAsJsonAsync($"/api/sla/calendars/{name}",
            new { timeZone = "Asia/Shanghai", windows = new { mon = new[] { "09:00-17:00" } }, holidays = new[] { "2027-10-01" } })).EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();

        var zh = await AdminPage.OpenAsync(browser, desk, "admin", "zh-CN");
        await Assertions.Expect((await AuditAsync(zh, "sla_calendar_changed", name)).First.Locator("li"))
            .ToHaveTextAsync(["工作时段：全天候（24×7） → 周一 09:00-17:00", "节假日：2027-02-17 → 2027-10-01"]);
        var en = await AdminPage.OpenAsync(browser, desk, "admin", "en-GB");
        await Assertions.Expect((await AuditAsync(en, "sla_calendar_changed", name)).First.Locator("li"))
            .ToHaveTextAsync(["Working windows: Around the clock (24×7) → Mon 09:00-17:00", "Holidays: 2027-02-17 → 2027-10-01"]);
    }

    [Fact]
    public async Task AnAgentsQueues_ReadInTheAuditByTheirChineseNames_AndTheDesksOwnWordsInChinese()
    {
        var member = await desk.CreateStaffAsync();
        using var admin = await desk.SignInAsync("admin");
        (await admin.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "incident-management", "service-requests" } }))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "incident-management" } })).EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "admin", "zh-CN");

        var queues = await AuditAsync(page, "agent_queues_changed", member);
        await Assertions.Expect(queues.First.Locator("li")).ToHaveTextAsync(["队列：事件管理, 服务请求 → 事件管理", "移除：服务请求"]);
        var created = await AuditAsync(page, "staff_created", member);
        await Assertions.Expect(created.First.Locator("td").Last).ToHaveTextAsync("角色 agent。");
    }

    [Fact]
    public async Task TheScorecardByQueue_NamesTheQueuesInChinese()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        await supervisor.SubmitAsync(Requests.Query("The VPN drops every ten minutes since this morning"));
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", "zh-CN", loaded: "#scorecard-rows tr[data-group='(all)']");

        await page.SelectOptionAsync("#scorecard-by", "queue");
        await page.ClickAsync("#scorecard-form button[type='submit']");

        await Assertions.Expect(page.Locator("#scorecard-rows tr[data-group='incident-management'] th")).ToHaveTextAsync("事件管理");
    }

    /// <summary>The audit log's events of a kind about one subject, newest first, as the page shows them.</summary>
    static async Task<ILocator> AuditAsync(IPage page, string kind, string subject)
    {
        await page.WaitForSelectorAsync("#audit-section[data-loaded='true']");
        await page.FillAsync("#audit-kind", kind);
        await page.ClickAsync("#audit-filter button[type='submit']");
        var events = page.Locator("#audit-rows tr", new() { Has = page.Locator($"td:text-is('{subject}')") });
        await events.First.WaitForAsync();
        return events;
    }
}
