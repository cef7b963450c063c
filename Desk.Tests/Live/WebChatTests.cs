using System.Net;
using System.Net.Http.Json;
using Desk.Api.Surveys;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Desk.Tests.Api;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Desk.Tests.Live;

/// <summary>
/// The real botframework-webchat in headless chromium, over the real offline-directline, against the live desk's
/// Bot Framework endpoint: Web Chat → Direct Line → POST /api/messages → the desk's reply on the connector → Web Chat;
/// and the agent's side of a handoff in the console, in a second browser context of the same chromium.
/// offline-directline gives everything the desk posts the bot's <c>from</c>, so an agent's words look like the bot's
/// in Web Chat: messages are told apart by their text.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed partial class WebChatTests(LiveDesk desk, ITestOutputHelper output)
{
    const string Problem = "My laptop cannot connect to the VPN since this morning, error 809";

    [Fact]
    public async Task UserReportsAProblem_IsOfferedArticles_StillNeedsHelp_AndGetsTheReferenceOfAChatQuery()
    {
        await using var chat = await WebChat.StartAsync(desk, output);
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(chat.PageUrl(NewUserId(), "Ana"));

        await page.WaitForBotMessageAsync(Greeting());
        var receipt = await ReportAsync(page, Problem, Words.English);

        Assert.Contains("Ana", receipt);
        Assert.DoesNotContain(Problem, await page.BotMessagesAsync());
        var reference = Words.English.Receipt.Match(receipt).Groups[1].Value;
        // agent2 works every queue, so the query is visible wherever the classifier routed it.
        using var agent = await desk.SignInAsync("agent2");
        var response = await agent.GetAsync($"/api/queries/{reference}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = await response.JsonAsync();
        Assert.Equal(Problem, query.Str("text"));
        Assert.Equal("chat", query.Str("channel"));
    }

    [Fact]
    public async Task UserAsksForAPerson_AnAgentTakesTheChatInTheConsole_TheyTalk_AndTheBotStaysQuietUntilHandedBack()
    {
        await using var chat = await WebChat.StartAsync(desk, output);
        await using var browser = await Chromium.RentAsync();
        var name = "Ana " + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.NewPageAsync();
        await page.GotoAsync(chat.PageUrl(NewUserId(), name));
        var console = await ConsoleAsync(browser);

        await page.WaitForBotMessageAsync(Greeting());
        // Vaguer than Problem: today the desk offers articles, then asks which type it is.
        var receipt = await ReportAsync(page, "The VPN keeps disconnecting", Words.English);
        var reference = Words.English.Receipt.Match(receipt).Groups[1].Value;
        var row = console.Locator("#live-queue [data-conversation-id]", new() { HasText = reference });
        Assert.Equal(0, await row.CountAsync());
        await page.SendAsync("Can I talk to a person please?");
        await page.WaitForBotMessageAsync(new Regex($"^I'm getting a person for you\\. Your reference is {reference}\\b"));

        // Pushed to the console, which was open before the user asked.
        await row.WaitForAsync();
        Assert.Equal("waiting", await row.GetAttributeAsync("data-state"));
        await row.Locator("button[data-action='take']").ClickAsync();
        await console.Locator("#chat-heading", new() { HasText = $"Live with {name}" }).WaitForAsync();
        await page.WaitForBotMessageAsync(new Regex(@"^Bo Li from the service desk has joined the conversation\.$"));

        await console.FillAsync("#chat-composer textarea", "Hello, I'm Bo. Which VPN client version do you have?");
        await console.ClickAsync("#chat-send");
        await page.WaitForBotMessageAsync(new Regex(@"^Hello, I'm Bo\. Which VPN client version do you have\?$"));
        var heldSoFar = await page.BotMessagesAsync();

        await page.SendAsync("Version 5.2, on Windows 11");
        await console.Locator("#chat-log .chat-message[data-kind='message_in']", new() { HasText = "Version 5.2, on Windows 11" })
            .WaitForAsync();
        await console.ClickAsync("#chat button[data-action='release']");
        var back = await page.WaitForBotMessageAsync(new Regex($"^You're back with the desk's assistant\\. {reference} stays open"));

        // One conversation's messages reach Web Chat in the order the desk wrote them, and the answer was on the query
        // before the hand-back: a bot reply to it would show before the notice.
        Assert.Equal([.. heldSoFar, back], await page.BotMessagesAsync());
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.SendAsync("Thank you");
        await page.WaitForBotMessageAsync(new Regex($"^You're welcome! {reference} stays open"));
    }

    [Fact]
    public async Task ChineseUser_IsAnsweredInChinese_AndAsksForAPersonWithRenGong()
    {
        await using var chat = await WebChat.StartAsync(desk, output);
        await using var browser = await Chromium.RentAsync();
        var name = "李娜 " + Guid.NewGuid().ToString("N")[..8];
        var page = await browser.NewPageAsync();
        await page.GotoAsync(chat.PageUrl(NewUserId(), name, "zh-CN"));
        var console = await ConsoleAsync(browser);

        // offline-directline's conversationUpdate carries no locale, so the greeting may be in either language.
        await page.WaitForBotMessageAsync(AnyGreeting());
        var receipt = await ReportAsync(page, "我的笔记本电脑从今天早上开始连不上VPN，显示错误809", Words.Chinese);
        var reference = Words.Chinese.Receipt.Match(receipt).Groups[1].Value;
        await page.SendAsync("人工");
        await page.WaitForBotMessageAsync(new Regex($"^正在为您转接人工服务。您的编号是 {reference}"));

        var row = console.Locator("#live-queue [data-conversation-id]", new() { HasText = reference });
        await row.WaitForAsync();
        Assert.Equal("中文", await row.Locator(".live-language").InnerTextAsync());
        await row.Locator("button[data-action='take']").ClickAsync();
        await page.WaitForBotMessageAsync(new Regex("^服务台的 Bo Li 已加入对话。$"));
    }

    [Fact]
    public async Task AfterResolution_TheSurveyIsAnsweredWithOneTap_AndLandsOnTheQuerysTimeline()
    {
        await using var chat = await WebChat.StartAsync(desk, output);
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(chat.PageUrl(NewUserId(), "Ana"));
        await page.WaitForBotMessageAsync(Greeting());
        var reference = Words.English.Receipt.Match(await ReportAsync(page, Problem, Words.English)).Groups[1].Value;
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = status == "resolved" ? "renewed the VPN certificate" : null }))
                .EnsureSuccessStatusCode();

        // The survey goes out after its delay: the test's clock moves on and the sender runs, as its Hangfire job would.
        desk.Clock.Advance(TimeSpan.FromHours(2));
        await desk.Services.GetRequiredService<SurveySender>().RunDueAsync(CancellationToken.None);
        await page.WaitForBotMessageAsync(new Regex($@"(How satisfied are you with how we handled|How easy was it to get) {reference}"));
        var scores = await page.SuggestedActionsAsync();
        Assert.Contains("5", scores);
        await page.ClickSuggestedActionAsync(scores.Contains("7") ? "7" : "5");
        await page.WaitForBotMessageAsync(new Regex(@"^Thank you! Is there anything you'd like to tell us\?"));

        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.Str("kind") == "survey_answered");
    }

    /// <summary>
    /// The user reports <paramref name="problem"/>, is offered articles, says they still need help, picks a type if
    /// asked, and gets the receipt, which is returned.
    /// </summary>
    static async Task<string> ReportAsync(IPage page, string problem, Words words)
    {
        await page.SendAsync(problem);
        await page.WaitForBotMessageAsync(words.Articles);
        var offered = await page.SuggestedActionsAsync();
        Assert.Contains(words.StillNeedHelp, offered);
        Assert.Contains(words.Person, offered);
        await page.ClickSuggestedActionAsync(words.StillNeedHelp);

        var answer = await page.WaitForBotMessageAsync(words.AskedTypeOrReceipt);
        if (words.Receipt.IsMatch(answer))
            return answer;
        var types = await page.SuggestedActionsAsync();
        await page.ClickSuggestedActionAsync(types.Contains(words.NotWorking) ? words.NotWorking : words.SomethingElse);
        return await page.WaitForBotMessageAsync(words.Receipt);
    }

    /// <summary>agent2 (who works every queue) signed in to the console, in a browser context apart from the user's page.</summary>
    async Task<IPage> ConsoleAsync(Chromium.RentedBrowser browser)
    {
        // The browser closes the context when it is disposed.
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent2", "agent2-pass-1");
        return page;
    }

    static string NewUserId() => "u-" + Guid.NewGuid().ToString("N");

    /// <summary>What the bot says and offers along a report, in one language (Desk.Bot's BotSays and QueryWords).</summary>
    sealed record Words(Regex Articles, string StillNeedHelp, string Person, Regex AskedTypeOrReceipt, Regex Receipt,
        string NotWorking, string SomethingElse)
    {
        public static readonly Words English = new(
            new Regex("^These articles may solve it"), "I still need help", "Talk to a person",
            new Regex(@"Which is closest\?|Your reference is [A-Z]{3}-\d{4}"), new Regex(@"Your reference is ([A-Z]{3}-\d{4})"),
            "Something isn't working", "Something else");

        public static readonly Words Chinese = new(
            new Regex("^这些文章也许能马上解决"), "仍需帮助", "转人工",
            new Regex(@"下面哪一项最接近|您的编号是 [A-Z]{3}-\d{4}"), new Regex(@"您的编号是 ([A-Z]{3}-\d{4})"),
            "有东西坏了", "其他");
    }

    [GeneratedRegex(@"^Hello!.*assistant", RegexOptions.Singleline)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(Hello!.*assistant|您好.*服务台助手)", RegexOptions.Singleline)]
    private static partial Regex AnyGreeting();
}
