using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The admin page's classifier and audit sections: imports, retraining, activation and the audit trail, as the API has them.</summary>
public sealed partial class AdminBrowserTests
{
    [Fact]
    public async Task ImportUploadedInThePage_IsListed_AndRemovingItThere_MarksItRemoved()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPageAsync(browser, "supervisor");
        var file = $"history-{Guid.NewGuid():n}.csv";

        await page.SetInputFilesAsync("#import-file", Csv(file, "text,type\nthe wifi is haunted,outage\n"));
        await page.ClickAsync("#import-form button[type='submit']");
        await page.WaitForSelectorAsync("#import-file-error:not(:empty)");
        Assert.Contains("outage", await page.InnerTextAsync("#import-file-error"));
        Assert.Contains("rejected whole", await page.InnerTextAsync("#import-form .form-error"));

        await page.SetInputFilesAsync("#import-file", Csv(file, UniqueHistory()));
        await page.ClickAsync("#import-form button[type='submit']");
        var row = $"#import-rows tr[data-file='{file}']";
        await page.WaitForSelectorAsync($"{row}[data-removed='false']");
        using var supervisor = await desk.SignInAsync("supervisor");
        var listed = await ImportAsync(supervisor, file);
        Assert.Equal((18, JsonValueKind.Null), (listed.GetProperty("examples").GetInt32(), listed.GetProperty("removedAt").ValueKind));

        await page.ClickAsync($"{row} button");
        await page.WaitForSelectorAsync($"{row}[data-removed='true']");
        Assert.Equal(JsonValueKind.String, (await ImportAsync(supervisor, file)).GetProperty("removedAt").ValueKind);
    }

    [Fact]
    public async Task RetrainedInThePage_ListsItsCandidate_AndAnAdminActivatesAVersionThere()
    {
        using var api = await desk.SignInAsync("admin");
        var before = await ActiveVersionAsync(api);
        var file = $"retrain-{Guid.NewGuid():n}.csv";
        var receipt = await (await api.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(UniqueHistory(), file))).JsonAsync();
        try
        {
            await using var browser = await Chromium.RentAsync();
            var page = await AdminPageAsync(browser, "admin");

            await page.ClickAsync("#retrain");
            await page.WaitForSelectorAsync("#retrain-status[data-outcome]", new() { Timeout = 180_000 });
            var outcome = await page.GetAttributeAsync("#retrain-status", "data-outcome");
            Assert.True(outcome is "promoted" or "rejected", await page.InnerTextAsync("#retrain-status"));
            var candidate = (await (await api.GetAsync("/api/classifier/models")).JsonAsync()).EnumerateArray().First().Str("version");
            await page.WaitForSelectorAsync($"#model-rows tr[data-version='{candidate}']");

            // Whichever is not active now, the page makes active.
            var other = outcome == "promoted" ? before : candidate;
            await page.ClickAsync($"#model-rows tr[data-version='{other}'] button[data-action='activate']");
            await page.WaitForSelectorAsync($"#model-rows tr[data-version='{other}'][data-active='true']");
            Assert.Equal(other, await ActiveVersionAsync(api));
        }
        finally
        {
            // The live desk is shared: later tests expect the model they started with.
            if (await ActiveVersionAsync(api) != before)
                (await api.PostAsync($"/api/classifier/models/{before}/activate", null)).EnsureSuccessStatusCode();
            (await api.DeleteAsync($"/api/classifier/imports/{receipt.GetProperty("import").GetInt64()}")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task AuditLog_InThePage_FiltersByKind_PagesToOlderEvents_AndShowsARefusalByItsField()
    {
        using var api = await desk.SignInAsync("admin");
        var subjects = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var issued = await (await api.PostAsJsonAsync("/api/admin/api-keys", new { name = $"audit page {i}", scopes = new[] { "intake" } })).JsonAsync();
            subjects.Add($"key:{issued.GetProperty("info").GetProperty("id").GetInt64()}");
        }
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPageAsync(browser, "admin");
        await page.WaitForSelectorAsync("#audit-section[data-loaded='true']");

        await page.FillAsync("#audit-kind", "no_such_kind");
        await page.ClickAsync("#audit-filter button[type='submit']");
        await page.WaitForSelectorAsync("#audit-kind-error:not(:empty)");
        Assert.Contains("api_key_issued", await page.InnerTextAsync("#audit-kind-error"));

        await page.FillAsync("#audit-kind", "api_key_issued");
        await page.FillAsync("#audit-limit", "2");
        await page.ClickAsync("#audit-filter button[type='submit']");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#audit-rows tr')].length === 2"
            + " && [...document.querySelectorAll('#audit-rows tr')].every(row => row.dataset.kind === 'api_key_issued')");
        Assert.Equal([subjects[2], subjects[1]], await SubjectsAsync(page));
        Assert.Equal("", await page.InnerTextAsync("#audit-kind-error"));

        await page.ClickAsync("#audit-older");
        await page.WaitForFunctionAsync("s => document.querySelector('#audit-rows tr td:nth-child(4)')?.textContent === s", subjects[0]);
        await page.ClickAsync("#audit-newest");
        await page.WaitForFunctionAsync("s => document.querySelector('#audit-rows tr td:nth-child(4)')?.textContent === s", subjects[2]);
    }

    static async Task<string[]> SubjectsAsync(IPage page) =>
        (await page.Locator("#audit-rows tr td:nth-child(4)").AllInnerTextsAsync()).ToArray();

    /// <summary>Two rows of each of the nine types, unlike any the shared desk holds already (a duplicate adds nothing).</summary>
    static string UniqueHistory() => ClassificationData.SiteHistory(perType: 2).Replace("\",", $" {Guid.NewGuid():n}\",");

    static FilePayload Csv(string name, string csv) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };

    static async Task<JsonElement> ImportAsync(HttpClient client, string file) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/classifier/imports")).EnumerateArray().Single(i => i.Str("fileName") == file);

    static async Task<string> ActiveVersionAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version");
}
