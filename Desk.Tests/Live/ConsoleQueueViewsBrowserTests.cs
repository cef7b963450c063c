using System.Collections.Concurrent;
using System.Net.Http.Json;
using Desk.Api.Sla;
using Desk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The queue views as an agent sees them at 1280x720, on the shared live desk.</summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleQueueViewsBrowserTests(LiveDesk desk)
{
    async Task<IPage> SignedInAsync(Chromium.RentedBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        return page;
    }

    [Fact]
    public async Task ASavedViewsName_FillsItsRow_AndItsDeleteButtonTakesOnlyTheCross()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        var name = $"Breached {Guid.NewGuid():n}"[..16];
        await page.SelectOptionAsync("#sla-filter", "breached");
        await page.FillAsync("#view-name", name);
        await page.ClickAsync("#save-view-button");

        var row = page.Locator($"#saved-views li[data-view-name='{name}']");
        await row.WaitForAsync();
        var open = (await row.Locator("button.open-view").BoundingBoxAsync())!;
        var remove = (await row.Locator("button.delete-view").BoundingBoxAsync())!;
        Assert.True(open.Width > 3 * remove.Width, $"The name has {open.Width} px, the × {remove.Width} px.");
        Assert.True(await row.Locator(".queue-name").EvaluateAsync<bool>("name => name.scrollWidth <= name.clientWidth"), "The name is cut.");
    }

    [Fact]
    public async Task FromMine_ASearchShowsItIsNarrowedToMine_AndAnyoneFindsTheQuery()
    {
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The plotter-4417 in the drawing office prints only blue"))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);

        await page.ClickAsync("#queues button[data-view='mine']");
        await Assertions.Expect(page.Locator("#assignee-filter")).ToHaveValueAsync("me");
        await page.FillAsync("#query-search", "plotter-4417");
        await Assertions.Expect(page.Locator("#queries-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue-range")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#assignee-filter")).ToHaveValueAsync("me");

        await page.SelectOptionAsync("#assignee-filter", "");
        await Assertions.Expect(page.Locator($"#queries tr[data-reference='{reference}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnSlaWarning_MarksItsRow_WithTheShareOfTheTimeUsed_AndLeavesNoConsoleWarning()
    {
        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(Requests.Query("The badge readers at the west door reject every card"));
        var (reference, queue) = (receipt.Str("reference"), receipt.Str("queue"));
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new
        {
            priority = "P1", reason = "nobody gets in",
            @override = new { rule = "priority.matrix", justification = "nobody gets in" },
        })).EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await SignedInAsync(browser);
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") problems.Enqueue($"{message.Type}: {message.Text}");
        };
        await page.ClickAsync($"#queues button[data-view='queue:{queue}']");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();

        // 12 of the P1's 15 minutes to respond: past the 75% warning, short of the breach.
        desk.Clock.Advance(TimeSpan.FromMinutes(12));
        await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);

        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bwarned\b"));
        await Assertions.Expect(row.Locator("td.sla .sla-warned")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^75% of the time used"));
        Assert.DoesNotContain(problems, p => p.Contains("slawarned", StringComparison.OrdinalIgnoreCase));
    }
}
