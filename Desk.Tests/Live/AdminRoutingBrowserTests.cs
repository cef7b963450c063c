using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// The admin page's routing section in headless chromium: an agent's languages, load limit and queues set in the page as
/// the API then has them, a restricted queue refused to a supervisor, a queue an admin opens and gives back to
/// configuration, and an agent's open console following each change. Each test makes agents of its own on the shared live
/// desk, and gives back any queue it changed.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class AdminRoutingBrowserTests(LiveDesk desk)
{
    static string Row(string username) => $"#routing-agents-rows tr[data-username='{username}']";
    static string Queue(string queue) => $"#queue-access-rows tr[data-queue='{queue}']";

    [Fact]
    public async Task SupervisorSetsAnAgentsLanguagesLimitAndQueues_AndTheApiHasThem()
    {
        var member = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Row(member));
        Assert.Contains("every unrestricted queue", await page.InnerTextAsync($"{Row(member)} td[data-field='queues']"));
        // The queues are listed for a supervisor too, but only an admin restricts or opens one.
        Assert.Contains("restricted (from configuration)", await page.InnerTextAsync($"{Queue("information-security")} td[data-field='access']"));
        Assert.Contains(member, await page.InnerTextAsync($"{Queue("incident-management")} td[data-field='agents']"));
        Assert.Equal(0, await page.Locator("#queue-access-rows button").CountAsync());

        await page.ClickAsync($"{Row(member)} button[data-action='change']");
        Assert.True(await page.IsCheckedAsync("#routing-queue-incident-management"));
        await page.FillAsync("#routing-languages", "en, zh");
        await page.FillAsync("#routing-max-load", "3");
        await page.EvalOnSelectorAllAsync("#routing-queues input", "boxes => boxes.forEach(box => box.checked = false)");
        await page.CheckAsync("#routing-queue-service-requests");
        await page.CheckAsync("#routing-queue-change-enablement");
        await page.ClickAsync("#routing-edit button[type='submit']");
        await page.WaitForSelectorAsync($"{Row(member)} td[data-field='queues'][data-from='desk']");

        Assert.Equal($"{member}'s routing was saved.", await page.InnerTextAsync("#routing-status"));
        Assert.True(await page.IsHiddenAsync("#routing-edit"));
        var agent = await AgentAsync(member);
        Assert.Equal(["en", "zh"], agent.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(3, agent.GetProperty("maxLoad").GetInt32());
        Assert.Equal(["service-requests", "change-enablement"], agent.GetProperty("queues").EnumerateArray().Select(q => q.GetString()));

        // Back to configuration: the boxes say nothing then, and the desk decides again.
        await page.ClickAsync($"{Row(member)} button[data-action='change']");
        await page.CheckAsync("#routing-use-configuration");
        Assert.True(await page.IsDisabledAsync("#routing-queue-service-requests"));
        await page.ClickAsync("#routing-edit button[type='submit']");
        await page.WaitForSelectorAsync($"{Row(member)} td[data-field='queues'][data-from='default']");
        Assert.Contains("incident-management", (await AgentAsync(member)).GetProperty("queues").EnumerateArray().Select(q => q.GetString()));
    }

    [Fact]
    public async Task ASupervisorGivingARestrictedQueue_SeesTheDesksRefusal_AndBadLimitsTheirField()
    {
        var member = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", loaded: Row(member));
        await page.ClickAsync($"{Row(member)} button[data-action='change']");

        Assert.EndsWith("(restricted: an admin gives it)", await page.InnerTextAsync("label[for='routing-queue-information-security']"));
        Assert.DoesNotContain("restricted", await page.InnerTextAsync("label[for='routing-queue-incident-management']"));
        await page.CheckAsync("#routing-queue-information-security");
        await page.ClickAsync("#routing-edit button[type='submit']");
        await page.WaitForSelectorAsync("#routing-edit .form-error:not(:empty)");
        Assert.Contains("Only an admin can give an agent the restricted queue 'information-security'", await page.InnerTextAsync("#routing-edit .form-error"));
        Assert.DoesNotContain("information-security", (await AgentAsync(member)).GetProperty("queues").EnumerateArray().Select(q => q.GetString()));

        await page.UncheckAsync("#routing-queue-information-security");
        await page.FillAsync("#routing-max-load", "0");
        await page.ClickAsync("#routing-edit button[type='submit']");
        await page.WaitForSelectorAsync("#routing-max-load-error:not(:empty)");
        Assert.Contains("MaxLoad must be from 1 to 1000", await page.InnerTextAsync("#routing-max-load-error"));
        Assert.Equal(5, (await AgentAsync(member)).GetProperty("maxLoad").GetInt32());
    }

    [Fact]
    public async Task AnAgentsOpenConsole_FollowsTheQueuesAnAdminGivesThem_AndHearsTheNewQueueLive()
    {
        var member = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var console = await ConsoleWithoutTheSecurityQueueAsync(browser, member);

        var admin = await AdminPage.OpenAsync(browser, desk, "admin", loaded: Row(member));
        await admin.ClickAsync($"{Row(member)} button[data-action='change']");
        await admin.EvalOnSelectorAllAsync("#routing-queues input", "boxes => boxes.forEach(box => box.checked = false)");
        await admin.CheckAsync("#routing-queue-information-security");
        await admin.ClickAsync("#routing-edit button[type='submit']");
        await admin.WaitForSelectorAsync($"{Row(member)} td[data-field='queues'][data-from='desk']");

        // The desk closed the console's connection; it connected again and joined the queue it may see now.
        await console.WaitForSelectorAsync("#queues button[data-view='queue:information-security']");
        await Assertions.Expect(console.Locator("#queues button[data-view='queue:incident-management']")).ToHaveCountAsync(0);
        // The console says why its list changed.
        var said = await console.InnerTextAsync("#queues-changed");
        Assert.Contains("you now also work information security.", said);
        Assert.Matches("you no longer work [a-z ,]*incident management", said);
        await console.WaitForSelectorAsync("#connection[data-state='connected']");
        await console.ClickAsync("#queues button[data-view='queue:information-security']");
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await supervisor.SubmitAsync(Requests.Query("Someone tailgated into the server room behind me"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Physical security" })).EnsureSuccessStatusCode();
        await console.WaitForSelectorAsync($"#queries tr[data-reference='{reference}']");
    }

    [Fact]
    public async Task AnAdminOpensTheRestrictedQueue_AndAnAgentsOpenConsoleGainsIt_UntilItGoesBackToConfiguration()
    {
        var member = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var console = await ConsoleWithoutTheSecurityQueueAsync(browser, member);
        var admin = await AdminPage.OpenAsync(browser, desk, "admin", loaded: Row(member));
        try
        {
            await admin.ClickAsync($"{Queue("information-security")} button[data-action='open']");
            await admin.WaitForSelectorAsync($"{Queue("information-security")}[data-restricted='false'] td[data-from='desk']");

            Assert.Equal("The information security queue is now open to every agent.", await admin.InnerTextAsync("#routing-status"));
            Assert.Contains(member, await admin.InnerTextAsync($"{Queue("information-security")} td[data-field='agents']"));
            // The form no longer marks the queue as an admin's to give.
            await admin.ClickAsync($"{Row(member)} button[data-action='change']");
            Assert.DoesNotContain("restricted", await admin.InnerTextAsync("label[for='routing-queue-information-security']"));
            Assert.True(await admin.IsCheckedAsync("#routing-queue-information-security"));
            await admin.ClickAsync("#routing-cancel");
            // The desk closed the agent's connection; their console connected again and joined the queue.
            await console.WaitForSelectorAsync("#queues button[data-view='queue:information-security']");
            Assert.EndsWith("you now also work information security.", await console.InnerTextAsync("#queues-changed"));

            await admin.ClickAsync($"{Queue("information-security")} button[data-action='configuration']");
            await admin.WaitForSelectorAsync($"{Queue("information-security")}[data-restricted='true'] td[data-from='configuration']");
            Assert.DoesNotContain(member, await admin.InnerTextAsync($"{Queue("information-security")} td[data-field='agents']"));
            // The desk closes the connection without leave to reconnect: the console starts a new one after a few seconds.
            await Assertions.Expect(console.Locator("#queues button[data-view='queue:information-security']")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            await Assertions.Expect(console.Locator("#queues-changed")).ToContainTextAsync("you no longer work information security; their queries left your list.");
        }
        finally
        {
            using var api = await desk.SignInAsync("admin");
            (await api.DeleteAsync("/api/admin/queues/information-security/restriction")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task TheChinesePage_ShowsTheSectionInChinese()
    {
        var member = await desk.CreateStaffAsync();
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPage.OpenAsync(browser, desk, "supervisor", "zh-CN", loaded: Row(member));

        Assert.Equal("坐席与队列", await page.InnerTextAsync("#routing-heading"));
        Assert.Equal("信息安全", await page.InnerTextAsync($"{Queue("information-security")} th"));
        Assert.StartsWith("受限", await page.InnerTextAsync($"{Queue("information-security")} td[data-field='access']"));
        Assert.Contains("所有非受限队列", await page.InnerTextAsync($"{Row(member)} td[data-field='queues']"));
        await page.ClickAsync($"{Row(member)} button[data-action='change']");
        Assert.Equal("语言", await page.InnerTextAsync("label[for='routing-languages']"));
    }

    /// <summary>The agent's console, open on every unrestricted queue and so without information-security.</summary>
    async Task<IPage> ConsoleWithoutTheSecurityQueueAsync(Chromium.RentedBrowser browser, string member)
    {
        var console = await browser.NewPageAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 720 } });
        await Chromium.SignInAsync(console, desk, member, StaffAccounts.Password);
        await console.WaitForSelectorAsync("#queues button[data-view='queue:incident-management']");
        Assert.Equal(0, await console.Locator("#queues button[data-view='queue:information-security']").CountAsync());
        return console;
    }

    async Task<JsonElement> AgentAsync(string username)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        return (await supervisor.GetFromJsonAsync<JsonElement>("/api/routing/agents")).EnumerateArray().Single(a => a.Str("username") == username);
    }
}
