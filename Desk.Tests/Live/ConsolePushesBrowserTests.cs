using System.Collections.Concurrent;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// What the console makes of the desk's pushes, in chromium, on a desk of its own (the survey moves its clock): a low
/// survey score heard as a moment of truth.
/// </summary>
public sealed class ConsolePushesBrowserTests(LiveDesk desk) : IClassFixture<LiveDesk>
{
    [Fact]
    public async Task ALowSurveyScore_IsCountedOnTheMomentsButton_AndListedThere_WithNoPushLeftUnhandled()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        var warnings = new ConcurrentQueue<string>();
        page.Console += (_, message) => { if (message.Type is "warning" or "error") warnings.Enqueue(message.Text); };
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");

        await using var chat = await SurveyTests.ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();
        Assert.Single(SurveyTests.ReferencesIn(Assert.Single(await chat.Chat.SayAsync("1")).Text));

        // The moments screen is not open: its button counts the moment until it is.
        var button = page.Locator(".team-tabs #team-moments");
        await Assertions.Expect(button).ToHaveAttributeAsync("data-unseen", "1");
        await Assertions.Expect(button.Locator(".team-unseen")).ToHaveTextAsync("1 new");
        await button.ClickAsync();
        await page.Locator("#team-body li").Filter(new() { HasText = chat.Reference }).WaitForAsync();
        await Assertions.Expect(button).Not.ToHaveAttributeAsync("data-unseen", "1");
        await Assertions.Expect(page.Locator("#team-body li").Filter(new() { HasText = chat.Reference })).ToContainTextAsync("low survey score");
        Assert.DoesNotContain(warnings, text => text.Contains("No client method", StringComparison.OrdinalIgnoreCase));
    }
}
