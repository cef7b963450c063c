using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The desk's refusals in the language the page shows, in headless Debian chromium: the page sends its chosen language,
/// not the browser's, so an English browser switched to 中文 reads the desk's reason in Chinese, and back.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ProblemLanguageBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task AnEnglishBrowser_SwitchedToChinese_ReadsTheDesksRefusalInChinese_ByTheField()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "admin", locale: "en-GB");

        await page.SelectOptionAsync("#language", "zh");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.WaitForSelectorAsync("#staff-section[data-loaded='true']");
        await page.FillAsync("#new-username", $"zh{Guid.NewGuid():n}"[..16]);
        await page.FillAsync("#new-display-name", "Wei Problem-Test");
        await page.FillAsync("#new-password", "short");
        await page.ClickAsync("#staff-create button[type='submit']");

        await Assertions.Expect(page.Locator("#new-password-error")).ToHaveTextAsync("密码至少需要 12 个字符。");
        Assert.Equal("true", await page.GetAttributeAsync("#new-password", "aria-invalid"));

        // Back in English, the same refusal is the desk's English sentence.
        await page.SelectOptionAsync("#language", "en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.WaitForSelectorAsync("#staff-section[data-loaded='true']");
        await page.FillAsync("#new-username", $"en{Guid.NewGuid():n}"[..16]);
        await page.FillAsync("#new-display-name", "Wei Problem-Test");
        await page.FillAsync("#new-password", "short");
        await page.ClickAsync("#staff-create button[type='submit']");
        await Assertions.Expect(page.Locator("#new-password-error")).ToHaveTextAsync("A password needs at least 12 characters.");
    }
}
