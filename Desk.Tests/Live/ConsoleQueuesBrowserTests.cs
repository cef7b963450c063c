using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The console's queue views in chromium, on a desk of their own (the paging test fills a queue with 62 queries):
/// paging, search, saved views, the list keys, live pushes into the right view, and the bulk action.
/// Only the paging test submits to service-requests; the others work in change-enablement.
/// </summary>
public sealed class ConsoleQueuesBrowserTests(LiveDesk desk) : IClassFixture<LiveDesk>
{
    static object Change(string text, string item = "dns-change") => new
    {
        text,
        channel = "web",
        contact = new { channel = "email", address = $"{Guid.NewGuid():n}@example.org", displayName = "Queue Tester" },
        catalogItem = item,
    };

    async Task<IPage> SignedInAsync(Chromium.RentedBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        return page;
    }

    static async Task ShowAsync(IPage page, string view, int total)
    {
        await page.ClickAsync($"#queues button[data-view='{view}']");
        // An empty view leaves the range blank ("No queries match." says it).
        await Assertions.Expect(page.Locator("#queue-range")).ToHaveTextAsync(new Regex(total == 0 ? "^$" : $" of {total}$"));
    }

    static Task<string[]> RowsAsync(IPage page) =>
        page.Locator("#queries tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.reference)");

    async Task<int> OpenInAsync(string queue)
    {
        using var agent = await desk.SignInAsync("agent");
        return (await (await agent.GetAsync($"/api/queries?queue={queue}&status=active&limit=1")).JsonAsync()).GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task SixtyTwoQueriesInAQueue_AreEachReachedOnce_ByPaging()
    {
        using var channel = await desk.ChannelAsync();
        var submitted = new List<string>();
        for (var i = 0; i < 62; i++)
            submitted.Add((await channel.SubmitAsync(Requests.Query($"Laptop number {i} for the new team", catalogItem: "new-laptop"))).Str("reference"));
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);

        await ShowAsync(page, "queue:service-requests", 62);
        await Assertions.Expect(page.Locator("#queue-range")).ToHaveTextAsync("1–50 of 62");
        var first = await RowsAsync(page);
        await page.ClickAsync("#page-next");
        await Assertions.Expect(page.Locator("#queue-range")).ToHaveTextAsync("51–62 of 62");
        var second = await RowsAsync(page);

        Assert.Equal(50, first.Length);
        Assert.Equal(submitted.Order(), first.Concat(second).Order());
        Assert.True(await page.Locator("#page-next").IsDisabledAsync());
        // Every row says how long is left, not only when it is due.
        Assert.Matches(@"^Respond in \d+ h \d+ min$", await page.Locator("#queries tr td.sla").First.InnerTextAsync());
    }

    [Fact]
    public async Task TextSearch_FindsTheOneQuery()
    {
        using var channel = await desk.ChannelAsync();
        var wanted = (await channel.SubmitAsync(Change("Point quasar-7781.example.org at the new load balancer"))).Str("reference");
        await channel.SubmitAsync(Change("Point quasar.example.org at the old load balancer"));
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync("QUASAR-7781");

        await Assertions.Expect(page.Locator("#queue-range")).ToHaveTextAsync("1–1 of 1");
        Assert.Equal([wanted], await RowsAsync(page));
        // Escape leaves the box, so the list's keys work again: j, then Enter, opens the one found.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#query-search")).Not.ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#timeline .timeline-entry[data-kind='created']", new() { HasText = "quasar-7781" }).WaitForAsync();
    }

    [Fact]
    public async Task ASavedView_SurvivesAReload_AndShowsItsFilters()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        await page.SelectOptionAsync("#priority-filter", "P2");
        await page.SelectOptionAsync("#sort-filter", "newest");
        await page.FillAsync("#view-name", "P2 newest first");
        await page.ClickAsync("#save-view-button");
        await page.Locator("#saved-views li[data-view-name='P2 newest first']").WaitForAsync();

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
        await page.ClickAsync("#saved-views li[data-view-name='P2 newest first'] button.open-view");

        await Assertions.Expect(page.Locator("#priority-filter")).ToHaveValueAsync("P2");
        await Assertions.Expect(page.Locator("#sort-filter")).ToHaveValueAsync("newest");
    }

    [Fact]
    public async Task JAndK_MoveThroughTheRows_AndEnterOpensTheOneReached()
    {
        using var channel = await desk.ChannelAsync();
        for (var i = 0; i < 3; i++)
            await channel.SubmitAsync(Change($"Firewall rule {i} for the build farm", "firewall-rule-change"));
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        await ShowAsync(page, "queue:change-enablement", await OpenInAsync("change-enablement"));
        var rows = await RowsAsync(page);

        await page.Locator("#queries-heading").ClickAsync();
        foreach (var key in new[] { "j", "j", "j", "k" })
            await page.Keyboard.PressAsync(key);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#detail-heading")).ToHaveTextAsync(rows[1]);
        await page.Keyboard.PressAsync("x");
        Assert.True(await page.Locator($"#queries tr[data-reference='{rows[1]}'] input.pick").IsCheckedAsync());
    }

    [Fact]
    public async Task TheKeyboardCursor_KeepsItsRowAndFocus_WhenThePageReloadsUnderIt()
    {
        using var channel = await desk.ChannelAsync();
        await channel.SubmitAsync(Change("Firewall rule for the print servers", "firewall-rule-change"));
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        await ShowAsync(page, "queue:change-enablement", await OpenInAsync("change-enablement"));
        var first = (await RowsAsync(page))[0];
        await page.Locator("#queries-heading").ClickAsync();
        await page.Keyboard.PressAsync("j");
        await page.EvaluateAsync("() => document.activeElement.probe = true");

        // A push makes the console reload its page (counts and range) within a second; the reload replaces the rows
        // in one mutation, which is what the observer waits for.
        await page.EvaluateAsync("""
            () => new MutationObserver((records, observer) => {
                if (records.some(record => record.removedNodes.length > 1)) { window.reloaded = true; observer.disconnect(); }
            }).observe(document.querySelector('#queries'), { childList: true })
            """);
        await channel.SubmitAsync(Change("Firewall rule for the badge readers", "firewall-rule-change"));
        await page.WaitForFunctionAsync("() => window.reloaded === true");

        await Assertions.Expect(page.Locator("#queries tr:focus")).ToHaveAttributeAsync("data-reference", first);
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.probe === true"), "The row was rebuilt.");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#detail-heading")).ToHaveTextAsync(first);
    }

    [Fact]
    public async Task AQueryPostedToTheApi_AppearsOnceInItsQueuesView_AndNotInAnotherQueues()
    {
        await using var browser = await Chromium.RentAsync();
        var changes = await SignedInAsync(browser);
        var requests = await SignedInAsync(browser);
        var before = await OpenInAsync("change-enablement");
        await ShowAsync(changes, "queue:change-enablement", before);
        await ShowAsync(requests, "queue:service-requests", await OpenInAsync("service-requests"));

        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Change("Move the intranet to the new DNS zone"))).Str("reference");

        var row = $"#queries tr[data-reference='{reference}']";
        await changes.Locator(row).WaitForAsync();
        // The count refresh after the push has run in both pages (it reloads the page too): the row is still there once.
        var count = $"#queues button[data-view='queue:change-enablement'] .queue-open";
        await Assertions.Expect(changes.Locator(count)).ToHaveTextAsync((before + 1).ToString());
        await Assertions.Expect(requests.Locator(count)).ToHaveTextAsync((before + 1).ToString());
        await Assertions.Expect(changes.Locator("#queue-range")).ToHaveTextAsync(new Regex($" of {before + 1}$"));
        Assert.Equal(1, await changes.Locator(row).CountAsync());
        Assert.Equal(0, await requests.Locator(row).CountAsync());
    }

    [Fact]
    public async Task BulkSetPriority_ChangesBothCheckedRows()
    {
        using var channel = await desk.ChannelAsync();
        var picked = new List<string>();
        for (var i = 0; i < 2; i++)
            picked.Add((await channel.SubmitAsync(Change($"Upgrade build server {i} to the new OS", "server-upgrade"))).Str("reference"));
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        await ShowAsync(page, "queue:change-enablement", await OpenInAsync("change-enablement"));
        using var agent = await desk.SignInAsync("agent");
        var was = (await (await agent.GetAsync($"/api/queries/{picked[0]}")).JsonAsync()).Str("priority");
        var to = was == "P4" ? "P3" : "P4";

        foreach (var reference in picked)
            await page.CheckAsync($"#queries tr[data-reference='{reference}'] input.pick");
        await page.SelectOptionAsync("#bulk-priority", to);
        await page.ClickAsync("#bulk-set-priority");

        await Assertions.Expect(page.Locator("#bulk-result")).ToContainTextAsync("2 changed, 0 failed.");
        foreach (var reference in picked)
        {
            await Assertions.Expect(page.Locator($"#queries tr[data-reference='{reference}'] td.priority")).ToHaveTextAsync(to);
            Assert.Equal(to, (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("priority"));
        }
    }

    [Fact]
    public async Task BulkSetStatus_ReportsTheRowItCouldNotChange_AndChangesTheRest()
    {
        using var channel = await desk.ChannelAsync();
        var fresh = (await channel.SubmitAsync(Change("Open port 8443 on the staging firewall", "firewall-rule-change"))).Str("reference");
        var started = (await channel.SubmitAsync(Change("Open port 8444 on the staging firewall", "firewall-rule-change"))).Str("reference");
        using var agent = await desk.SignInAsync("agent");
        (await agent.PatchAsJsonAsync($"/api/queries/{started}", new { status = "in_progress" })).EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        await ShowAsync(page, "queue:change-enablement", await OpenInAsync("change-enablement"));

        foreach (var reference in new[] { fresh, started })
            await page.CheckAsync($"#queries tr[data-reference='{reference}'] input.pick");
        await page.SelectOptionAsync("#bulk-status", "open");
        // The list reloads after a bulk action (and again after the pushes it caused): the result must stay in sight.
        // Watched from before the click, so a reload that finishes before the result is asserted is not missed.
        await page.EvaluateAsync("""
            () => new MutationObserver((records, observer) => {
                const shown = document.querySelector('#bulk-result').hasChildNodes();
                if (shown && records.some(record => record.removedNodes.length > 1)) { window.reloaded = true; observer.disconnect(); }
            }).observe(document.querySelector('#queries'), { childList: true })
            """);
        await page.ClickAsync("#bulk-set-status");

        // in_progress cannot go back to open: a 409 for that row; the other still changes.
        await Assertions.Expect(page.Locator("#bulk-result")).ToContainTextAsync("1 changed, 1 failed.");
        await Assertions.Expect(page.Locator("#bulk-result .bulk-failure")).ToContainTextAsync(started);
        await Assertions.Expect(page.Locator("#bulk-result .bulk-failure")).ToContainTextAsync("A query that is in progress cannot become open");
        await page.WaitForFunctionAsync("() => window.reloaded === true");
        await Assertions.Expect(page.Locator("#bulk-result .bulk-failure")).ToBeVisibleAsync();
        await page.ClickAsync("#bulk-clear");
        await Assertions.Expect(page.Locator("#queue-bulk")).ToBeHiddenAsync();
        Assert.Equal("open", (await (await agent.GetAsync($"/api/queries/{fresh}")).JsonAsync()).Str("status"));
        Assert.Equal("in_progress", (await (await agent.GetAsync($"/api/queries/{started}")).JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task InAChineseBrowser_TheQueuesSpeakChinese()
    {
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Change("Add a CNAME for the wiki", "dns-change"))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        await Assertions.Expect(page.Locator("#queues button[data-view='unassigned'] .queue-name")).ToHaveTextAsync("未分配");
        await Assertions.Expect(page.Locator("#page-next")).ToHaveTextAsync("下一页");
        await Assertions.Expect(page.Locator("#type-filter option[value='change_request']")).ToHaveTextAsync("变更请求");
        await page.ClickAsync("#queues button[data-view='queue:change-enablement']");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await Assertions.Expect(row.Locator("td.sla")).ToContainTextAsync("后");
        await Assertions.Expect(row.Locator("td.type")).ToHaveTextAsync("变更请求");

        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#detail-facts")).ToContainTextAsync("变更实施");
        await Assertions.Expect(page.Locator("#catalog-select option[value='dns-change']")).ToContainTextAsync("DNS 变更");
    }
}
