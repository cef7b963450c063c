using System.Collections.Concurrent;
using System.Net.Http.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// What the console makes of the desk's pushes, in chromium, on a desk of its own (the survey moves its clock): a low
/// survey score heard as a moment of truth, and a colleague's timeline entries named alike on load and when pushed.
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

    [Fact]
    public async Task AConsoleWithoutNetwork_SaysSoAtOnce_InThePagesLanguage_AndIsLiveAgainWhenTheNetworkIsBack()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var badge = page.Locator("#connection");

        await page.Context.SetOfflineAsync(true);
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "offline");
        await Assertions.Expect(badge).ToHaveTextAsync("网络已断开");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(badge).ToHaveTextAsync("在线");
    }

    [Theory]
    [InlineData("agent", "agent-pass-1")]
    [InlineData("supervisor", "supervisor-pass-1")]
    public async Task AColleaguesNotes_AreNamedAlike_LoadedWithTheQuery_AndPushedLater(string username, string password)
    {
        using var channel = await desk.ChannelAsync();
        var room = $"room{Random.Shared.Next(10_000, 100_000)}";
        var reference = (await channel.SubmitAsync(Requests.Query($"The projector in {room} shows no picture"))).Str("reference");
        using var colleague = await desk.SignInAsync("agent2");
        (await colleague.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Projector restarted", visibility = "internal" }))
            .EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, username, password);
        await page.RunAndWaitForResponseAsync(() => page.FillAsync("#query-search", room), response => response.Url.Contains($"q={room}"));
        await page.Locator($"#queries tr[data-reference='{reference}']").ClickAsync();
        var notes = page.Locator("#timeline .timeline-entry[data-kind='note'] .timeline-actor");
        await Assertions.Expect(notes).ToHaveCountAsync(1);

        (await colleague.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Still no picture after the restart", visibility = "internal" }))
            .EnsureSuccessStatusCode();

        await Assertions.Expect(notes).ToHaveCountAsync(2);
        Assert.Equal(new[] { "Bo Li", "Bo Li" }, await notes.AllInnerTextsAsync());
        var read = (await (await colleague.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.All(read.Where(e => e.Str("kind") == "note"), note => Assert.Equal("Bo Li", note.Str("actorName")));
    }
}
