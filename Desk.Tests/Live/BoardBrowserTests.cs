using System.Collections.Concurrent;
using System.Net.Http.Json;
using Desk.Api.Sla;
using Desk.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The supervisors' live board at /board in headless Debian chromium: it moves by push, never by reload.</summary>
[Collection(LiveCollection.Name)]
public sealed class BoardBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task SupervisorsBoard_ShowsABreach_AsItHappens_WithoutReload()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "supervisor");
        var problems = Watch(page); // from here: before signing in, the page asks who is signed in and is told 401
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
        await page.EvaluateAsync("() => { window.sameBoard = true; }");

        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(Requests.Query("The VPN gateway refuses every login since nine"));
        var (reference, queue) = (receipt.Str("reference"), receipt.Str("queue"));
        using var supervisor = await desk.SignInAsync("supervisor");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new
        {
            priority = "P1", reason = "the whole office is out",
            @override = new { rule = "priority.matrix", justification = "the whole office is out" },
        }))
            .EnsureSuccessStatusCode();
        await page.Locator($"#feed li[data-kind='query_created'][data-reference='{reference}']").WaitForAsync();
        var breached = $"#queues-rows tr[data-queue='{queue}'] td[data-count='breached']";
        var before = int.Parse(await page.Locator(breached).InnerTextAsync());

        // Past the P1 first response target (15 min): the timer pass records the breach, and the board hears of it.
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        await desk.Services.GetRequiredService<SlaTimers>().RunDueAsync(CancellationToken.None);

        await page.Locator($"#feed li[data-kind='sla_breached'][data-reference='{reference}']").WaitForAsync();
        await page.WaitForFunctionAsync("([cell, before]) => Number(document.querySelector(cell)?.textContent) > before",
            new object[] { breached, before });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameBoard === true"), "the board was reloaded");
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    [Fact]
    public async Task ARuleChangeProposedOnReview_ReachesTheBoardsImprovementRegister_WithoutReload()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "supervisor");
        var problems = Watch(page);
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
        await page.EvaluateAsync("() => { window.sameBoard = true; }");
        using var agent = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var id = await OverridesTests.OverrideMatrixAsync(agent, supervisor, "The CFO presents with it at nine.");
        const string ruleChanges = "#improvements-rows tr[data-status='new'] td[data-count='rule-changes']";
        const string all = "#improvements-rows tr[data-status='new'] td[data-count='all']";
        var before = (int.Parse(await page.Locator(ruleChanges).InnerTextAsync()), int.Parse(await page.Locator(all).InnerTextAsync()));

        (await supervisor.PostAsJsonAsync($"/api/overrides/{id}/review",
            new { decision = "propose_change", note = "Let a director's deadline raise urgency." })).EnsureSuccessStatusCode();

        var line = page.Locator("#feed li[data-kind='override_reviewed']").Filter(new() { HasText = "a change to rule priority.matrix proposed" });
        await line.First.WaitForAsync();
        await page.WaitForFunctionAsync("([cell, before]) => Number(document.querySelector(cell)?.textContent) > before",
            new object[] { ruleChanges, before.Item1 });
        Assert.True(int.Parse(await page.Locator(all).InnerTextAsync()) > before.Item2);
        Assert.Equal("Rule changes", await page.InnerTextAsync("#improvements-table thead th[data-words='improvementRuleChanges']"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameBoard === true"), "the board was reloaded");
        Assert.True(problems.IsEmpty, string.Join("\n", problems));
    }

    [Fact]
    public async Task Board_SpeaksChinese_ToAChineseBrowser_AndTurnsAnAgentAway()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "zh-CN" });

        await SignInAsync(page, "agent", loaded: false);

        Assert.Equal("实时看板", await page.InnerTextAsync("h1"));
        Assert.Equal("看板仅供主管和管理员使用。", await page.InnerTextAsync("#refused"));
        Assert.Equal("规则修改", await page.TextContentAsync("#improvements-table thead th[data-words='improvementRuleChanges']"));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task ABoardWhoseSessionEnds_GoesBackToSignIn_ThoughItNeverPolls()
    {
        var member = await desk.CreateStaffAsync(role: "supervisor");
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, member, password: StaffAccounts.Password);
        await page.WaitForSelectorAsync("#connection[data-state='connected']");
        using var admin = await desk.SignInAsync("admin");

        (await admin.PatchAsJsonAsync($"/api/admin/staff/{member}", new { disabled = true })).EnsureSuccessStatusCode();

        // The desk closes the board's link; the board asks who is signed in, hears 401, and leaves.
        await page.WaitForSelectorAsync("#sign-in-view:not([hidden])");
        Assert.True(await page.IsHiddenAsync("#board"));
    }

    [Fact]
    public async Task ABoardWithoutNetwork_SaysSoAtOnce_NotLive_AndIsLiveAgainWhenTheNetworkIsBack()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        await SignInAsync(page, "supervisor");
        var badge = page.Locator("#connection");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "connected");

        // The link has not noticed (it waits 30 s for a ping); the browser has, and so does the badge.
        await page.Context.SetOfflineAsync(true);
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "offline");
        await Assertions.Expect(badge).ToHaveTextAsync("No network");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(badge).ToHaveTextAsync("Live");
    }

    async Task SignInAsync(IPage page, string username, bool loaded = true, string? password = null)
    {
        await page.GotoAsync(new Uri(desk.BaseAddress, "/board").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password ?? $"{username}-pass-1");
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync(loaded ? "#board[data-loaded='true']" : "#refused:not([hidden])");
    }

    /// <summary>What the page reports as wrong: errors, refused loads (a policy violation among them), failed calls.</summary>
    static ConcurrentQueue<string> Watch(IPage page)
    {
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                problems.Enqueue($"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                problems.Enqueue($"{response.Status}: {response.Url}");
        };
        return problems;
    }
}
