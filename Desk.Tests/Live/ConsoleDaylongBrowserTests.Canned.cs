using System.Net.Http.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>Canned replies in the console: inserted in a chat with Ctrl+Space, or chosen with a slash and filled with the query's facts.</summary>
public sealed partial class ConsoleDaylongBrowserTests
{
    [Fact]
    public async Task InAChat_CtrlSpaceInsertsACannedReply_AndNThenCtrlEnterAddsOneNote()
    {
        await using var chat = await ConsoleChatBrowserTests.ChatSession.StartAsync(desk);
        var page = chat.Page;
        await chat.SayAsync("I need to talk to a person about my VPN");
        await page.Locator("#queries tr", new() { HasText = chat.Name }).ClickAsync();
        await page.Locator("#chat-log .chat-message", new() { HasText = "talk to a person" }).WaitForAsync();
        var reference = await page.Locator("#detail-heading").InnerTextAsync();

        await page.Locator("#chat-text").FocusAsync();
        await page.Keyboard.PressAsync("Control+Space");
        var filter = page.GetByRole(AriaRole.Combobox, new() { Name = "Filter canned replies" });
        await filter.FillAsync("Working on it");
        await filter.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#chat-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^Hello {chat.Name},\\s+We are working on {reference}\\."));
        await page.Locator("#chat-text").FillAsync("");

        await page.Locator("#chat-heading").ClickAsync();
        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page.Locator("#chat-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Asked the network team about the gateway.");
        await page.Keyboard.PressAsync("Control+Enter");

        var note = page.Locator("#chat-log .chat-message", new() { HasText = "Asked the network team" });
        await Assertions.Expect(note).ToHaveAttributeAsync("data-kind", "note");
        await Assertions.Expect(note).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task CannedReply_ChosenWithSlash_IsFilledWithTheQuerysReferenceAndContact_UnknownPlaceholdersLeftVisible()
    {
        var title = $"Daylong check {Guid.NewGuid():n}"[..24];
        using (var supervisor = await desk.SignInAsync("supervisor"))
        {
            var created = await supervisor.PostAsJsonAsync("/api/canned-replies", new
            {
                title,
                body = "Hello {contact.name}, about {query.reference}: {query.subject}. {ticket.mood} Regards, {agent.name}",
                language = "en",
            });
            created.EnsureSuccessStatusCode();
        }
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync("The scanner on floor 2 saves blank pages", "Ana Canned");
        await OpenAsync(page, reference);
        var subject = await page.Locator("#detail-subject").InnerTextAsync();

        await page.Locator("#message-text").FillAsync("");
        await page.Locator("#message-text").PressAsync("/");
        var filter = page.GetByRole(AriaRole.Combobox, new() { Name = "Filter canned replies" });
        await Assertions.Expect(filter).ToBeFocusedAsync();
        await filter.FillAsync(title);
        await Assertions.Expect(page.Locator("#canned-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await filter.PressAsync("Enter");

        var box = page.Locator("#message-text");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await Assertions.Expect(box).ToHaveValueAsync($"Hello Ana Canned, about {reference}: {subject}. {{ticket.mood}} Regards, Alex Agent");
    }

    [Fact]
    public async Task EnterPressedBeforeTheCannedRepliesCome_InsertsTheFirstMatchOnceTheyDo()
    {
        var title = $"Slow list {Guid.NewGuid():n}"[..22];
        using (var supervisor = await desk.SignInAsync("supervisor"))
            (await supervisor.PostAsJsonAsync("/api/canned-replies", new { title, body = "Still on it, {contact.name}.", language = "en" }))
                .EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync("The badge reader at the side door beeps red", "Ola Slowlist");
        await OpenAsync(page, reference);

        // The list of replies is held back until the agent has typed a filter and pressed Enter, as on a slow line.
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/canned-replies", async route =>
        {
            asked.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });
        try
        {
            await page.Locator("#message-text").FocusAsync();
            await page.Keyboard.PressAsync("Control+Space");
            await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var filter = page.GetByRole(AriaRole.Combobox, new() { Name = "Filter canned replies" });
            await filter.FillAsync(title);
            await filter.PressAsync("Enter");
            await Assertions.Expect(page.Locator("#message-text")).ToHaveValueAsync("");
        }
        finally
        {
            release.TrySetResult();
        }

        await Assertions.Expect(page.Locator("#message-text")).ToHaveValueAsync("Still on it, Ola Slowlist.");
        await Assertions.Expect(page.Locator("#canned-picker")).ToBeHiddenAsync();
    }
}
