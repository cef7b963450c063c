using System.Net.Http.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>Two agents, each in their own browser context (own cookies, own hub connection), on the same query.</summary>
[Collection(LiveCollection.Name)]
public sealed class PresenceBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task TwoAgents_SeeEachOtherViewingAndTyping_AndAReplyFromAnOlderView_IsWarnedAndSentAnyway()
    {
        await using var browser = await Chromium.RentAsync();
        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync();
        var agent = await first.NewPageAsync();
        var agent2 = await second.NewPageAsync();
        await Chromium.SignInAsync(agent, desk, "agent", "agent-pass-1");
        await Chromium.SignInAsync(agent2, desk, "agent2", "agent2-pass-1");
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The VPN drops every ten minutes", catalogItem: "access-request"))).Str("reference");

        await Open(agent, reference);
        await Open(agent2, reference);

        // Each sees the other (agent joined first and hears agent2 join; agent2 hears agent's answer), never themselves.
        await agent.Locator("#detail-presence .presence-viewer[data-username='agent2']").WaitForAsync();
        await agent2.Locator("#detail-presence .presence-viewer[data-username='agent']").WaitForAsync();
        Assert.Equal(0, await agent.Locator("#detail-presence .presence-viewer[data-username='agent']").CountAsync());
        Assert.Contains("Bo Li", await agent.Locator("#detail-presence").InnerTextAsync());

        await agent2.FillAsync("#message-text", "Please reinstall the VPN client.");
        await agent.Locator("#detail-presence .presence-viewer[data-username='agent2'][data-state='typing']").WaitForAsync();

        await agent.FillAsync("#message-text", "Which VPN client version do you have?");
        await agent.ClickAsync("#send-reply");
        await agent2.Locator("#timeline .timeline-entry[data-kind='message_out']", new() { HasText = "Which VPN client version" }).WaitForAsync();

        await agent2.ClickAsync("#send-reply");
        var warning = agent2.Locator(".collision[role='alertdialog']");
        await warning.WaitForAsync();
        Assert.Contains("Which VPN client version", await warning.InnerTextAsync());
        // Named as the presence line names them, not by username.
        Assert.Equal("Alex Agent", await warning.Locator(".collision-actor").InnerTextAsync());
        Assert.Equal("Please reinstall the VPN client.", await agent2.InputValueAsync("#message-text"));
        Assert.Equal(0, await agent2.Locator("#timeline .timeline-entry", new() { HasText = "Please reinstall" }).CountAsync());

        await warning.GetByRole(AriaRole.Button, new() { Name = "Send anyway" }).ClickAsync();
        await agent2.Locator("#timeline .timeline-entry[data-kind='message_out']", new() { HasText = "Please reinstall the VPN client." }).WaitForAsync();
        await agent.Locator("#timeline .timeline-entry[data-kind='message_out']", new() { HasText = "Please reinstall the VPN client." }).WaitForAsync();
        await warning.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await agent2.ClickAsync("#close-detail");
        await agent.Locator("#detail-presence .presence-viewer[data-username='agent2']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task AnAgentInTwoTabs_ShowsOnceToOthers_NeverToThemselves_AndStaysUntilTheLastTabLeaves()
    {
        await using var browser = await Chromium.RentAsync();
        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync();
        var tab = await first.NewPageAsync();
        await Chromium.SignInAsync(tab, desk, "agent", "agent-pass-1");
        var otherTab = await first.NewPageAsync();
        await otherTab.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await otherTab.WaitForSelectorAsync("#connection[data-state='connected']");
        var agent2 = await second.NewPageAsync();
        await Chromium.SignInAsync(agent2, desk, "agent2", "agent2-pass-1");
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("The printer on floor 3 jams on every page", catalogItem: "access-request"))).Str("reference");
        await Open(tab, reference);
        await Open(otherTab, reference);

        await Open(agent2, reference);

        var agentThere = agent2.Locator("#detail-presence .presence-viewer[data-username='agent']");
        await agentThere.WaitForAsync();
        await tab.Locator("#detail-presence .presence-viewer[data-username='agent2']").WaitForAsync();
        await otherTab.Locator("#detail-presence .presence-viewer[data-username='agent2']").WaitForAsync();
        Assert.Equal(1, await agentThere.CountAsync());
        Assert.Equal(0, await tab.Locator("#detail-presence .presence-viewer[data-username='agent']").CountAsync());
        Assert.Equal(0, await otherTab.Locator("#detail-presence .presence-viewer[data-username='agent']").CountAsync());

        await otherTab.ClickAsync("#close-detail");
        await tab.FillAsync("#message-text", "Checking the tray");
        await agent2.Locator("#detail-presence .presence-viewer[data-username='agent'][data-state='typing']").WaitForAsync();
        await tab.ClickAsync("#close-detail");
        await agentThere.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task AQueryMovedToAnotherQueue_KeepsItsViewersWhoMaySeeItThere_TypingIncluded()
    {
        await using var browser = await Chromium.RentAsync();
        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync();
        var supervisor = await first.NewPageAsync();
        var agent2 = await second.NewPageAsync();
        await Chromium.SignInAsync(supervisor, desk, "supervisor", "supervisor-pass-1");
        await Chromium.SignInAsync(agent2, desk, "agent2", "agent2-pass-1");
        using var channel = await desk.ChannelAsync();
        var reference = (await channel.SubmitAsync(Requests.Query("My badge opened a door it never opened before", catalogItem: "access-request"))).Str("reference");
        await Open(supervisor, reference);
        await Open(agent2, reference);
        await supervisor.Locator("#detail-presence .presence-viewer[data-username='agent2']").WaitForAsync();

        using (var api = await desk.SignInAsync("supervisor"))
            (await api.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Badge cloning" })).EnsureSuccessStatusCode();

        // The hub keeps viewers per queue; both consoles view the query again in its new one, so typing goes on being
        // heard without waiting for the next beat (30 s). Typing is sent at most every 2 s, hence a few tries.
        var typing = supervisor.Locator("#detail-presence .presence-viewer[data-username='agent2'][data-state='typing']");
        for (var attempt = 1; ; attempt++)
        {
            await agent2.FillAsync("#message-text", $"Checking the door logs ({attempt})");
            try
            {
                await typing.WaitForAsync(new() { Timeout = 2_500 });
                break;
            }
            catch (System.TimeoutException) when (attempt < 3)
            {
            }
        }
        await agent2.Locator("#detail-presence .presence-viewer[data-username='supervisor']").WaitForAsync();
    }

    static async Task Open(IPage page, string reference)
    {
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        await row.ClickAsync();
        await page.Locator("#timeline .timeline-entry[data-kind='created']").WaitForAsync();
    }
}
