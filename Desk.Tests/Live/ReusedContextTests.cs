using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>The browser tests share their contexts, cleared between tests: nothing one test leaves reaches the next.</summary>
[Collection(LiveCollection.Name)]
public sealed class ReusedContextTests(LiveDesk desk)
{
    [Fact]
    public async Task AClearedContext_KeepsNoSessionStorageNetworkOrPermissionFromTheTestBefore()
    {
        await using var browser = await Chromium.RentAsync();
        var context = await ReusedContext.CreateAsync(browser.Browser, "test", null);
        var origin = desk.BaseAddress.GetLeftPart(UriPartial.Authority);
        var before = await context.Context.NewPageAsync();
        await Chromium.SignInAsync(before, desk, "agent", "agent-pass-1");
        await before.EvaluateAsync("() => { localStorage.setItem('left-behind', 'yes'); }");
        await context.Context.GrantPermissionsAsync(["notifications"], new() { Origin = origin });
        await context.Context.SetOfflineAsync(true);

        Assert.True(await context.ClearAsync());

        Assert.True(before.IsClosed);
        var after = await context.Context.NewPageAsync();
        await after.GotoAsync(new Uri(desk.BaseAddress, "/console").ToString());
        await Assertions.Expect(after.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.Empty(await context.Context.CookiesAsync());
        Assert.Null(await after.EvaluateAsync<string?>("() => localStorage.getItem('left-behind')"));
        Assert.Equal("default", await after.EvaluateAsync<string>("() => Notification.permission"));
        Assert.True(await after.EvaluateAsync<bool>("() => navigator.onLine"));
    }
}
