using System.Net.Http.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The agent console in headless Debian chromium, driven by Playwright, against the live desk.</summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleBrowserTests(LiveDesk desk)
{
    const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task QueryPostedToTheApi_AppearsInTheConsole_AndOpensWithItsTimeline()
    {
        Assert.True(File.Exists(Chromium), "Debian chromium is missing: run the README test command (it installs it).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            Env = new Dictionary<string, string> { ["TMPDIR"] = desk.Folder },
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await page.FillAsync("#username", "agent");
        await page.FillAsync("#password", "agent-pass-1");
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#connection[data-state='connected']");

        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(Requests.Query("Badge reader at the loading dock rejects every card"));
        var row = page.Locator($"#queries tr[data-reference='{receipt.Str("reference")}']");
        await row.WaitForAsync();
        await row.ClickAsync();

        var entry = page.Locator("#timeline .timeline-entry[data-kind='created']");
        await entry.WaitForAsync();
        Assert.Contains("Badge reader at the loading dock", await entry.InnerTextAsync());
    }

    [Fact]
    public async Task QueryThatBecomesASecurityEvent_LeavesTheConsoleOfAnAgentWhoIsNotAMember()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            Env = new Dictionary<string, string> { ["TMPDIR"] = desk.Folder },
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await page.FillAsync("#username", "agent");
        await page.FillAsync("#password", "agent-pass-1");
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#connection[data-state='connected']");

        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("Please give me a badge for the west wing", catalogItem: "access-request"))).Str("reference");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Badge cloning attempt" })).EnsureSuccessStatusCode();

        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
