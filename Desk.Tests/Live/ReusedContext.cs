using System.Text.Json;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// A browser context that serves one test after another, cleared in between: cookies, permissions, the network, and
/// every origin's storage (local and session storage, IndexedDB, caches, service workers) of the pages it showed.
/// </summary>
/// <remarks>
/// The first page of a new context costs chromium about 1.6 s of CPU (the context's first renderer), a page in a context
/// that still shows one about 0.3 s; over a run's 150-odd pages that was a third of chromium's CPU. So each context keeps
/// a blank page open while it waits for the next test.
/// </remarks>
internal sealed class ReusedContext
{
    readonly HashSet<string> origins = [];
    readonly IPage blank;
    readonly ICDPSession devtools;
    bool closed;

    ReusedContext(string key, IBrowserContext context, IPage blank, ICDPSession devtools)
    {
        Key = key;
        Context = context;
        this.blank = blank;
        this.devtools = devtools;
    }

    /// <summary>The page options this context was made with.</summary>
    public string Key { get; }

    public IBrowserContext Context { get; }

    /// <summary>
    /// The options a context can be reused for (its locale and viewport), or null for options that a test sets rarely
    /// enough to get a context of its own.
    /// </summary>
    public static string? KeyOf(BrowserNewPageOptions? options)
    {
        if (options is null)
            return "|";
        var others = typeof(BrowserNewPageOptions).GetProperties()
            .Where(p => p.Name is not (nameof(options.Locale) or nameof(options.ViewportSize)));
        if (others.Any(p => p.GetValue(options) is not null))
            return null;
        return $"{options.Locale}|{(options.ViewportSize is { } size ? $"{size.Width}x{size.Height}" : "")}";
    }

    public static async Task<ReusedContext> CreateAsync(IBrowser browser, string key, BrowserNewPageOptions? options)
    {
        var context = await browser.NewContextAsync(new() { Locale = options?.Locale, ViewportSize = options?.ViewportSize });
        var blank = await context.NewPageAsync();
        var reused = new ReusedContext(key, context, blank, await context.NewCDPSessionAsync(blank));
        context.Close += (_, _) => reused.closed = true;
        context.Page += (_, page) => page.FrameNavigated += (_, frame) => reused.Visited(frame.Url);
        return reused;
    }

    void Visited(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            lock (origins)
                origins.Add(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>Closes the test's pages and clears what they left; false, and the context closed, when it cannot.</summary>
    public async Task<bool> ClearAsync()
    {
        try
        {
            // A context that cannot be cleared in this time is not worth waiting for: the next test gets a new one.
            return await ClearOrCloseAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is PlaywrightException or JsonException or TimeoutException)
        {
            try { await Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (Exception closing) when (closing is PlaywrightException or TimeoutException) { }
            return false;
        }
    }

    async Task<bool> ClearOrCloseAsync()
    {
        if (closed || blank.IsClosed)
        {
            await Context.CloseAsync();
            return false;
        }
        foreach (var page in Context.Pages.Where(p => p != blank).ToList())
            await page.CloseAsync();
        await Context.ClearCookiesAsync();
        await Context.ClearPermissionsAsync();
        await Context.SetOfflineAsync(false);
        string[] visited;
        lock (origins)
        {
            visited = [.. origins];
            origins.Clear();
        }
        foreach (var origin in visited)
            await devtools.SendAsync("Storage.clearDataForOrigin", new Dictionary<string, object>
            {
                ["origin"] = origin,
                ["storageTypes"] = "all",
            });
        return true;
    }
}
