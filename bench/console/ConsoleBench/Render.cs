using System.Text.Json;
using Microsoft.Playwright;

namespace Desk.Bench.Console;

/// <summary>
/// The console in Debian chromium (headless, under Playwright) on a desk full of open queries: how long until it is
/// usable, signing in and reloading signed in, and how long a pushed new query takes to become a row.
/// </summary>
internal static class Render
{
    const string Chromium = "/usr/bin/chromium";
    const int FirstUpdate = 20_000_000;
    static readonly TimeSpan UpdateEvery = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(DeskClient desk, Account account, int loads, int updates)
    {
        var report = new Report("render");
        var probe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "console-probe.js"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await context.AddInitScriptAsync(probe);
        var page = await context.NewPageAsync();

        // Cold: a browser with nothing cached signs in through the form.
        await page.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await page.FillAsync("#username", account.Username);
        await page.FillAsync("#password", account.Password);
        await page.ClickAsync("#sign-in");
        var signIn = await UsableAsync(page);
        report.Add("sign_in_to_usable", signIn.Usable - signIn.Submitted, "ms");
        report.Add("sign_in_to_first_row", signIn.FirstRow - signIn.Submitted, "ms");

        // Warm: the signed-in console opened again (cookie and cached assets), timed from navigation start.
        var times = new List<Probe>();
        for (var i = 0; i < loads; i++)
        {
            await page.ReloadAsync();
            times.Add(await UsableAsync(page));
        }
        var usable = times.Select(t => t.Usable).Order().ToArray();
        var firstRow = times.Select(t => t.FirstRow).Order().ToArray();
        report.Add("reload_to_usable_p50", usable[usable.Length / 2], "ms");
        report.Add("reload_to_usable_max", usable[^1], "ms");
        report.Add("reload_to_first_row_p50", firstRow[firstRow.Length / 2], "ms");
        report.Add("reload_to_connected_p50", times.Select(t => t.Connected).Order().ElementAt(times.Count / 2), "ms");
        report.Add("rows_after_load", await page.Locator("#queries tr").CountAsync(), "");

        // The list sorts by SLA urgency by default, where a new query lands past the first page; newest first puts each
        // pushed query on the page shown.
        await page.SelectOptionAsync("#sort-filter", "newest");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Live: new queries one at a time, each a push to this console.
        for (var i = 0; i < updates; i++)
        {
            await desk.SubmitAsync(FirstUpdate + i);
            await Task.Delay(UpdateEvery);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var live = await page.EvaluateAsync<JsonElement>("() => window.__bench");
        var toDom = new List<double>();
        var toFrame = new List<double>();
        var arrived = live.GetProperty("arrived");
        for (var i = 0; i < updates; i++)
        {
            var key = (FirstUpdate + i).ToString();
            if (!arrived.TryGetProperty(key, out var at)) continue;
            if (live.GetProperty("inDom").TryGetProperty(key, out var dom)) toDom.Add(dom.GetDouble() - at.GetDouble());
            if (live.GetProperty("painted").TryGetProperty(key, out var frame)) toFrame.Add(frame.GetDouble() - at.GetDouble());
        }
        toDom.Sort();
        toFrame.Sort();
        report.Add("updates_sent", updates, "");
        report.Add("updates_arrived", arrived.EnumerateObject().Count(p => int.TryParse(p.Name, out var n) && n >= FirstUpdate), "");
        report.Add("updates_in_dom", toDom.Count, "");
        report.Add("update_to_dom_p50", Quantile(toDom, 0.50), "ms");
        report.Add("update_to_dom_p99", Quantile(toDom, 0.99), "ms");
        report.Add("update_to_dom_max", Quantile(toDom, 1.0), "ms");
        report.Add("update_to_frame_p50", Quantile(toFrame, 0.50), "ms");
        report.Add("update_to_frame_p99", Quantile(toFrame, 0.99), "ms");
        report.Add("rows_after_updates", await page.Locator("#queries tr").CountAsync(), "");
        return toDom.Count == updates ? 0 : 1;
    }

    sealed record Probe(double Submitted, double FirstRow, double Connected, double Usable);

    static async Task<Probe> UsableAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__bench && window.__bench.usable !== null", null, new() { Timeout = 60_000 });
        var probe = await page.EvaluateAsync<JsonElement>("() => window.__bench");
        double At(string name) => probe.GetProperty(name).ValueKind == JsonValueKind.Number ? probe.GetProperty(name).GetDouble() : double.NaN;
        return new Probe(At("submitted"), At("firstRow"), At("connected"), At("usable"));
    }

    static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
