using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The query pane's workbench in headless chromium against the live desk: reassign, priority and reclassify from the
/// UI (checked through the API), an override of the priority matrix (refused without a justification, made and logged
/// with one, then reviewed), a hold on the SLA clocks (an override of sla.policy) and its lift, the SLA clocks, and a moment of truth recorded by hand reaching the team screen.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class ConsoleCaseworkBrowserTests(LiveDesk desk)
{
    static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];

    [Fact]
    public async Task ReassignPriorityAndReclassify_FromTheQueryPane_ChangeTheQuery()
    {
        await using var session = await OpenAsync("The docking station stopped charging my laptop");
        var (page, reference, api) = (session.Page, session.Reference, session.Api);

        await page.Locator("#reassign-select option[value='agent']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#reassign-select", "agent");
        await page.ClickAsync("#reassign");
        await Entry(page, "assignee_changed").WaitForAsync();
        Assert.Equal("agent", (await QueryAsync(api, reference)).Str("assignee"));

        var matrix = (await QueryAsync(api, reference)).Str("priority");
        var nextTo = Priorities[Array.IndexOf(Priorities, matrix) is var i && i == 3 ? 2 : i + 1];
        await page.SelectOptionAsync("#priority-select", nextTo);
        await page.ClickAsync("#change-priority");
        await Entry(page, "priority_changed").WaitForAsync();
        Assert.Equal(nextTo, (await QueryAsync(api, reference)).Str("priority"));

        // Without a reason the pane does not send it; with one, the type changes and an agent decided it.
        await page.SelectOptionAsync("#type-select", "service_request");
        await page.ClickAsync("#reclassify");
        await page.Locator("#detail-error").Filter(new() { HasTextRegex = new Regex(".+") }).WaitForAsync();
        Assert.NotEqual("service_request", (await QueryAsync(api, reference)).Str("type"));
        await page.FillAsync("#reclassify-reason", "They want a new docking station, nothing is broken");
        await page.ClickAsync("#reclassify");
        await Entry(page, "type_changed").WaitForAsync();
        var changed = await QueryAsync(api, reference);
        Assert.Equal(("service_request", "agent"), (changed.Str("type"), changed.Str("decidedBy")));
        Assert.Contains("nothing is broken", (await Entry(page, "type_changed").InnerTextAsync()));
    }

    [Fact]
    public async Task APriorityOutsideTheMatrix_IsRefusedWithoutAJustification_MadeAndLoggedWithOne_ThenReviewed()
    {
        await using var session = await OpenAsync("Excel crashes when I open the budget sheet");
        var (page, reference, api) = (session.Page, session.Reference, session.Api);
        var matrix = (await QueryAsync(api, reference)).Str("priority");
        var far = Array.IndexOf(Priorities, matrix) >= 2 ? "P1" : "P4";

        await page.SelectOptionAsync("#priority-select", far);
        await page.ClickAsync("#change-priority");
        var form = page.Locator("#override-form");
        await form.WaitForAsync();
        Assert.Contains("priority.matrix", await page.Locator("#override-rule").InnerTextAsync());
        await page.ClickAsync("#override-send");
        await page.Locator("#override-error").Filter(new() { HasTextRegex = new Regex(".+") }).WaitForAsync();
        Assert.Equal(matrix, (await QueryAsync(api, reference)).Str("priority"));
        using var supervisor = await desk.SignInAsync("supervisor");
        Assert.DoesNotContain(await OverridesAsync(supervisor), o => o.Str("reference") == reference);

        const string Why = "The finance director presents this sheet to the board at nine.";
        await page.FillAsync("#override-justification", Why);
        await page.ClickAsync("#override-send");
        await Entry(page, "rule_overridden").WaitForAsync();
        Assert.Equal(far, (await QueryAsync(api, reference)).Str("priority"));
        var logged = Assert.Single(await OverridesAsync(supervisor), o => o.Str("reference") == reference);
        Assert.Equal(("priority.matrix", "agent2", Why), (logged.Str("rule"), logged.Str("actor"), logged.Str("justification")));

        // The supervisor reviews it on the team screen.
        var review = await session.Browser.NewPageAsync();
        await Chromium.SignInAsync(review, desk, "supervisor", "supervisor-pass-1");
        await review.ClickAsync("#team-overrides");
        var line = review.Locator($"#team-overrides li[data-override='{logged.GetProperty("id").GetInt64()}']");
        await line.WaitForAsync();
        Assert.Contains(Why, await line.InnerTextAsync());
        await line.Locator("button[data-decision='accept']").ClickAsync();
        await line.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var reviewed = Assert.Single(await OverridesAsync(supervisor, reviewed: true), o => o.Str("reference") == reference);
        Assert.Equal("accept", reviewed.GetProperty("review").Str("decision"));
    }

    [Fact]
    public async Task HoldingTheSlaClocks_FromTheQueryPane_TakesAJustification_PausesThem_AndTheHoldIsLifted()
    {
        await using var session = await OpenAsync("The vendor has my laptop for a new keyboard");
        var (page, reference, api) = (session.Page, session.Reference, session.Api);
        var resolution = page.Locator("#workbench-pane [data-clock='resolution']");

        await page.Locator("#sla-hold").Filter(new() { HasText = "Hold SLA" }).ClickAsync();
        await page.Locator("#override-form").WaitForAsync();
        Assert.Contains("sla.policy", await page.Locator("#override-rule").InnerTextAsync());
        Assert.False((await QueryAsync(api, reference)).GetProperty("slaPaused").GetBoolean());

        const string Why = "The vendor holds the laptop; the query stays in progress until it is back.";
        await page.FillAsync("#override-justification", Why);
        await page.ClickAsync("#override-send");
        await Entry(page, "sla_held").WaitForAsync();
        await page.Locator("#sla-hold").Filter(new() { HasText = "Lift hold" }).WaitForAsync();
        await page.Locator("#workbench-pane [data-clock='resolution'][data-state='paused']").WaitForAsync();
        Assert.True((await QueryAsync(api, reference)).GetProperty("slaPaused").GetBoolean());
        using var supervisor = await desk.SignInAsync("supervisor");
        var logged = Assert.Single(await OverridesAsync(supervisor), o => o.Str("reference") == reference);
        Assert.Equal(("sla.policy", Why), (logged.Str("rule"), logged.Str("justification")));

        // Lifting needs no justification.
        await page.Locator("#sla-hold").Filter(new() { HasText = "Lift hold" }).ClickAsync();
        await Entry(page, "sla_hold_lifted").WaitForAsync();
        await page.Locator("#sla-hold").Filter(new() { HasText = "Hold SLA" }).WaitForAsync();
        Assert.True(await page.Locator("#override-form").IsHiddenAsync());
        Assert.Equal("running", await resolution.GetAttributeAsync("data-state"));
        Assert.False((await QueryAsync(api, reference)).GetProperty("slaPaused").GetBoolean());
    }

    [Fact]
    public async Task TheSlaClocks_ShowTheTimeRemaining_CountedFromTheDesksTime()
    {
        await using var session = await OpenAsync("My second monitor flickers all afternoon");
        var (page, reference, api) = (session.Page, session.Reference, session.Api);
        var query = await QueryAsync(api, reference);

        var resolution = page.Locator("#workbench-pane [data-clock='resolution']");
        await resolution.Filter(new() { HasTextRegex = new Regex(@"\d+:\d\d:\d\d") }).WaitForAsync();
        Assert.Equal("running", await resolution.GetAttributeAsync("data-state"));
        var shown = Left(await resolution.InnerTextAsync());
        var remaining = query.GetProperty("resolutionDue").GetDateTimeOffset() - query.GetProperty("asOf").GetDateTimeOffset();
        // The desk's clock stands still in tests while the browser's runs: what is shown is at most what was left, never from the browser's own date.
        Assert.InRange(shown, remaining - TimeSpan.FromMinutes(30), remaining + TimeSpan.FromSeconds(1));
        Assert.Equal("running", await page.Locator("#workbench-pane [data-clock='first_response']").GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task AMomentRecordedByHand_IsListedOnTheQuery_Recovered_AndShownInTheTeamView()
    {
        await using var session = await OpenAsync("The headset I was sent has no microphone");
        var (page, reference) = (session.Page, session.Reference);
        const string Note = "Kept on hold twice before anyone listened";

        await page.SelectOptionAsync("#moment-polarity", "negative");
        await page.FillAsync("#moment-note", Note);
        await page.ClickAsync("#record-moment");
        var moment = page.Locator("#moments-list li[data-polarity='negative']").Filter(new() { HasText = Note });
        await moment.WaitForAsync();
        Assert.Equal("open", await moment.GetAttributeAsync("data-recovery"));

        await page.ClickAsync("#team-moments");
        var listed = page.Locator("#team-moments li").Filter(new() { HasText = reference }).Filter(new() { HasText = Note });
        await listed.WaitForAsync();
        await page.ClickAsync("#team-close");

        await moment.Locator("input.recovery-note").FillAsync("Called back the same hour and sent a new headset");
        await moment.Locator("button.mark-recovered").ClickAsync();
        await page.Locator("#moments-list li[data-recovery='recovered']").Filter(new() { HasText = Note }).WaitForAsync();
        var moments = await (await session.Api.GetAsync($"/api/queries/{reference}/moments")).JsonAsync();
        var recorded = Assert.Single(moments.GetProperty("moments").EnumerateArray(), m => m.GetProperty("note").GetString() == Note);
        Assert.Equal(("negative", "recovered", "agent2"), (recorded.Str("polarity"), recorded.GetProperty("recovery").Str("state"),
            recorded.GetProperty("recovery").Str("recoveredBy")));
    }

    [Fact]
    public async Task AChange_AfterTheAgentsOwnNoteAndReply_AndTheUsersAnswerShownInThePane_IsMade()
    {
        using var channel = await desk.ChannelAsync();
        await using var session = await OpenAsync("The projector in room 4 shows no picture", channel);
        var (page, reference, api) = (session.Page, session.Reference, session.Api);

        // Each of these writes moves the query's version on, after the pane read it.
        await page.FillAsync("#message-text", "Checked the HDMI cable: it is fine.");
        await page.ClickAsync("#add-note");
        await Entry(page, "note").WaitForAsync();
        await page.FillAsync("#message-text", "Could you try the projector with another laptop?");
        await page.ClickAsync("#send-reply");
        await Entry(page, "message_out").WaitForAsync();
        var answer = await channel.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Same with another laptop." });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        await Entry(page, "message_in").WaitForAsync();

        await page.Locator("#reassign-select option[value='agent']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#reassign-select", "agent");
        await page.ClickAsync("#reassign");

        // The reply made the query agent2's (its first answer); the reassignment is the second change of assignee.
        await Assertions.Expect(Entry(page, "assignee_changed")).ToHaveCountAsync(2);
        Assert.Equal("agent", (await QueryAsync(api, reference)).Str("assignee"));
        Assert.Equal("", await page.Locator("#detail-error").InnerTextAsync());
    }

    /// <summary>agent2 (who works every queue) with a new query open in the pane, submitted by <paramref name="channel"/> or a new intake key.</summary>
    [Fact]
    public async Task ANewQuery_OffersOnlyTheStatusesItCanMoveTo_AndItsTimelineNamesTheContact()
    {
        await using var session = await OpenAsync("The scanner on the second floor saves blank pages");
        var page = session.Page;

        Assert.True(await page.Locator("#status-select option[value='waiting_for_user']").IsDisabledAsync());
        Assert.True(await page.Locator("#status-select option[value='closed']").IsDisabledAsync());
        Assert.False(await page.Locator("#status-select option[value='open']").IsDisabledAsync());
        // Filed by the channel's API key on the user's behalf: the user, not "key:…", is named.
        await Assertions.Expect(Entry(page, "created").Locator(".timeline-actor")).ToHaveTextAsync("Test User");
    }

    async Task<Session> OpenAsync(string text, HttpClient? channel = null)
    {
        var browser = await Chromium.RentAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(page, desk, "agent2", "agent2-pass-1");
        using var ownChannel = channel is null ? await desk.ChannelAsync() : null;
        channel ??= ownChannel!;
        var reference = (await channel.SubmitAsync(Requests.Query(text))).Str("reference");
        var row = page.Locator($"#queries tr[data-reference='{reference}']");
        await row.WaitForAsync();
        await row.ClickAsync();
        await Entry(page, "created").WaitForAsync();
        return new Session(browser, page, reference, await desk.SignInAsync("agent2"));
    }

    static ILocator Entry(IPage page, string kind) => page.Locator($"#timeline .timeline-entry[data-kind='{kind}']");

    static async Task<JsonElement> QueryAsync(HttpClient api, string reference) =>
        await (await api.GetAsync($"/api/queries/{reference}")).JsonAsync();

    static async Task<List<JsonElement>> OverridesAsync(HttpClient supervisor, bool reviewed = false) =>
        (await (await supervisor.GetAsync($"/api/overrides?reviewed={(reviewed ? "true" : "false")}&limit=200")).JsonAsync()).EnumerateArray().ToList();

    /// <summary>"1 d 3:04:05 left" or "3:04:05 left" as a span.</summary>
    static TimeSpan Left(string text)
    {
        var match = Regex.Match(text, @"(?:(\d+) d )?(\d+):(\d\d):(\d\d)");
        Assert.True(match.Success, text);
        int Part(int i) => match.Groups[i].Success ? int.Parse(match.Groups[i].Value) : 0;
        return new TimeSpan(Part(1), Part(2), Part(3), Part(4));
    }

    sealed record Session(Chromium.RentedBrowser Browser, IPage Page, string Reference, HttpClient Api) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Browser.DisposeAsync();
        }
    }
}
