using System.Net;
using System.Net.Http.Json;
using Desk.Tests.Api;
using Desk.Tests.Bot;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The console's chat view and live chats in headless Debian chromium. The user's side is Bot Framework activities
/// posted to the desk's /api/messages with a bot key; what the desk sends the user goes to a local recording connector.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleChatBrowserTests(LiveDesk desk)
{
    static readonly string[] DeliveryStates = ["pending", "sending", "sent", "retrying", "failed", "unknown"];

    [Fact]
    public async Task ChatQuery_ShowsTheUsersWords_AndAReplyWithItsDeliveryState_AndTheUsersAnswerLive()
    {
        await using var chat = await ChatSession.StartAsync(desk);
        var page = chat.Page;

        await chat.SayAsync("I need to talk to a person");
        await page.Locator("#queries tr", new() { HasText = chat.Name }).ClickAsync();
        var asked = page.Locator("#chat-log .chat-message", new() { HasText = "I need to talk to a person" });
        await asked.WaitForAsync();
        Assert.Contains(await asked.GetAttributeAsync("data-kind"), new[] { "created", "message_in", "handoff_requested" });

        await page.FillAsync("#chat-composer textarea", "Which VPN client version do you have?");
        await page.PressAsync("#chat-composer textarea", "Enter");
        var reply = page.Locator("#chat-log .chat-message[data-kind='message_out']", new() { HasText = "Which VPN client version" });
        await reply.Locator("[data-delivery]").WaitForAsync();
        Assert.Contains(await reply.Locator("[data-delivery]").GetAttributeAsync("data-delivery"), DeliveryStates);

        await chat.SayAsync("Version 5.2, on Windows");
        await page.Locator("#chat-log .chat-message[data-kind='message_in']", new() { HasText = "Version 5.2" }).WaitForAsync();
        await page.Locator("#live-queue [data-conversation-id]", new() { HasText = "Version 5.2" }).WaitForAsync();
    }

    [Fact]
    public async Task AReplyTheConnectorRefused_ShowsNotDelivered_AndSendAgainDeliversIt()
    {
        await using var chat = await ChatSession.StartAsync(desk);
        var page = chat.Page;
        await chat.SayAsync("My second screen stays black");
        await page.Locator("#queries tr", new() { HasText = chat.Name }).ClickAsync();
        await page.Locator("#chat-log .chat-message", new() { HasText = "My second screen stays black" }).WaitForAsync();
        chat.Connector.AnswerStatus = 400;

        await page.FillAsync("#chat-composer textarea", "Does it show up under Display settings?");
        await page.PressAsync("#chat-composer textarea", "Enter");
        var reply = page.Locator("#chat-log .chat-message[data-kind='message_out']", new() { HasText = "Display settings" });
        await reply.Locator("[data-delivery='failed']").WaitForAsync();
        chat.Connector.AnswerStatus = 200;
        var entryId = long.Parse((await reply.GetAttributeAsync("data-entry-id"))!);
        var reference = (await page.Locator("#detail-heading").TextContentAsync())!.Trim();
        await reply.Locator("button.resend").ClickAsync();

        // The desk's own account first: a console that missed a push (a reconnect on a loaded machine) shows it on reopening.
        using var agent = await desk.SignInAsync("agent2");
        await ChatQuery.DeliveryAsync(agent, reference, entryId, d => d.Str("state") == "sent");
        await page.Locator("#queries tr", new() { HasText = chat.Name }).ClickAsync();
        await reply.Locator("[data-delivery='sent']").WaitForAsync();
        Assert.Equal(0, await reply.Locator("button.resend").CountAsync());
    }

    [Fact]
    public async Task ConversationAskingForAPerson_AppearsInTheLiveQueue_AndIsTakenAndHandedBack()
    {
        await using var chat = await ChatSession.StartAsync(desk);
        var page = chat.Page;

        await chat.SayAsync("I need to talk to a person");
        // Pushed while the console is open: it was not there when the page loaded.
        var row = page.Locator("#live-queue [data-conversation-id]", new() { HasText = chat.Name });
        await row.WaitForAsync();
        Assert.Equal("waiting", await row.GetAttributeAsync("data-state"));
        Assert.True(await page.Locator("#live-count").IsVisibleAsync());

        await row.Locator("button[data-action='take']").ClickAsync();
        await page.Locator("#chat-heading", new() { HasText = $"Live with {chat.Name}" }).WaitForAsync();
        await page.Locator("#chat-log .chat-message", new() { HasText = "I need to talk to a person" }).WaitForAsync();
        Assert.Equal("live", await row.GetAttributeAsync("data-state"));

        await page.ClickAsync("#chat button[data-action='release']");
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.False(await page.Locator("#chat button[data-action='release']").IsVisibleAsync());
    }

    /// <summary>
    /// agent2 (who works every queue) in the console, and one user on a Teams chat with the desk's bot: one
    /// conversation, under a name no other test uses.
    /// </summary>
    internal sealed class ChatSession : IAsyncDisposable
    {
        readonly string userId = "user-" + Guid.NewGuid().ToString("N");
        readonly string conversationId = "conversation-" + Guid.NewGuid().ToString("N");
        readonly RecordingConnector connector = new();
        Chromium.RentedBrowser? browser;
        HttpClient? bot;

        public string Name { get; } = "Ana " + Guid.NewGuid().ToString("N")[..8];

        public IPage Page { get; private set; } = null!;

        public RecordingConnector Connector => connector;

        public static async Task<ChatSession> StartAsync(LiveDesk desk)
        {
            var session = new ChatSession();
            await session.connector.StartAsync();
            session.browser = await Chromium.RentAsync();
            session.Page = await session.browser.NewPageAsync();
            await Chromium.SignInAsync(session.Page, desk, "agent2", "agent2-pass-1");
            session.bot = await desk.WithApiKeyAsync("bot");
            return session;
        }

        public async Task SayAsync(string text)
        {
            var response = await bot!.PostAsJsonAsync("/api/messages", new
            {
                type = "message",
                id = "activity-" + Guid.NewGuid().ToString("N"),
                channelId = "msteams",
                serviceUrl = connector.BaseUrl,
                from = new { id = userId, name = Name },
                recipient = new { id = "desk-bot", name = "Desk" },
                conversation = new { id = conversationId },
                text,
                locale = "en-GB",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async ValueTask DisposeAsync()
        {
            bot?.Dispose();
            if (browser is not null)
                await browser.DisposeAsync();
            await connector.DisposeAsync();
        }
    }
}
