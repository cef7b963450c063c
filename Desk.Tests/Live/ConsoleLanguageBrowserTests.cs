using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Desk.Api.Sla;
using Desk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The console's language, and its layout at the smallest screen it promises, in headless Debian chromium.</summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleLanguageBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task ZhBrowser_SeesTheConsoleInChinese_AndSwitchesToEnglishAndBack()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN" });
        await page.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("#sign-in")).ToHaveTextAsync("登录");
        await Assertions.Expect(page.Locator("label[for='username']")).ToHaveTextAsync("用户名");

        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        await Assertions.Expect(page.Locator("#queries-heading")).ToHaveTextAsync("实时队列");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("在线");
        await Assertions.Expect(page.Locator("#status-filter option[value='waiting_for_user']")).ToHaveTextAsync("等待用户");

        await page.GetByLabel("语言").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("#queries-heading")).ToHaveTextAsync("Live queue");
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("Live");

        // The choice outlives the page: a reload stays in English, then the control brings Chinese back.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#queries-heading")).ToHaveTextAsync("Live queue");
        await page.GetByLabel("Language").SelectOptionAsync("zh");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("#queries-heading")).ToHaveTextAsync("实时队列");
    }

    [Fact]
    public async Task ZhBrowser_ReadsTheDesksOwnTimelineLinesInChinese_WhileTheApiKeepsTheEnglishSentence()
    {
        using var agent = await desk.SignInAsync("agent2");
        var reference = (await agent.SubmitAsync(Requests.Query("The office printer jams on every page"))).Str("reference");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "A tampered printer" })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "complaint", reason = "Angry about the jams" })).EnsureSuccessStatusCode();
        var floor = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray()
            .Single(e => e.GetProperty("data").ValueKind == System.Text.Json.JsonValueKind.Object
                && e.GetProperty("data").TryGetProperty("says", out var says) && says.GetString() == "priority_floor");
        Assert.Equal("The priority matrix gives P2 for this type.", floor.Str("body"));

        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN" });
        await Chromium.SignInAsync(page, desk, "agent2", "agent2-pass-1");
        await page.GotoAsync(new Uri(desk.BaseAddress, $"/console#/queries/{reference}").ToString());

        var line = page.Locator($"#timeline .timeline-entry[data-id='{floor.GetProperty("id").GetInt64()}'] .timeline-body");
        await Assertions.Expect(line).ToHaveTextAsync("优先级矩阵为此类型给出 P2。");
        await Assertions.Expect(page.Locator("#timeline .timeline-entry[data-kind='moment_of_truth'] .timeline-body"))
            .ToHaveTextAsync("关键时刻（负面）：投诉。 Angry about the jams");
    }

    [Fact]
    public async Task At1280x720_AContactNameOf200Characters_IsCutWithATitle_AndTheSlaStaysOnScreen()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        var name = string.Concat(Enumerable.Repeat("Bartholomew-Wolfeschlegel ", 8))[..200];
        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(new
        {
            text = "The printer on the third floor jams on every second page",
            channel = "web",
            contact = new { channel = "email", address = $"{Guid.NewGuid():n}@example.org", displayName = name },
        });
        var row = page.Locator($"#queries tr[data-reference='{receipt.Str("reference")}']");
        await row.WaitForAsync();

        var contact = row.Locator("td.contact");
        Assert.Equal(name, await contact.GetAttributeAsync("title"));
        Assert.True(await contact.EvaluateAsync<bool>("cell => cell.scrollWidth > cell.clientWidth"), "The name is not cut.");
        await AssertOnScreenAsync(row.Locator("td.sla"));
        await AssertOnScreenAsync(row.Locator("td.subject"));

        // With the query open beside the list, the list still fits and the panel's controls are on screen.
        await row.ClickAsync();
        await page.Locator("#timeline .timeline-entry[data-kind='created']").WaitForAsync();
        await AssertOnScreenAsync(row.Locator("td.sla"));
        await AssertOnScreenAsync(page.Locator("#change-status"));
        await AssertOnScreenAsync(page.Locator("#close-detail"));
        Assert.Equal(1280, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
    }

    [Fact]
    public async Task At1280x720_AQueryTextWithA400CharacterWord_WrapsInsideTheQueryPane()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        using var channel = await desk.ChannelAsync();
        var url = "https://intranet.example.org/?q=" + string.Concat(Enumerable.Repeat("verylongpathsegment", 20));
        var reference = (await channel.SubmitAsync(Requests.Query($"{url} gives a 500 since this morning"))).Str("reference");

        await page.Locator($"#queries tr[data-reference='{reference}']").ClickAsync();
        var text = page.Locator("#detail-text");
        await Assertions.Expect(text).ToContainTextAsync("gives a 500");

        Assert.True(await text.EvaluateAsync<bool>("text => text.scrollWidth <= text.clientWidth"), "The word runs out of the query text.");
        Assert.True(await page.Locator("#detail").EvaluateAsync<bool>("pane => pane.scrollWidth <= pane.clientWidth"), "The pane scrolls sideways.");
    }

    [Fact]
    public async Task At1280x720_TheHeadersFit_AndABreachedRowShowsItsTimeLeftUncut()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The payroll export stops at the first employee"))).Str("reference");
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new
        {
            priority = "P1", reason = "nobody gets paid",
            @override = new { rule = "priority.matrix", justification = "nobody gets paid" },
        })).EnsureSuccessStatusCode();
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();

        // Past the P1's 15 minutes to respond.
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);
        await Assertions.Expect(row).ToHaveClassAsync(new Regex(@"\bbreached\b"));

        foreach (var header in await page.Locator("table.queries thead th").AllAsync())
            Assert.True(await header.EvaluateAsync<bool>("th => th.scrollWidth <= th.clientWidth"), $"{await header.InnerTextAsync()} runs out of its header.");
        Assert.True(await row.Locator("td.sla").EvaluateAsync<bool>(
            "cell => cell.querySelector('.due-in').getBoundingClientRect().right <= cell.getBoundingClientRect().right"), "The time left is cut.");
    }

    static async Task AssertOnScreenAsync(ILocator element)
    {
        // Other tests' queries reach this console too, and a row whose query changed gets new cells: a cell replaced
        // between being found and being measured has no box, so it is looked up again.
        LocatorBoundingBoxResult? box = null;
        for (var attempt = 0; box is null && attempt < 20; attempt++)
        {
            await Assertions.Expect(element).ToBeVisibleAsync();
            box = await element.BoundingBoxAsync();
        }
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 1280, $"{element} runs from x={box.X} to {box.X + box.Width}, past 1280.");
    }
}
