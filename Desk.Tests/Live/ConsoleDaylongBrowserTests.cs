using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The console used all day, in headless Debian chromium: shortcuts and their help, canned replies filled from the open
/// query, notice of a new assignment, every control named, and text from users and canned replies shown as text.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed partial class ConsoleDaylongBrowserTests(LiveDesk desk)
{
    // Headless chromium shows no notification: this stand-in records each one the page creates, and keeps the last
    // so that a test can click it.
    const string RecordNotifications = """
        (() => {
          const Real = window.Notification;
          window.__notes = [];
          class Recorded extends EventTarget {
            constructor(title, options) {
              super();
              window.__notes.push({ title, body: options?.body ?? '' });
              window.__lastNote = this;
            }
            close() {}
            static get permission() { return Real.permission; }
            static requestPermission() { return Real.requestPermission(); }
          }
          window.Notification = Recorded;
        })();
        """;

    async Task<string> SubmitAsync(string text, string contactName)
    {
        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(new
        {
            text,
            channel = "web",
            contact = new { channel = "email", address = $"{Guid.NewGuid():n}@example.org", displayName = contactName },
        });
        return receipt.Str("reference");
    }

    static async Task OpenAsync(IPage page, string reference)
    {
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#detail-heading")).ToHaveTextAsync(reference);
        await Assertions.Expect(page.Locator("#detail")).Not.ToHaveAttributeAsync("aria-busy", "true");
    }

    [Fact]
    public async Task QuestionMark_OpensTheShortcutHelp_ListingTheListKeysToo_AndEscapeClosesIt()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");

        await page.Locator("#queries-heading").ClickAsync();
        await page.Keyboard.PressAsync("?");

        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await Assertions.Expect(help.Locator("kbd", new() { HasTextString = "j" })).ToHaveCountAsync(1);
        await Assertions.Expect(help).ToContainTextAsync("Assign the open query to me");
        Assert.True(await help.EvaluateAsync<bool>("dialog => dialog.contains(document.activeElement)"), "Focus is not in the help.");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(help).ToBeHiddenAsync();
    }

    [Fact]
    public async Task R_FocusesTheReplyBoxOfTheOpenQuery_WhereLettersAndASlashStayText()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync("The projector in room 4.12 shows no picture", "Rhea Projector");

        await OpenAsync(page, reference);
        await page.Keyboard.PressAsync("r");

        await Assertions.Expect(page.Locator("#message-text")).ToBeFocusedAsync();
        // "/" first opens the canned replies; Escape closes only them and gives the box its "/".
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("#canned-picker")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#canned-picker")).ToBeHiddenAsync();
        await page.Keyboard.TypeAsync("ras");
        await Assertions.Expect(page.Locator("#message-text")).ToHaveValueAsync("/ras");
        await Assertions.Expect(page.Locator("#detail")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task N_ThenCtrlEnter_AddsAnInternalNote_AndEscapeFromTheListClosesThePane()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync("The meeting room screen in 3.08 stays blue", "Noor Notes");
        await OpenAsync(page, reference);

        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page.Locator("#message-text")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Checked the HDMI cable, it is fine.");
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(page.Locator("#timeline .timeline-entry[data-kind='note']")).ToContainTextAsync("Checked the HDMI cable");
        await Assertions.Expect(page.Locator("#timeline .timeline-entry[data-kind='message_out']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#message-text")).ToHaveValueAsync("");
        await page.Locator("#queries-heading").ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#detail")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SupervisorAssigningAQueryToTheAgent_ShowsADesktopNotification_ThatOpensIt_ButTheirOwnAssignmentDoesNot()
    {
        await using var browser = await Chromium.RentAsync();
        var context = await browser.NewContextAsync(new() { Locale = "en-GB" });
        await context.GrantPermissionsAsync(["notifications"], new() { Origin = desk.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await context.AddInitScriptAsync(RecordNotifications);
        var page = await context.NewPageAsync();
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var toggle = page.Locator("#notify-toggle");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        var own = await SubmitAsync("My monitor flickers when the laptop docks", "Own Assignment");
        var theirs = await SubmitAsync("The badge printer at reception is out of ribbon", "Given Assignment");

        await OpenAsync(page, own);
        await page.Locator("#assign-to-me").ClickAsync();
        await Assertions.Expect(page.Locator("#detail-facts")).ToContainTextAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{theirs}", new { assignee = "agent" })).EnsureSuccessStatusCode();

        await page.WaitForFunctionAsync("() => window.__notes.length > 0");
        var notes = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__notes)")).RootElement;
        Assert.Single(notes.EnumerateArray());
        Assert.Contains(theirs, notes[0].Str("title"));
        Assert.Contains("badge printer", notes[0].Str("body"));
        await Assertions.Expect(page.Locator("#announcer")).ToContainTextAsync(theirs);

        await page.EvaluateAsync("() => window.__lastNote.dispatchEvent(new Event('click'))");
        await Assertions.Expect(page.Locator("#detail-heading")).ToHaveTextAsync(theirs);
    }

    [Fact]
    public async Task ZhBrowser_SeesTheShortcutsCannedRepliesAndNotificationsInChinese()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync("打印机卡纸了", "王小明");
        await OpenAsync(page, reference);

        await Assertions.Expect(page.Locator("#notify-toggle")).ToHaveTextAsync("通知我");
        await Assertions.Expect(page.Locator("#message-form .canned-button")).ToHaveTextAsync("常用回复");
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("坐席");
        await page.Locator("#detail-heading").FocusAsync();
        await page.Keyboard.PressAsync("?");
        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "键盘快捷键" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await Assertions.Expect(help).ToContainTextAsync("把当前工单分配给我");
        await page.Keyboard.PressAsync("Escape");

        // A reply offered in one queue names that queue as the console names queues, not by its key.
        using var supervisor = await desk.SignInAsync("supervisor");
        var queue = (await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("queue");
        var title = $"队列回复 {Guid.NewGuid():n}"[..14];
        (await supervisor.PostAsJsonAsync("/api/canned-replies", new { title, body = "您好，我们正在处理。", language = "zh", queue })).EnsureSuccessStatusCode();
        await page.Locator("#message-form .canned-button").ClickAsync();
        var filter = page.GetByRole(AriaRole.Combobox, new() { Name = "筛选常用回复" });
        await Assertions.Expect(filter).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#canned-options").GetByRole(AriaRole.Option).First).ToContainTextAsync("中文");
        await filter.FillAsync(title);
        var tags = page.Locator("#canned-options .canned-tags");
        await Assertions.Expect(tags).ToHaveCountAsync(1);
        Assert.Matches(@"^中文 · [^A-Za-z]+$", await tags.InnerTextAsync());
    }

    [Fact]
    public async Task EveryControlOfTheSignedInConsole_HasAnAccessibleName()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync("The label printer prints every label twice", "Named Controls");
        await OpenAsync(page, reference);
        // The picker's controls too.
        await page.Locator("#message-form .canned-button").ClickAsync();
        await Assertions.Expect(page.Locator("#canned-options").GetByRole(AriaRole.Option).First).ToBeVisibleAsync();

        // Chromium's own accessibility tree: the name a screen reader would announce for each control.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var tree = (await cdp.SendAsync("Accessibility.getFullAXTree"))!.Value;
        string[] controls = ["button", "textbox", "combobox", "listbox", "checkbox", "searchbox", "spinbutton", "radio", "option", "switch", "slider", "link"];
        var checkedRoles = 0;
        var unnamed = new List<string>();
        foreach (var node in tree.GetProperty("nodes").EnumerateArray())
        {
            if (node.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean())
                continue;
            var role = node.TryGetProperty("role", out var r) ? r.GetProperty("value").GetString() : null;
            if (role is null || !controls.Contains(role))
                continue;
            checkedRoles++;
            var name = node.TryGetProperty("name", out var n) && n.TryGetProperty("value", out var v) ? v.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
                unnamed.Add($"{role} (backend node {node.GetProperty("backendDOMNodeId")})");
        }

        Assert.True(checkedRoles > 15, $"Only {checkedRoles} controls were found: the console did not render.");
        Assert.Empty(unnamed);
    }

    [Fact]
    public async Task MarkupInAQueryAndInACannedReply_StaysText_InTheListThePaneAndTheReplyBox()
    {
        const string Hostile = "<img src=x onerror=\"window.__pwned = 1\"><b>bold</b>";
        var title = $"Markup {Guid.NewGuid():n}"[..20];
        using (var agentApi = await desk.SignInAsync("agent"))
        {
            (await agentApi.PostAsJsonAsync("/api/canned-replies", new { title, body = $"{Hostile} for {{query.reference}}", language = "en" }))
                .EnsureSuccessStatusCode();
        }
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await Chromium.SignInAsync(page, desk, "agent", "agent-pass-1");
        var reference = await SubmitAsync($"{Hostile} the kiosk shows markup", "<img src=y onerror=\"window.__pwned = 2\">");
        await OpenAsync(page, reference);

        await page.Locator("#message-form .canned-button").ClickAsync();
        var filter = page.GetByRole(AriaRole.Combobox, new() { Name = "Filter canned replies" });
        await filter.FillAsync(title);
        await Assertions.Expect(page.Locator("#canned-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await filter.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#message-text")).ToHaveValueAsync($"{Hostile} for {reference}");
        await page.Locator("#send-reply").ClickAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync($"{Hostile} for {reference}");

        await Assertions.Expect(page.Locator("#detail-text")).ToContainTextAsync(Hostile);
        await Assertions.Expect(page.Locator($"#queries tr[data-reference='{reference}']")).ToContainTextAsync("<img");
        Assert.Equal(0, await page.Locator("#queries img, #detail img, #canned-picker img, #queries b, #detail b").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "Markup ran as HTML.");
    }
}
