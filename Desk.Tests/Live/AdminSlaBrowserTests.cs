using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The admin page's SLA section in headless chromium: policies, calendars and the repair, as the API then has them.</summary>
[Collection(LiveCollection.Name)]
public sealed class AdminSlaBrowserTests(LiveDesk desk)
{
    // The live desk is shared: each test sets policies of a service level of its own, and calendars of its own name,
    // so that no other test's queries fall under them.
    const string PoliciesLoaded = "#sla-policies-rows tr";

    [Fact]
    public async Task SupervisorChangesATargetInThePage_AndTheApiReportsTheNewTarget()
    {
        var level = await NewPolicyAsync(desk);
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Row(level));
        Assert.Equal("1d", await page.InnerTextAsync($"{Row(level)} td[data-target='resolution']"));

        await page.ClickAsync($"{Row(level)} button[data-action='change']");
        Assert.Equal((level, "P4", "1h", "1d"), (await page.InputValueAsync("#sla-service-level"), await page.InputValueAsync("#sla-priority"),
            await page.InputValueAsync("#sla-first-response"), await page.InputValueAsync("#sla-resolution")));
        await page.FillAsync("#sla-resolution", "2d 4h 30m");
        await page.ClickAsync("#sla-policy button[type='submit']");
        await page.WaitForSelectorAsync($"{Row(level)} td[data-target='resolution']:text-is('2d 4h 30m')");

        var policy = await PolicyAsync(level);
        Assert.Equal(("2.04:30:00", "01:00:00", "24x7"), (policy.Str("resolution"), policy.Str("firstResponse"), policy.Str("calendar")));
        Assert.Contains($"*/P4/{level}", await page.InnerTextAsync("#sla-status"));
    }

    [Fact]
    public async Task ABadTargetInThePage_ShowsTheDesksFieldError_AndChangesNothing()
    {
        var level = await NewPolicyAsync(desk);
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Row(level));
        await page.ClickAsync($"{Row(level)} button[data-action='change']");

        await page.FillAsync("#sla-resolution", "400d");
        await page.ClickAsync("#sla-policy button[type='submit']");
        await page.WaitForSelectorAsync("#sla-resolution-error:not(:empty)");
        Assert.Contains("at most 365 days", await page.InnerTextAsync("#sla-resolution-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#sla-resolution", "aria-invalid"));
        Assert.Equal("400d", await page.InputValueAsync("#sla-resolution"));

        // The first response may not come due after the resolution: the desk's reason stands by the first response.
        await page.FillAsync("#sla-resolution", "30m");
        await page.ClickAsync("#sla-policy button[type='submit']");
        await page.WaitForSelectorAsync("#sla-first-response-error:not(:empty)");
        Assert.Contains("after the resolution", await page.InnerTextAsync("#sla-first-response-error"));
        Assert.Equal("", await page.InnerTextAsync("#sla-resolution-error"));

        // What is no duration at all is refused by the page in the same place, before the desk is asked.
        await page.FillAsync("#sla-resolution", "soon");
        await page.ClickAsync("#sla-policy button[type='submit']");
        await page.WaitForSelectorAsync("#sla-resolution-error:not(:empty)");
        Assert.Contains("4h 30m", await page.InnerTextAsync("#sla-resolution-error"));

        var policy = await PolicyAsync(level);
        Assert.Equal(("1.00:00:00", "01:00:00"), (policy.Str("resolution"), policy.Str("firstResponse")));
        Assert.Equal("1d", await page.InnerTextAsync($"{Row(level)} td[data-target='resolution']"));
    }

    [Fact]
    public async Task CalendarSavedInThePage_RoundTrips_AndABadWindowIsRefusedByItsField()
    {
        var name = $"cal-{Guid.NewGuid():n}"[..16];
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: "#sla-calendars-rows tr[data-calendar='24x7']");

        await page.FillAsync("#sla-calendar-name", name);
        await page.FillAsync("#sla-time-zone", "Asia/Shanghai");
        await page.FillAsync("#sla-window-mon", "09:00-12:00, 13:00-18:00");
        await page.FillAsync("#sla-window-tue", "18:00-09:00");
        await page.FillAsync("#sla-holidays", "2027-02-17\n2027-02-18");
        await page.ClickAsync("#sla-calendar button[type='submit']");
        await page.WaitForSelectorAsync("#sla-windows-error:not(:empty)");
        Assert.Contains("18:00-09:00", await page.InnerTextAsync("#sla-windows-error"));
        Assert.Null(await CalendarAsync(name));

        await page.FillAsync("#sla-window-tue", "");
        await page.FillAsync("#sla-window-fri", "09:00-17:00");
        await page.ClickAsync("#sla-calendar button[type='submit']");
        var row = $"#sla-calendars-rows tr[data-calendar='{name}']";
        await page.WaitForSelectorAsync(row);
        var saved = (await CalendarAsync(name))!.Value;
        Assert.Equal("Asia/Shanghai", saved.Str("timeZone"));
        var windows = saved.GetProperty("windows").EnumerateObject().ToDictionary(d => d.Name, d => d.Value.EnumerateArray().Select(w => w.GetString()!).ToArray());
        Assert.Equal(["fri", "mon"], windows.Keys.Order());
        Assert.Equal(["09:00-12:00", "13:00-18:00"], windows["mon"]);
        Assert.Equal(["09:00-17:00"], windows["fri"]);
        Assert.Equal("""["2027-02-17","2027-02-18"]""", saved.GetProperty("holidays").GetRawText());
        // The policies' form may choose it now.
        Assert.Equal(1, await page.Locator($"#sla-calendar option[value='{name}']").CountAsync());

        await page.ReloadAsync();
        await page.ClickAsync($"{row} button[data-action='change']");
        Assert.Equal(("Asia/Shanghai", "09:00-12:00, 13:00-18:00", "", "2027-02-17\n2027-02-18"),
            (await page.InputValueAsync("#sla-time-zone"), await page.InputValueAsync("#sla-window-mon"),
                await page.InputValueAsync("#sla-window-tue"), await page.InputValueAsync("#sla-holidays")));

        await page.CheckAsync("#sla-always");
        await page.FillAsync("#sla-holidays", "2027-10-01");
        await page.ClickAsync("#sla-calendar button[type='submit']");
        await page.WaitForSelectorAsync($"{row} td:text-is('2027-10-01')");
        saved = (await CalendarAsync(name))!.Value;
        Assert.Equal((JsonValueKind.Null, """["2027-10-01"]"""), (saved.GetProperty("windows").ValueKind, saved.GetProperty("holidays").GetRawText()));
    }

    [Fact]
    public async Task AdminRepairsInThePage_TheDeadlinesComeRight_AndThePageSaysHowManyItLookedAt()
    {
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The projector in room 4 flickers every few minutes"))).Str("reference");
        using var admin = await desk.SignInAsync("admin");
        var right = await ResolutionDueAsync(admin, reference);
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update queries set resolution_due = @wrong where reference = @reference", new { wrong = right.AddYears(1), reference });
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "admin", loaded: PoliciesLoaded);

        await page.ClickAsync("#sla-repair");
        await page.WaitForSelectorAsync("#sla-repair-status[data-changed]");

        var looked = int.Parse((await page.GetAttributeAsync("#sla-repair-status", "data-checked"))!);
        var changed = int.Parse((await page.GetAttributeAsync("#sla-repair-status", "data-changed"))!);
        Assert.InRange(changed, 0, looked);
        Assert.True(looked >= 1, "The repair looked at no open query, though one was just submitted.");
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, "{0:N0} open queries; {1:N0} had", looked, changed), await page.InnerTextAsync("#sla-repair-status"));
        Assert.Equal(right, await ResolutionDueAsync(admin, reference));
    }

    [Fact]
    public async Task SlaSection_SpeaksChinese_IsForSupervisorsAndAdmins_AndItsRepairForAdminsOnly()
    {
        var level = await NewPolicyAsync(desk);
        await using var browser = await Chromium.RentAsync();
        var zh = await AdminPage.OpenAsync(browser, desk, "admin", "zh-CN", loaded: Row(level));
        Assert.Equal("服务级别（SLA）", await zh.InnerTextAsync("#sla-heading"));
        Assert.Equal("解决", await zh.InnerTextAsync("label[for='sla-resolution']"));
        Assert.Equal("添加或修改日历", await zh.InnerTextAsync("#sla-calendar-heading"));
        Assert.Equal("1小时", await zh.InnerTextAsync($"{Row(level)} td[data-target='firstResponse']"));
        Assert.Equal("立即修复时限", await zh.InnerTextAsync("#sla-repair"));

        var supervisor = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Row(level));
        Assert.True(await supervisor.Locator("#sla-section").IsVisibleAsync());
        Assert.True(await supervisor.Locator("#sla-repair").IsHiddenAsync());
        Assert.Equal("Save policy", await supervisor.InnerTextAsync("#sla-policy button[type='submit']"));

        var agent = await AdminPage.OpenAsync(browser, desk, "agent", loaded: "#refused:not([hidden])");
        Assert.True(await agent.Locator("#sla-section").IsHiddenAsync());
    }

    internal static string Row(string level) => $"#sla-policies-rows tr[data-policy='*/P4/{level}']";

    /// <summary>A P4 policy of a service level no query has: first response 1 h, next 2 h, resolution 1 day, on 24×7.</summary>
    internal static async Task<string> NewPolicyAsync(LiveDesk desk)
    {
        var level = $"t{Guid.NewGuid():n}"[..12];
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PutAsJsonAsync("/api/sla/policies", new
        {
            type = "*", priority = "P4", serviceLevel = level, firstResponse = "01:00:00", nextResponse = "02:00:00",
            resolution = "1.00:00:00", calendar = "24x7", escalation = (object?)null,
        })).EnsureSuccessStatusCode();
        return level;
    }

    async Task<JsonElement> PolicyAsync(string level)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        return (await supervisor.GetFromJsonAsync<JsonElement>("/api/sla/policies")).EnumerateArray()
            .Single(p => p.Str("priority") == "P4" && p.Str("serviceLevel") == level);
    }

    async Task<JsonElement?> CalendarAsync(string name)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        foreach (var calendar in (await supervisor.GetFromJsonAsync<JsonElement>("/api/sla/calendars")).EnumerateArray())
            if (calendar.Str("name") == name)
                return calendar;
        return null;
    }

    static async Task<DateTimeOffset> ResolutionDueAsync(HttpClient client, string reference) =>
        (await (await client.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("resolutionDue").GetDateTimeOffset();
}
