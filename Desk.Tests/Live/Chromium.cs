using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>Debian chromium under Playwright, and the console's sign-in, as the browser tests share them.</summary>
internal static class Chromium
{
    const string Executable = "/usr/bin/chromium";

    // Starting Playwright's driver and chromium costs about 2.5 s of CPU; once per test, it was a fifth of the suite's CPU.
    // A test rents a started browser for its own use and works in new browser contexts (cookies, storage and
    // permissions apart); giving it back closes them. No two tests drive one browser at once.
    static readonly ConcurrentBag<(IPlaywright Playwright, IBrowser Browser)> Idle = [];
    static readonly string TempFolder = Path.Combine(Path.GetTempPath(), "desk-tests", $"chromium-{Environment.ProcessId}");

    public static async Task<RentedBrowser> RentAsync()
    {
        Assert.True(File.Exists(Executable), "Debian chromium is missing: run the README test command (it installs it).");
        while (Idle.TryTake(out var idle))
        {
            if (idle.Browser.IsConnected) return new RentedBrowser(idle.Playwright, idle.Browser);
            idle.Playwright.Dispose();
        }
        Directory.CreateDirectory(TempFolder);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            Env = new Dictionary<string, string> { ["TMPDIR"] = TempFolder },
        });
        return new RentedBrowser(playwright, browser);
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

    /// <summary>A started chromium, one test's alone until disposed; it opens pages and contexts as a browser does.</summary>
    internal sealed class RentedBrowser(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null) => browser.NewPageAsync(options);

        public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => browser.NewContextAsync(options);

        /// <summary>Closes every context the test opened and hands the browser to the next test.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                foreach (var context in browser.Contexts.ToList())
                    await context.CloseAsync();
                Idle.Add((playwright, browser));
            }
            catch (PlaywrightException)
            {
                // A browser that cannot close its pages is not handed on.
                await browser.DisposeAsync();
                playwright.Dispose();
            }
        }
    }
}
