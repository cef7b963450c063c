using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>The admin page's SLA scorecard in headless chromium: the figures the API computes, regrouped, refused, downloaded.</summary>
[Collection(LiveCollection.Name)]
public sealed class AdminScorecardBrowserTests(LiveDesk desk)
{
    const string Loaded = "#scorecard-rows tr[data-group='(all)']";

    [Fact]
    public async Task TheScorecard_ShowsWhatTheApiComputes_ByAnyGrouping_AndDownloadsTheSameAsCsv()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        await supervisor.SubmitAsync(Requests.Query("The VPN drops every ten minutes since this morning"));
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Loaded);

        var card = await supervisor.GetFromJsonAsync<JsonElement>($"/api/sla/scorecard?by=queue&from={await page.InputValueAsync("#scorecard-from")}&to={await page.InputValueAsync("#scorecard-to")}");
        await page.SelectOptionAsync("#scorecard-by", "queue");
        await page.ClickAsync("#scorecard-form button[type='submit']");
        await page.WaitForSelectorAsync("#scorecard-rows tr[data-group='incident-management']");

        var total = card.GetProperty("total");
        Assert.Equal(total.GetProperty("created").GetInt64().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")),
            await page.InnerTextAsync($"{Loaded} td:nth-child(2)"));
        Assert.Equal(card.GetProperty("groups").GetArrayLength() + 1, await page.Locator("#scorecard-rows tr").CountAsync());
        var href = await page.GetAttributeAsync("#scorecard-csv", "href");
        Assert.Contains("by=queue", href);
        Assert.Contains("format=csv", href);
        var csv = await supervisor.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("incident-management", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APeriodEndingBeforeItStarts_ShowsTheDesksReasonByTheField()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Loaded);

        await page.FillAsync("#scorecard-from", "2026-11-20");
        await page.FillAsync("#scorecard-to", "2026-11-10");
        await page.ClickAsync("#scorecard-form button[type='submit']");

        await page.WaitForSelectorAsync("#scorecard-to-error:not(:empty)");
        Assert.Contains("to must not be before from", await page.InnerTextAsync("#scorecard-to-error"));
    }
}
