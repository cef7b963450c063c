using System.Net;
using System.Text.RegularExpressions;
using Desk.Tests.Api;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Desk.Tests.Live;

/// <summary>
/// The real botframework-webchat in headless chromium, over the real offline-directline, against the live desk's
/// Bot Framework endpoint: Web Chat → Direct Line → POST /api/messages → the desk's reply on the connector → Web Chat.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed partial class WebChatTests(LiveDesk desk, ITestOutputHelper output)
{
    [Fact]
    public async Task UserOpensWebChat_IsGreeted_AndWhatTheyTypeBecomesAQuery_WhoseReferenceTheBotReplies()
    {
        await using var chat = await WebChat.StartAsync(desk, output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, desk);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(chat.PageUrl("u-ana", "Ana"));
        const string text = "My laptop cannot connect to the VPN since this morning, error 809";

        await page.WaitForBotMessageAsync(Greeting());
        await page.SendAsync(text);
        var reply = await page.WaitForBotMessageAsync(Reference());

        Assert.Contains("Ana", reply);
        Assert.DoesNotContain(text, await page.BotMessagesAsync());
        var reference = Reference().Match(reply).Value;
        // agent2 works every queue, so the query is visible wherever the classifier routed it.
        using var agent = await desk.SignInAsync("agent2");
        var response = await agent.GetAsync($"/api/queries/{reference}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = await response.JsonAsync();
        Assert.Equal(text, query.Str("text"));
        Assert.Equal("chat", query.Str("channel"));
    }

    [GeneratedRegex(@"^Hello!.*assistant", RegexOptions.Singleline)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"[A-Z]{3}-\d{4}")]
    private static partial Regex Reference();
}
