using System.Text.Json;
using Desk.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>A live desk whose new laptops are for gold and vip contacts only.</summary>
public sealed class EntitledLiveDesk : LiveDesk
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Catalog:Entitlements:new-laptop:0", "gold");
        builder.UseSetting("Catalog:Entitlements:new-laptop:1", "vip");
    }
}

/// <summary>
/// catalog.entitlement in headless chromium: a request for an item the contact is not entitled to shows as not granted
/// in the query pane; granting it leads to the override step, and with a justification it is granted and logged.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleEntitlementBrowserTests(EntitledLiveDesk desk) : IClassFixture<EntitledLiveDesk>
{
    [Fact]
    public async Task AnUnentitledItem_IsGrantedFromTheQueryPane_OnlyWithAJustification()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent2", "agent2-pass-1");
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("Mine is five years old and slow", catalogItem: "new-laptop"))).Str("reference");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        await row.ClickAsync();
        await Entry(page, "entitlement_missing").WaitForAsync();
        await page.Locator("#catalog-state[data-granted='false']").WaitForAsync();
        Assert.Equal("new-laptop", await page.InputValueAsync("#catalog-select"));

        await page.ClickAsync("#grant-item");
        await page.Locator("#override-form").WaitForAsync();
        Assert.Contains("catalog.entitlement", await page.Locator("#override-rule").InnerTextAsync());
        using var api = await desk.SignInAsync("agent2");
        Assert.False((await QueryAsync(api, reference)).GetProperty("catalogGranted").GetBoolean());

        const string Why = "Their laptop was stolen on the train; their manager approved a replacement.";
        await page.FillAsync("#override-justification", Why);
        await page.ClickAsync("#override-send");
        await Entry(page, "catalog_granted").WaitForAsync();
        await page.Locator("#catalog-state[data-granted='true']").WaitForAsync();
        Assert.True((await QueryAsync(api, reference)).GetProperty("catalogGranted").GetBoolean());
        using var supervisor = await desk.SignInAsync("supervisor");
        var logged = (await (await supervisor.GetAsync("/api/overrides?rule=catalog.entitlement")).JsonAsync()).EnumerateArray()
            .Single(o => o.Str("reference") == reference);
        Assert.Equal(("agent2", Why), (logged.Str("actor"), logged.Str("justification")));
    }

    static ILocator Entry(IPage page, string kind) => page.Locator($"#timeline .timeline-entry[data-kind='{kind}']");

    static async Task<JsonElement> QueryAsync(HttpClient api, string reference) =>
        await (await api.GetAsync($"/api/queries/{reference}")).JsonAsync();
}
