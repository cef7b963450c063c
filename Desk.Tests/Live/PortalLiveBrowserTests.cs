using System.Net.Http.Json;
using Desk.Api.Surveys;
using Desk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The portal page live, in headless chromium: the desk's reply, a status and a new query appear as they happen, with
/// no reload and the user's half-written message left as it was (a session ended elsewhere: PortalBrowserTests).
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class PortalLiveBrowserTests(PortalLiveDesk desk) : IClassFixture<PortalLiveDesk>
{
    [Fact]
    public async Task AnAgentsReply_AStatusAndANewQuery_ShowWithoutAReload()
    {
        var address = $"portal.live.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var reference = await SubmitAsync(channel, "The projector in meeting room 4 shows no picture", address);
        await using var browser = await Chromium.RentAsync();
        var page = await desk.PortalPageAsync(browser, address, "en-GB");
        await page.Locator($"button[data-reference='{reference}']").WaitForAsync();
        // Gone after any reload: the page must change in place.
        await page.EvaluateAsync("() => { window.deskLoaded = 'once'; }");

        var later = await SubmitAsync(channel, "And the room's speakers hum", address);
        await page.Locator($"button[data-reference='{later}']").WaitForAsync();

        await page.Locator($"button[data-reference='{reference}']").ClickAsync();
        await page.Locator("#portal-query-heading", new() { HasText = reference }).WaitForAsync();
        await page.GetByLabel("Add a message").FillAsync("It worked yesterday morning, and");
        using var agent = await desk.SignInAsync("agent");
        await PostAsync(agent, reference, "Staff only: room 4 has the old controller", "internal");
        await PostAsync(agent, reference, "Please switch the projector to HDMI 2.", "public");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "waiting_for_user" })).EnsureSuccessStatusCode();

        var timeline = page.Locator(".portal-timeline");
        await timeline.Locator(".from-desk", new() { HasText = "Please switch the projector to HDMI 2." }).WaitForAsync();
        await page.Locator("#portal-status", new() { HasText = "Waiting for you" }).WaitForAsync();
        Assert.Equal(1, await timeline.Locator(".from-desk", new() { HasText = "Please switch the projector" }).CountAsync());
        Assert.DoesNotContain("controller", await page.ContentAsync());
        Assert.Equal("It worked yesterday morning, and", await page.GetByLabel("Add a message").InputValueAsync());
        Assert.Equal("once", await page.EvaluateAsync<string>("() => window.deskLoaded"));
    }

    [Fact]
    public async Task ASurveySentWhileThePageIsOpen_ShowsWithoutAReload_AndStaysAsTheUserFillsItThroughTheNextPush()
    {
        var address = $"portal.survey.{Guid.NewGuid():n}@example.org";
        using var channel = await desk.ChannelAsync();
        var (first, second) = (await SubmitAsync(channel, "The badge reader at door 3 does not open", address),
            await SubmitAsync(channel, "The coffee machine on floor 2 leaks water", address));
        await using var browser = await Chromium.RentAsync();
        var page = await desk.PortalPageAsync(browser, address, "en-GB");
        await page.Locator($"button[data-reference='{second}']").WaitForAsync();
        await page.EvaluateAsync("() => { window.deskLoaded = 'once'; }");
        using var agent = await desk.SignInAsync("agent");
        var sender = desk.Services.GetRequiredService<SurveySender>();

        await ResolveAsync(agent, first);
        await sender.RunDueAsync(CancellationToken.None);
        var asked = page.Locator(".portal-survey", new() { HasText = first });
        await asked.WaitForAsync();
        await asked.GetByLabel("Comment").FillAsync("The reader works again");
        // The next push reads the list and the surveys again; the form the user is filling is left as it is.
        (await agent.PatchAsJsonAsync($"/api/queries/{second}", new { status = "in_progress" })).EnsureSuccessStatusCode();

        await page.Locator($"button[data-reference='{second}'] .status", new() { HasText = "In progress" }).WaitForAsync();
        Assert.Equal("The reader works again", await asked.GetByLabel("Comment").InputValueAsync());
        Assert.Equal(1, await page.Locator(".portal-survey").CountAsync());
        Assert.Equal("once", await page.EvaluateAsync<string>("() => window.deskLoaded"));
    }

    static async Task ResolveAsync(HttpClient agent, string reference)
    {
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = status == "resolved" ? "fixed" : null }))
                .EnsureSuccessStatusCode();
    }

    static async Task<string> SubmitAsync(HttpClient channel, string text, string address) =>
        (await channel.SubmitAsync(Requests.Query(text, address: address))).Str("reference");

    static async Task PostAsync(HttpClient agent, string reference, string text, string visibility) =>
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text, visibility })).EnsureSuccessStatusCode();
}
