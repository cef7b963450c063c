using System.Net.Http.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The agent console in headless Debian chromium, driven by Playwright, against the live desk.</summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task QueryPostedToTheApi_AppearsInTheConsole_AndOpensWithItsTimeline()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

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
    public async Task AnOpenQuery_HasAnAddress_ThatAReloadOpensAgain_AndBackLeaves()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await OpenNewQueryAsync(page, "The scanner on floor 3 sends blank pages");
        Assert.EndsWith($"/console#/queries/{reference}", page.Url);

        await page.ReloadAsync();

        await page.Locator("#timeline .timeline-entry[data-kind='created']", new() { HasText = "blank pages" }).WaitForAsync();
        await page.GoBackAsync();
        await page.Locator("#timeline").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.EndsWith("/console", page.Url);
        Assert.True(await page.Locator($"#queries tr[data-reference='{reference}']").IsVisibleAsync());
    }

    [Fact]
    public async Task APhoneCallLoggedFromTheConsole_IsOnTheTimeline_AsACall()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await OpenNewQueryAsync(page, "The desk phone in room 4 has no dial tone");

        await page.FillAsync("#message-text", "Called back: the cable was loose, it works now.");
        await page.ClickAsync("#log-call");

        var call = page.Locator("#timeline .timeline-entry[data-kind='phone_call']");
        await call.WaitForAsync();
        Assert.Contains("the cable was loose", await call.InnerTextAsync());
        using var agent = await desk.SignInAsync("agent");
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Single(timeline, e => e.Str("kind") == "phone_call");
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "message_out");
    }

    [Fact]
    public async Task QueryThatBecomesASecurityEvent_LeavesTheConsoleOfAnAgentWhoIsNotAMember()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("Please give me a badge for the west wing", catalogItem: "access-request"))).Str("reference");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Badge cloning attempt" })).EnsureSuccessStatusCode();

        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Submits a query through a channel, opens it from the list, and waits for its timeline; its reference.</summary>
    [Fact]
    public async Task AHalfWrittenReply_StaysWithItsQuery_ThroughAnotherQuery_BackAReloadAndEscape_AndGoesWhenSent()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var first = await OpenNewQueryAsync(page, "The projector in room 2 shows no picture");
        var box = page.Locator("#message-text");
        await box.FillAsync("Could you try the other HDMI cable");

        // Another query's box is empty: the words were for the first user.
        await OpenNewQueryAsync(page, "The kitchen kettle trips the breaker");
        await Assertions.Expect(box).ToHaveValueAsync("");
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#detail-heading")).ToHaveTextAsync(first);
        await Assertions.Expect(box).ToHaveValueAsync("Could you try the other HDMI cable");
        await page.ReloadAsync();
        await Assertions.Expect(box).ToHaveValueAsync("Could you try the other HDMI cable");

        // Escape closes the query and gives the keyboard back to its row; Enter opens it with the draft.
        await box.PressAsync("Escape");
        var row = page.Locator($"#queries tr[data-reference='{first}']");
        await Assertions.Expect(row).ToBeFocusedAsync();
        await row.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("Could you try the other HDMI cable");

        await page.ClickAsync("#send-reply");
        await page.Locator("#timeline .timeline-entry[data-kind='message_out']", new() { HasText = "other HDMI cable" }).WaitForAsync();
        await Assertions.Expect(box).ToHaveValueAsync("");
        await page.ReloadAsync();
        await page.Locator("#timeline .timeline-entry[data-kind='message_out']").WaitForAsync();
        await Assertions.Expect(box).ToHaveValueAsync("");
    }

    async Task<string> OpenNewQueryAsync(IPage page, string text)
    {
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query(text))).Str("reference");
        await page.Locator($"#queries tr[data-reference='{reference}']").ClickAsync();
        await page.Locator("#timeline .timeline-entry[data-kind='created']", new() { HasText = text[..20] }).WaitForAsync();
        return reference;
    }
}
