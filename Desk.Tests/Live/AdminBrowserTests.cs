using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The admin page at /admin in headless Debian chromium: what is done there holds at the API.</summary>
[Collection(LiveCollection.Name)]
public sealed partial class AdminBrowserTests(LiveDesk desk)
{
    const string GoodPassword = "blue harbour lantern 7";

    [Fact]
    public async Task StaffAddedInThePage_SignsIn_UntilDisabledThere_AndARefusalKeepsWhatWasTyped()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPageAsync(browser, "admin");
        var username = $"pat{Guid.NewGuid():n}"[..16];

        await page.FillAsync("#new-username", username);
        await page.FillAsync("#new-display-name", "Pat Admin-Test");
        await page.SelectOptionAsync("#new-role", "supervisor");
        await page.FillAsync("#new-password", "short");
        await page.ClickAsync("#staff-create button[type='submit']");
        await page.WaitForSelectorAsync("#new-password-error:not(:empty)");

        Assert.Contains("12", await page.InnerTextAsync("#new-password-error"));
        Assert.Equal("true", await page.GetAttributeAsync("#new-password", "aria-invalid"));
        Assert.Equal(username, await page.InputValueAsync("#new-username"));
        Assert.Equal("Pat Admin-Test", await page.InputValueAsync("#new-display-name"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(username, GoodPassword));

        await page.FillAsync("#new-password", GoodPassword);
        await page.ClickAsync("#staff-create button[type='submit']");
        var row = $"#staff-rows tr[data-username='{username}']";
        await page.WaitForSelectorAsync($"{row}[data-disabled='false']");
        Assert.Equal("", await page.InputValueAsync("#new-username"));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(username, GoodPassword));

        // Disabling is asked first (their open queries go back, which enabling does not undo); dismissed, nothing changes.
        var (asked, accept) = (new List<string>(), false);
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await page.ClickAsync($"{row} button[data-action='disable']");
        Assert.Equal("false", await page.GetAttributeAsync(row, "data-disabled"));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(username, GoodPassword));
        accept = true;
        await page.ClickAsync($"{row} button[data-action='disable']");
        await page.WaitForSelectorAsync($"{row}[data-disabled='true']");
        Assert.NotEqual(HttpStatusCode.OK, await SignInStatusAsync(username, GoodPassword));
        Assert.Equal(2, asked.Count);
        Assert.StartsWith($"Disable {username}? Their sessions end at once", asked[0]);

        await page.ClickAsync($"{row} button[data-action='enable']");
        await page.WaitForSelectorAsync($"{row}[data-disabled='false']");
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(username, GoodPassword));
    }

    [Fact]
    public async Task LostSession_HidesThePage_AndSigningInAgainFindsWhatWasTyped()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPageAsync(browser, "admin");
        await page.FillAsync("#new-username", "kept-name");
        await page.FillAsync("#new-display-name", "Kept Name");

        await page.Context.ClearCookiesAsync(); // as an expired session
        await page.ClickAsync("#staff-create button[type='submit']");
        await page.WaitForSelectorAsync("#sign-in-view:not([hidden])");
        Assert.True(await page.Locator("#admin").IsHiddenAsync());

        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", "admin-pass-1");
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#admin:not([hidden])");
        Assert.Equal(("kept-name", "Kept Name"), (await page.InputValueAsync("#new-username"), await page.InputValueAsync("#new-display-name")));
    }

    [Fact]
    public async Task StaffChangedInThePage_HasTheNewRoleAndPassword_AndTheDesksRefusalIsShown()
    {
        var username = $"lee{Guid.NewGuid():n}"[..16];
        using (var api = await desk.SignInAsync("admin"))
            (await api.PostAsJsonAsync("/api/admin/staff", new { username, displayName = "Lee", role = "agent", password = GoodPassword }))
                .EnsureSuccessStatusCode();
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPageAsync(browser, "admin");

        // An admin may not demote themselves: the desk's detail stands by the form, and the form keeps its choice.
        await page.ClickAsync("#staff-rows tr[data-username='admin'] button:text-is('Change')");
        await page.SelectOptionAsync("#edit-role", "agent");
        await page.ClickAsync("#staff-edit button[type='submit']");
        await page.WaitForSelectorAsync("#staff-edit .form-error:not(:empty)");
        Assert.Contains("cannot disable or demote", await page.InnerTextAsync("#staff-edit .form-error"));
        Assert.Equal("agent", await page.InputValueAsync("#edit-role"));
        await page.ClickAsync("#staff-edit-cancel");

        await page.ClickAsync($"#staff-rows tr[data-username='{username}'] button:text-is('Change')");
        await page.FillAsync("#edit-display-name", "Lee Supervisor");
        await page.SelectOptionAsync("#edit-role", "supervisor");
        await page.FillAsync("#edit-password", "green meadow teapot 42");
        await page.ClickAsync("#staff-edit button[type='submit']");
        await page.WaitForSelectorAsync("#staff-edit", new() { State = WaitForSelectorState.Hidden });

        using var admin = await desk.SignInAsync("admin");
        var account = (await admin.GetFromJsonAsync<List<Account>>("/api/admin/staff"))!.Single(a => a.Username == username);
        Assert.Equal(("supervisor", "Lee Supervisor"), (account.Role, account.DisplayName));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(username, GoodPassword));
        Assert.Equal(HttpStatusCode.OK, await SignInStatusAsync(username, "green meadow teapot 42"));
    }

    [Fact]
    public async Task KeyIssuedInThePage_IsShownOnce_Works_AndFailsAfterARevokeThere()
    {
        await using var browser = await Chromium.RentAsync();
        var page = await AdminPageAsync(browser, "admin");
        var name = $"reporting {Guid.NewGuid():n}"[..20];

        await page.FillAsync("#key-name", name);
        await page.ClickAsync("#key-issue button[type='submit']");
        await page.WaitForSelectorAsync("#key-scopes-error:not(:empty)");
        Assert.Equal(name, await page.InputValueAsync("#key-name"));

        await page.CheckAsync("#scope-queries-read");
        await page.ClickAsync("#key-issue button[type='submit']");
        await page.WaitForSelectorAsync("#issued:not([hidden])");
        var secret = await page.InputValueAsync("#issued-key");
        Assert.Contains("not shown again", await page.InnerTextAsync("#issued"));
        using var integration = desk.Anonymous();
        integration.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/queries?limit=1")).StatusCode);

        await page.ClickAsync("#issued-done");
        Assert.Equal("", await page.InputValueAsync("#issued-key"));
        // A second live key of that name is refused, and the form says why.
        await page.FillAsync("#key-name", name.ToUpperInvariant());
        await page.CheckAsync("#scope-queries-read");
        await page.ClickAsync("#key-issue button[type='submit']");
        await page.WaitForSelectorAsync("#key-issue .form-error:not(:empty)");
        Assert.Equal($"An API key called '{name.ToUpperInvariant()}' already exists; revoke it or choose another name.",
            await page.InnerTextAsync("#key-issue .form-error"));
        Assert.True(await page.Locator("#issued").IsHiddenAsync());
        var row = page.Locator("#keys-rows tr", new() { HasText = name });
        await row.Locator("button").ClickAsync();
        await page.Locator("#keys-rows tr[data-revoked='true']", new() { HasText = name }).WaitForAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/queries?limit=1")).StatusCode);
    }

    [Fact]
    public async Task AdminPage_SpeaksChinese_ShowsOnlyWhatTheRoleMayUse_AndTurnsAnAgentAway()
    {
        await using var browser = await Chromium.RentAsync();
        var admin = await AdminPageAsync(browser, "admin", "zh-CN");
        Assert.Equal("系统管理", await admin.InnerTextAsync("h1"));
        Assert.Equal("用户名", await admin.InnerTextAsync("label[for='new-username']"));
        Assert.Equal("签发密钥", await admin.InnerTextAsync("#key-issue-heading"));
        Assert.Equal("zh-CN", await admin.GetAttributeAsync("html", "lang"));

        Assert.Equal("导入 CSV", await admin.InnerTextAsync("#import-heading"));
        Assert.Equal("每页事件数", await admin.InnerTextAsync("label[for='audit-limit']"));

        var supervisor = await AdminPageAsync(browser, "supervisor");
        Assert.True(await supervisor.Locator("#staff-section").IsHiddenAsync());
        Assert.True(await supervisor.Locator("#keys-section").IsHiddenAsync());
        Assert.True(await supervisor.Locator("#classifier-section").IsVisibleAsync());
        Assert.Equal(0, await supervisor.Locator("button[data-action='activate']").CountAsync());

        var agent = await AdminPageAsync(browser, "agent", "zh-CN", loaded: "#refused:not([hidden])");
        Assert.Equal("此页面仅供主管和管理员使用。", await agent.InnerTextAsync("#refused"));
        Assert.True(await agent.Locator("#admin").IsHiddenAsync());
        // Nor is the board theirs: the page leads them back to the console only.
        Assert.True(await agent.Locator(".topbar a[href='/board']").IsHiddenAsync());
        Assert.True(await supervisor.Locator(".topbar a[href='/board']").IsVisibleAsync());
    }

    [Fact]
    public async Task ConsoleHeader_LinksAdminsAndSupervisorsToTheAdminPage_NotAgents()
    {
        await using var browser = await Chromium.RentAsync();
        var supervisor = await browser.NewPageAsync();
        await Chromium.SignInAsync(supervisor, desk, "supervisor", "supervisor-pass-1");
        Assert.EndsWith("/admin", await supervisor.GetAttributeAsync("#admin-link", "href"));
        Assert.True(await supervisor.Locator("#admin-link").IsVisibleAsync());

        var agent = await (await browser.NewContextAsync()).NewPageAsync();
        await Chromium.SignInAsync(agent, desk, "agent", "agent-pass-1");
        Assert.True(await agent.Locator("#admin-link").IsHiddenAsync());
    }

    Task<IPage> AdminPageAsync(Chromium.RentedBrowser browser, string username, string? locale = null, string? loaded = null) =>
        AdminPage.OpenAsync(browser, desk, username, locale, loaded);

    async Task<HttpStatusCode> SignInStatusAsync(string username, string password)
    {
        using var client = desk.Anonymous();
        return (await client.PostAsJsonAsync("/api/auth/sign-in", new { username, password })).StatusCode;
    }

    sealed record Account(string Username, string DisplayName, string Role, bool Disabled);
}
