using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>Debian chromium under Playwright, and the console's sign-in, as the browser tests share them.</summary>
internal static class Chromium
{
    const string Executable = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, LiveDesk desk)
    {
        Assert.True(File.Exists(Executable), "Debian chromium is missing: run the README test command (it installs it).");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            Env = new Dictionary<string, string> { ["TMPDIR"] = desk.Folder },
        });
    }

    /// <summary>Opens the console, signs in through its form and waits until the live connection is up.</summary>
    public static async Task SignInAsync(IPage page, LiveDesk desk, string username, string password)
    {
        await page.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
    }
}
