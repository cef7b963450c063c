using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The admin page's improvement register in headless chromium: an entry moved along in the page as the API then has it.</summary>
[Collection(LiveCollection.Name)]
public sealed class AdminImprovementsBrowserTests(LiveDesk desk)
{
    static string Row(long id) => $"#improvements-rows tr[data-improvement='{id}']";

    [Fact]
    public async Task ASupervisorMovesAnEntryAlong_NamesItsOwner_AndAMoveTheRegisterRefusesShowsTheDesksReason()
    {
        var id = await SuggestionAsync("The portal could remember my last catalog item");
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Row(id));
        Assert.Equal("suggestion", await page.InnerTextAsync($"{Row(id)} td:nth-child(2)"));

        await page.ClickAsync($"{Row(id)} button[data-action='change']");
        await page.SelectOptionAsync("#improvement-status", "planned");
        await page.FillAsync("#improvement-owner", "agent2");
        await page.FillAsync("#improvement-note", "In the spring release.");
        await page.ClickAsync("#improvement-edit button[type='submit']");
        await page.WaitForSelectorAsync($"{Row(id)}[data-status='planned']");

        Assert.Equal($"Entry #{id} was saved.", await page.InnerTextAsync("#improvements-status"));
        var entry = await EntryAsync(id);
        Assert.Equal(("planned", "agent2", "In the spring release."), (entry.Str("status"), entry.Str("owner"), entry.Str("note")));

        await page.ClickAsync($"{Row(id)} button[data-action='change']");
        await page.SelectOptionAsync("#improvement-status", "new");
        await page.ClickAsync("#improvement-edit button[type='submit']");
        await page.WaitForSelectorAsync("#improvement-edit .form-error:not(:empty)");
        Assert.Contains("cannot become new", await page.InnerTextAsync("#improvement-edit .form-error"));
        Assert.Equal("planned", (await EntryAsync(id)).Str("status"));
    }

    [Fact]
    public async Task TheChinesePage_ShowsTheRegisterInChinese_AndFiltersByStatus()
    {
        var id = await SuggestionAsync("希望门户网站能记住我上次选择的服务");
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", "zh-CN", loaded: Row(id));

        Assert.Equal("改进登记册", await page.InnerTextAsync("#improvements-heading"));
        Assert.Equal("新建", await page.InnerTextAsync($"{Row(id)} td[data-field='status']"));
        await page.SelectOptionAsync("#improvements-filter", "done");
        await Assertions.Expect(page.Locator(Row(id))).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#improvements-filter", "new");
        await page.WaitForSelectorAsync(Row(id));
    }

    /// <summary>A query made an improvement suggestion, so it joins the register: its entry's id.</summary>
    async Task<long> SuggestionAsync(string text)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await supervisor.SubmitAsync(Requests.Query(text))).Str("reference");
        var query = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{reference}");
        if (query.Str("type") != "improvement_suggestion")
            (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "improvement_suggestion", reason = "A suggestion" })).EnsureSuccessStatusCode();
        var page = await supervisor.GetFromJsonAsync<JsonElement>("/api/improvements?status=new&limit=200");
        return page.GetProperty("items").EnumerateArray().Single(i => i.Str("reference") == reference).GetProperty("id").GetInt64();
    }

    async Task<JsonElement> EntryAsync(long id)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        return await supervisor.GetFromJsonAsync<JsonElement>($"/api/improvements/{id}");
    }
}
