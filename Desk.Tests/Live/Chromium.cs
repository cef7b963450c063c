using System.Collections.Concurrent;
using System.Diagnostics;
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
    static readonly Lazy<string> TempFolder = new(CreateTempFolder);

    // Playwright's 5 s for an expectation was a timing assertion in disguise: on CI's 2 busy cores a console's call
    // can take longer than that and still be right. A failing expectation waits this long; a passing one does not.
    static Chromium() => Assertions.SetDefaultExpectTimeout(15_000);

    public static async Task<RentedBrowser> RentAsync()
    {
        Assert.True(File.Exists(Executable), "Debian chromium is missing: run the README test command (it installs it).");
        while (Idle.TryTake(out var idle))
        {
            if (idle.Browser.IsConnected) return new RentedBrowser(idle.Playwright, idle.Browser);
            idle.Playwright.Dispose();
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            Env = new Dictionary<string, string> { ["TMPDIR"] = TempFolder.Value },
        });
        return new RentedBrowser(playwright, browser);
    }

    static string CreateTempFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "desk-tests");
        // The browsers still run when a test process exits, so nothing can delete its folder then: the next run does.
        if (Directory.Exists(root))
            foreach (var folder in Directory.GetDirectories(root, "chromium-*"))
                if (int.TryParse(Path.GetFileName(folder)["chromium-".Length..], out var pid) && !IsRunning(pid))
                    try { Directory.Delete(folder, recursive: true); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return Directory.CreateDirectory(Path.Combine(root, $"chromium-{Environment.ProcessId}")).FullName;
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Opens the console, signs in through its form and waits until the live connection is up.</summary>
    public static async Task SignInAsync(IPage page, LiveDesk desk, string username, string password)
    {
        await page.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
        // The live desk holds the queries of every test before this one: by SLA urgency (the default) a new query with a
        // later deadline falls past the list's first 50 rows, so the tests watch the newest first, as an agent may.
        await page.SelectOptionAsync("#sort-filter", "newest");
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
