using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>Debian chromium under Playwright, and the console's sign-in, as the browser tests share them.</summary>
internal static class Chromium
{
    const string Executable = "/usr/bin/chromium";

    // Starting Playwright's driver and chromium costs about 2.5 s of CPU; once per test, it was a fifth of the suite's CPU.
    // A test rents a started browser for its own use and works in browser contexts of its own (cookies, storage and
    // permissions apart); giving it back clears them for the next test (ReusedContext). No two tests drive one browser at once.
    static readonly ConcurrentBag<(IPlaywright Playwright, IBrowser Browser, List<ReusedContext> Contexts)> Idle = [];

    // Each of a run's few page setups (locale and viewport) gets one or two contexts waiting; a few more for good measure.
    const int MostIdleContexts = 8;
    static readonly Lazy<string> TempFolder = new(CreateTempFolder);

    // Playwright's 5 s for an expectation was a timing assertion in disguise: on CI's 2 busy cores a console's call
    // can take longer than that and still be right. A failing expectation waits this long; a passing one does not.
    static Chromium() => Assertions.SetDefaultExpectTimeout(15_000);

    public static async Task<RentedBrowser> RentAsync()
    {
        Assert.True(File.Exists(Executable), "Debian chromium is missing: run the README test command (it installs it).");
        while (Idle.TryTake(out var idle))
        {
            if (idle.Browser.IsConnected) return new RentedBrowser(idle.Playwright, idle.Browser, idle.Contexts);
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
        return new RentedBrowser(playwright, browser, []);
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
    internal sealed class RentedBrowser(IPlaywright playwright, IBrowser browser, List<ReusedContext> idle) : IAsyncDisposable
    {
        readonly List<ReusedContext> taken = [];

        public IBrowser Browser => browser;

        /// <summary>A page in a context of its own, as <see cref="IBrowser.NewPageAsync"/>: one an earlier test used, cleared, if one is idle.</summary>
        public async Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null)
        {
            if (ReusedContext.KeyOf(options) is not { } key)
                return await browser.NewPageAsync(options);
            var index = idle.FindIndex(c => c.Key == key);
            ReusedContext context;
            if (index >= 0)
            {
                context = idle[index];
                idle.RemoveAt(index);
            }
            else
            {
                context = await ReusedContext.CreateAsync(browser, key, options);
            }
            taken.Add(context);
            return await context.Context.NewPageAsync();
        }

        /// <summary>A new context, closed when the test gives the browser back.</summary>
        public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => browser.NewContextAsync(options);

        /// <summary>Clears the contexts the test used for the next one, closes the rest and hands the browser on.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                foreach (var context in taken)
                    if (await context.ClearAsync())
                        idle.Add(context);
                while (idle.Count > MostIdleContexts)
                {
                    await idle[0].Context.CloseAsync();
                    idle.RemoveAt(0);
                }
                foreach (var context in browser.Contexts.Except(idle.Select(c => c.Context)).ToList())
                    await context.CloseAsync();
                Idle.Add((playwright, browser, idle));
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
