using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// A bulk action that fails for some rows, in chromium: the failed rows stay checked for a corrected retry, and each
/// failure says what was wrong, not the generic title of a validation problem, in English and in Chinese.
/// </summary>
public sealed class ConsoleBulkBrowserTests(LiveDesk desk) : IClassFixture<LiveDesk>
{
    [Theory]
    [InlineData("en-GB", "One or more validation errors occurred.", "No staff member is called 'nosuchagent'.", "2 selected")]
    [InlineData("zh-CN", "请求中有字段未通过校验。", "没有名为「nosuchagent」的员工。", "已选 2 条")]
    public async Task AssigningToNoSuchAgent_KeepsTheRowsChecked_SaysWhy_AndTheCorrectedRetryAssignsThem(
        string locale, string genericTitle, string why, string twoSelected)
    {
        using var channel = await desk.ChannelAsync();
        var bay = $"bay{Random.Shared.Next(10_000, 100_000)}";
        var picked = new List<string>();
        foreach (var text in new[] { $"The label printer in {bay} jams on every label", $"The other label printer in {bay} prints blank labels" })
            picked.Add((await channel.SubmitAsync(Requests.Query(text))).Str("reference"));
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = locale, ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        // The search's page is in before a row is checked: a change of view unchecks every row.
        await page.RunAndWaitForResponseAsync(() => page.FillAsync("#query-search", bay), response => response.Url.Contains($"q={bay}"));
        await Assertions.Expect(page.Locator("#queries tr")).ToHaveCountAsync(2);
        // Watched from before the click: the list reloads after a bulk action, and the rows must come back still checked.
        await page.EvaluateAsync("""
            () => new MutationObserver((records, observer) => {
                const shown = document.querySelector('#bulk-result').hasChildNodes();
                if (shown && records.some(record => record.removedNodes.length > 1)) { window.reloaded = true; observer.disconnect(); }
            }).observe(document.querySelector('#queries'), { childList: true })
            """);

        foreach (var reference in picked)
            await page.CheckAsync($"#queries tr[data-reference='{reference}'] input.pick");
        await page.FillAsync("#bulk-agent", "nosuchagent");
        await page.ClickAsync("#bulk-assign");

        var failures = page.Locator("#bulk-result .bulk-failure");
        await Assertions.Expect(failures).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("() => window.reloaded === true");
        foreach (var (reference, i) in picked.Select((r, i) => (r, i)))
        {
            var failure = await failures.Nth(i).InnerTextAsync();
            Assert.Contains(reference, failure);
            Assert.EndsWith(why, failure);
            Assert.DoesNotContain(genericTitle, failure);
            await Assertions.Expect(page.Locator($"#queries tr[data-reference='{reference}'] input.pick")).ToBeCheckedAsync();
        }
        await Assertions.Expect(page.Locator("#queue-bulk .bulk-count")).ToHaveTextAsync(twoSelected);
        await Assertions.Expect(page.Locator("#bulk-assign")).ToBeEnabledAsync();

        await page.FillAsync("#bulk-agent", "agent");
        await page.ClickAsync("#bulk-assign");

        await Assertions.Expect(failures).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#bulk-assign")).ToBeDisabledAsync();
        using var agent = await desk.SignInAsync("agent");
        foreach (var reference in picked)
            Assert.Equal("agent", (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("assignee"));
    }
}
