using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The admin page at /admin as the browser tests open it.</summary>
internal static class AdminPage
{
    /// <summary>
    /// Signs in at /admin in a context of its own (Chromium.RentedBrowser.NewPageAsync) and waits until <paramref name="loaded"/> is on the page: by default
    /// the sections the role sees (the classifier, and for an admin staff and keys).
    /// </summary>
    public static async Task<IPage> OpenAsync(Chromium.RentedBrowser browser, LiveDesk desk, string username, string? locale = null, string? loaded = null)
    {
        var page = await browser.NewPageAsync(new() { Locale = locale });
        await page.GotoAsync(new Uri(desk.BaseAddress, "/admin").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", $"{username}-pass-1");
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync(loaded ?? "#classifier-section[data-loaded='true']");
        if (loaded is null && username == "admin")
            foreach (var section in new[] { "staff", "keys" })
                await page.WaitForSelectorAsync($"#{section}-section[data-loaded='true']");
        return page;
    }
}
