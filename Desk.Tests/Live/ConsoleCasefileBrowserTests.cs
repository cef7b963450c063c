using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The case file in the console, in headless chromium: the contact card, a major outage, and a merge.</summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleCasefileBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task TheContactCard_ListsAnotherQueryOfTheContact_WhichOpensOnAClick()
    {
        var address = $"card-{Guid.NewGuid():N}@example.org";
        using var channel = await desk.ChannelAsync();
        var older = (await channel.SubmitAsync(Requests.Query("The scanner on floor 5 is offline", address: address))).Str("reference");
        var newer = (await channel.SubmitAsync(Requests.Query("The scanner on floor 5 still fails", address: address))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        await CaseFile.OpenAsync(page, newer);
        var other = page.Locator($"#casefile .contact-queries button[data-reference='{older}']");
        await other.WaitForAsync();
        Assert.Contains("scanner on floor 5 is offline", await other.InnerTextAsync());
        await other.ClickAsync();

        await page.Locator("#detail-heading", new() { HasTextString = older }).WaitForAsync();
    }

    [Fact]
    public async Task AnAgent_DeclaresAnOutageFromTheQueryPane_AndTheQueryIsLinkedToIt()
    {
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("Payroll shows an error page"))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var title = $"Payroll down {Guid.NewGuid():N}"[..24];

        await CaseFile.OpenAsync(page, reference);
        await page.FillAsync("#outage-title", title);
        await page.FillAsync("#outage-description", "Nobody can open payroll.");
        await page.ClickAsync("#outage-declare");

        await page.Locator("#timeline .timeline-entry[data-kind='outage_linked']").WaitForAsync();
        using var agent = await desk.SignInAsync("agent");
        var outage = (await agent.GetFromJsonAsync<JsonElement>("/api/outages")).EnumerateArray().Single(o => o.Str("title") == title);
        var detail = await agent.GetFromJsonAsync<JsonElement>($"/api/outages/{outage.GetProperty("id").GetInt64()}");
        Assert.Equal([reference], detail.GetProperty("links").EnumerateArray().Select(l => l.Str("reference")));
        await page.Locator("#outage-list li", new() { HasTextString = title }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    [Fact]
    public async Task AnAgent_MergesADuplicateFromTheQueryPane()
    {
        using var channel = await desk.ChannelAsync();
        var user = $"outlook-{Guid.NewGuid():N}@example.org";
        var survivor = (await channel.SubmitAsync(Requests.Query("Outlook will not start on my laptop", address: user))).Str("reference");
        var duplicate = (await channel.SubmitAsync(Requests.Query("Outlook crashes when it starts", address: user))).Str("reference");
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        await CaseFile.OpenAsync(page, duplicate);
        await page.FillAsync("#merge-into", survivor);
        await page.FillAsync("#merge-reason", "The same laptop and fault.");
        await page.ClickAsync("#merge-submit");

        var merged = page.Locator("#timeline .timeline-entry[data-kind='merged_into'] .timeline-body");
        await Assertions.Expect(merged).ToHaveTextAsync($"{survivor}: The same laptop and fault.");
        using var agent = await desk.SignInAsync("agent");
        var closed = await agent.GetFromJsonAsync<JsonElement>($"/api/queries/{duplicate}");
        Assert.Equal(("closed", survivor), (closed.Str("status"), closed.Str("mergedInto")));
    }
}
