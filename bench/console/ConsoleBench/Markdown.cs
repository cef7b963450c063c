using System.Globalization;

namespace Desk.Bench.Console;

/// <summary>The figures of one run (the <c>label.metric=value unit</c> lines) as the section of docs/benchmarks.md.</summary>
internal static class Markdown
{
    public static int Write(string metricsFile, int[] rates, int open)
    {
        var figures = File.ReadLines(metricsFile)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Split(' ')[0]);
        string F(string key) => figures.GetValueOrDefault(key, "n/a");
        double N(string key) => double.TryParse(F(key), CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        var o = System.Console.Out;
        string Met(bool met) => met ? "met" : "**missed**";

        o.WriteLine("## Against the targets (issue 10, point 10)");
        o.WriteLine();
        o.WriteLine("| what | target | result | |");
        o.WriteLine("|---|---:|---:|---|");
        o.WriteLine($"| first usable render: the signed-in console opened, {open:N0} open queries (median of reloads; max) | ≤ 1,000 ms | {F("render.reload_to_usable_p50")} ms ({F("render.reload_to_usable_max")} ms) | {Met(N("render.reload_to_usable_max") <= 1000)} |");
        o.WriteLine($"| first usable render, cold: sign-in submitted → usable (includes the password hash) | ≤ 1,000 ms | {F("render.sign_in_to_usable")} ms | {Met(N("render.sign_in_to_usable") <= 1000)} |");
        o.WriteLine($"| live update: push on the socket → its row in the DOM (p99; max) | ≤ 16 ms | {F("render.update_to_dom_p99")} ms ({F("render.update_to_dom_max")} ms) | {Met(N("render.update_to_dom_p99") <= 16)} |");
        foreach (var rate in rates)
            o.WriteLine($"| push p99, {F("desk.consoles")} consoles, {rate} queries/s | ≤ 50 ms | {F($"desk.r{rate}.push_p99")} ms (bare hub {F($"bare.r{rate}.push_p99")} ms) | {Met(N($"desk.r{rate}.push_p99") <= 50)} |");
        o.WriteLine($"| desk RSS, peak over the run (VmHWM) | ≤ 400 MB | {F("desk.server_rss_peak")} MB | {Met(N("desk.server_rss_peak") <= 400)} |");
        o.WriteLine();

        o.WriteLine("## The console in chromium");
        o.WriteLine();
        o.WriteLine("Headless Debian chromium under Playwright (.NET), 1280×720, one agent who sees every unrestricted queue. An init script");
        o.WriteLine("(bench/console/ConsoleBench/console-probe.js) notes, in the page's own clock, when the first row enters `#queries`, when");
        o.WriteLine("the hub indicator says connected, and *usable*: both done and a frame plus a task later (the main thread answers).");
        o.WriteLine("It also sees each pushed `QueryCreated` on the WebSocket before the SignalR client does, the row for it entering the");
        o.WriteLine("DOM (a MutationObserver) and the next animation frame after that.");
        o.WriteLine();
        o.WriteLine("| | ms |");
        o.WriteLine("|---|---:|");
        o.WriteLine($"| sign-in submitted → first row / usable (cold: nothing cached) | {F("render.sign_in_to_first_row")} / {F("render.sign_in_to_usable")} |");
        o.WriteLine($"| signed-in reload → hub connected, median | {F("render.reload_to_connected_p50")} |");
        o.WriteLine($"| signed-in reload → first row, median | {F("render.reload_to_first_row_p50")} |");
        o.WriteLine($"| signed-in reload → usable, median / max | {F("render.reload_to_usable_p50")} / {F("render.reload_to_usable_max")} |");
        o.WriteLine($"| push → row in the DOM, p50 / p99 / max ({F("render.updates_in_dom")} of {F("render.updates_sent")} pushes) | {F("render.update_to_dom_p50")} / {F("render.update_to_dom_p99")} / {F("render.update_to_dom_max")} |");
        o.WriteLine($"| push → next frame after the row, p50 / p99 | {F("render.update_to_frame_p50")} / {F("render.update_to_frame_p99")} |");
        o.WriteLine();
        o.WriteLine($"Rows in the DOM: {F("render.rows_after_load")} after a load, {F("render.rows_after_updates")} after the pushes (the console asks for one");
        o.WriteLine($"page of queries and keeps at most a bounded number of rows; the {open:N0} open queries never all reach the page).");
        o.WriteLine();

        o.WriteLine("## Connected consoles: push latency and memory, desk beside a bare hub");
        o.WriteLine();
        o.WriteLine($"bench/console/ConsoleBench opens {F("desk.consoles")} hub connections (Microsoft.AspNetCore.SignalR.Client 11.0.0, WebSockets, JSON");
        o.WriteLine($"protocol) in one process. On the desk they share {F("desk.supervisor_consoles")} supervisor and the rest agent staff sessions");
        o.WriteLine("(cookie sign-in, `X-Desk-Client`), and join as the console does: `JoinQueue` for each queue `/api/queues` lists, then");
        o.WriteLine("`JoinSupervisors` for supervisors. An agent sees every queue but information-security, so nearly every new query is");
        o.WriteLine("pushed to every console. The bare hub (bench/console/BareHub: Kestrel and SignalR alone) has the same hub path, join");
        o.WriteLine("methods and groups, and pushes a `QuerySummary`-shaped `QueryCreated` from its own `POST /api/queries`.");
        o.WriteLine("Both servers run at once and the client holds both sets of connections; rate by rate, the desk then the bare hub take");
        o.WriteLine("turns, so that the other work on the machine falls on both alike. Queries are posted open-loop at each rate (3 s uncounted");
        o.WriteLine("warm-up first, POSTs given up after 30 s); latency runs from a query's scheduled send");
        o.WriteLine("time to its receipt on each console (so it includes the intake itself), over every delivery; *last console* is the");
        o.WriteLine("time until the last console that should have it had it. Missing: owed and not received within 20 s after the last send.");
        o.WriteLine("Deliveries/s: deliveries ÷ the send schedule's length. CPU over the stretch from the first send until the last delivery");
        o.WriteLine("(or 20 s); *machine busy* is every process on the machine, this bench's and everyone else's. *µs per delivery*: the");
        o.WriteLine("server's CPU time over the stretch ÷ deliveries, the figure the machine's other work disturbs least; it includes the");
        o.WriteLine("server's background work (the desk's timers, jobs and session checks), which weighs most at the lowest rate.");
        o.WriteLine();
        o.WriteLine("| target | queries/s | created (POST answered) of sent | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | last console p99 ms | missing | duplicate | server CPU (cores) | client CPU (cores) | machine busy (cores) | server CPU µs per delivery | server RSS MB |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var rate in rates)
            foreach (var target in new[] { "desk", "bare" })
            {
                var at = $"{target}.r{rate}";
                o.WriteLine($"| {target} | {rate} | {F($"{at}.queries_created")} ({F($"{at}.queries_answered")}) of {F($"{at}.queries_sent")} | {F($"{at}.deliveries_per_s")} | {F($"{at}.push_p50")} | {F($"{at}.push_p99")} | {F($"{at}.push_p999")} | {F($"{at}.push_max")} | {F($"{at}.last_console_p99")} | {F($"{at}.deliveries_missing")} of {F($"{at}.deliveries_expected")} | {F($"{at}.deliveries_duplicate")} | {F($"{at}.server_cpu")} | {F($"{at}.client_cpu")} | {F($"{at}.machine_cpu")} | {F($"{at}.server_cpu_per_delivery")} | {F($"{at}.server_rss")} |");
            }
        o.WriteLine();
        o.WriteLine("| server RSS (MB) | idle | consoles connected | end | peak (VmHWM) | sign-in s | connect s |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var target in new[] { "desk", "bare" })
            o.WriteLine($"| {target} | {F($"{target}.server_rss_idle")} | {F($"{target}.server_rss_connected")} | {F($"{target}.server_rss_end")} | {F($"{target}.server_rss_peak")} | {F($"{target}.sign_in_s")} | {F($"{target}.connect_s")} |");
        o.WriteLine();
        o.WriteLine($"Connections closed during the run: desk {F("desk.closed_connections")}, bare {F("bare.closed_connections")}. The desk's idle RSS already holds");
        o.WriteLine($"the {open:N0} seeded queries' effects (board counts, caches) and the browser run before it.");
        o.WriteLine();
        o.WriteLine("Raw figures of this run:");
        o.WriteLine();
        o.WriteLine("```");
        foreach (var line in File.ReadLines(metricsFile)) o.WriteLine(line);
        o.WriteLine("```");
        return 0;
    }
}
