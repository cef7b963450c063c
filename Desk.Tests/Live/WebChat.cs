using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Desk.Tests.Live;

/// <summary>
/// Runs Desk.Tests/js/webchat/server.mjs in front of the live desk: offline-directline (Direct Line for the page,
/// Bot Connector for the desk's replies) and a page rendering the real botframework-webchat.
/// </summary>
internal sealed class WebChat : IAsyncDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    readonly Process process;
    readonly ITestOutputHelper? log;
    readonly ConcurrentQueue<string> output = new();
    readonly TaskCompletionSource<int> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    WebChat(Process process, ITestOutputHelper? log)
    {
        this.process = process;
        this.log = log;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("server.mjs exited before listening."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Origin { get; private set; } = null!;

    /// <summary>What server.mjs printed so far (the desk's refusals among it), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>
    /// Starts the server with a fresh bot-scoped API key of <paramref name="desk"/> and waits until it listens. What the
    /// server prints (the desk's refusals among it) goes to <paramref name="log"/>, shown when a test fails.
    /// </summary>
    public static async Task<WebChat> StartAsync(LiveDesk desk, ITestOutputHelper? log = null)
    {
        var folder = Path.Combine(Repo.Root, "Desk.Tests", "js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "offline-directline"))
            || !Directory.Exists(Path.Combine(folder, "node_modules", "botframework-webchat")))
            throw new InvalidOperationException("Desk.Tests/js has no node_modules: run the README test command (it runs npm ci there).");
        // The desk takes a bot-scoped key in X-Api-Key while no Bot:MicrosoftAppId is set; server.mjs adds it.
        using var bot = await desk.WithApiKeyAsync("bot");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("webchat", "server.mjs"));
        start.ArgumentList.Add(desk.BaseAddress.ToString());
        start.Environment["DESK_BOT_KEY"] = bot.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Start();
        var chat = new WebChat(process, log);
        try
        {
            var port = await chat.listening.Task.WaitAsync(Patience);
            chat.Origin = new Uri($"http://127.0.0.1:{port}/");
            return chat;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await chat.DisposeAsync();
            throw new Xunit.Sdk.XunitException($"server.mjs did not start: {e.Message}{Environment.NewLine}{chat.Output}");
        }
    }

    /// <summary>The Web Chat page for one user; each page load is a new Direct Line conversation.</summary>
    public string PageUrl(string userId, string name, string locale = "en-US") =>
        new Uri(Origin, $"/?user={Uri.EscapeDataString(userId)}&name={Uri.EscapeDataString(name)}&locale={Uri.EscapeDataString(locale)}").ToString();

    void Read(string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        try
        {
            log?.WriteLine("server.mjs: " + line);
        }
        catch (InvalidOperationException)
        {
            // A line printed after the test ended has no test to go to.
        }
        if (line.StartsWith("listening ", StringComparison.Ordinal) && int.TryParse(line["listening ".Length..], out var port))
            listening.TrySetResult(port);
    }

    public ValueTask DisposeAsync() => NodeProcesses.StopAsync(process);
}

/// <summary>What a user does in the Web Chat page, with selectors read from botframework-webchat 4.18's DOM.</summary>
internal static class WebChatPage
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Every activity is an article of the transcript; the user's own bubbles carry --from-user, the bot's do not.
    const string BotBubbles = "article.webchat__basic-transcript__activity .webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content";
    const string SendBox = "[data-id='webchat-sendbox-input']";
    const string SuggestedActions = ".webchat__suggested-actions button.webchat__suggested-action";

    /// <summary>Types into the send box and presses Enter, as a user does.</summary>
    public static async Task SendAsync(this IPage page, string text)
    {
        var box = page.Locator(SendBox);
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    /// <summary>
    /// Waits until a bot message (the desk's bot or, through it, an agent) matching <paramref name="pattern"/> is in the
    /// transcript and returns the latest such message's text; a failure lists the bot messages that did arrive.
    /// </summary>
    public static async Task<string> WaitForBotMessageAsync(this IPage page, Regex pattern, TimeSpan? timeout = null)
    {
        var match = page.Locator(BotBubbles).Filter(new() { HasTextRegex = pattern }).Last;
        try
        {
            await match.WaitForAsync(new() { Timeout = (float)(timeout ?? Patience).TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            var seen = await page.BotMessagesAsync();
            throw new Xunit.Sdk.XunitException(
                $"No bot message matched /{pattern}/. Bot messages: [{string.Join(" | ", seen)}]");
        }
        return await match.InnerTextAsync();
    }

    /// <summary>The bot's messages in the transcript so far, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> BotMessagesAsync(this IPage page) =>
        await page.Locator(BotBubbles).AllInnerTextsAsync();

    /// <summary>Waits until suggested action buttons are shown above the send box and returns their texts.</summary>
    public static async Task<IReadOnlyList<string>> SuggestedActionsAsync(this IPage page)
    {
        var buttons = page.Locator(SuggestedActions);
        await buttons.First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        return (await buttons.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
    }

    /// <summary>Clicks the suggested action button (shown above the send box) whose text is <paramref name="text"/>.</summary>
    public static Task ClickSuggestedActionAsync(this IPage page, string text) =>
        page.Locator(SuggestedActions)
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") })
            .ClickAsync();

    /// <summary>The Direct Line conversation id the page was given (the desk sees it as conversation.id).</summary>
    public static async Task<string> ConversationIdAsync(this IPage page)
    {
        await page.WaitForFunctionAsync("() => !!window.directLine?.conversationId");
        return await page.EvaluateAsync<string>("() => window.directLine.conversationId");
    }
}
