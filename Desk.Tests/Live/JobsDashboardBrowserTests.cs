using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Desk.Tests.Live;

/// <summary>
/// Hangfire's dashboard in headless Debian chromium: it renders and runs under its Content-Security-Policy (no inline
/// script or style it needs is refused), its stats poll and an admin's action pass the desk's origin and token checks.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class JobsDashboardBrowserTests(LiveDesk desk)
{
    [Fact]
    public async Task Admin_SeesTheRecurringJobs_AndTriggersOne_WithNothingRefused()
    {
        await using var browser = await Chromium.RentAsync();
        var (page, watched) = await OpenRecurringJobsAsync(browser, "admin");

        // The stylesheet applied (the page is laid out by it, not by the browser's defaults).
        Assert.Equal("fixed", await page.EvalOnSelectorAsync<string>(".navbar", "e => getComputedStyle(e).position"));
        await page.Locator("input.js-jobs-list-checkbox[value='deadline-sweep']").CheckAsync();
        var triggered = page.WaitForResponseAsync(r => r.Url.EndsWith("/jobs/recurring/trigger", StringComparison.Ordinal));
        await page.Locator("button[data-url='/jobs/recurring/trigger']").ClickAsync();

        Assert.Equal(204, (await triggered).Status);
        await page.WaitForLoadStateAsync(); // the dashboard reloads the list after an action
        watched.AssertNothingRefused();
    }

    [Fact]
    public async Task Supervisor_SeesTheDashboard_WithoutActions()
    {
        await using var browser = await Chromium.RentAsync();
        var (page, watched) = await OpenRecurringJobsAsync(browser, "supervisor");

        await page.Locator("td", new() { HasText = "classifier-retrain" }).First.WaitForAsync();

        Assert.Equal(0, await page.Locator("button[data-url='/jobs/recurring/trigger']").CountAsync());
        watched.AssertNothingRefused();
    }

    /// <summary>Signs in through the console, then opens the recurring jobs and waits for the dashboard's stats poll.</summary>
    async Task<(IPage Page, Watched Watched)> OpenRecurringJobsAsync(Chromium.RentedBrowser browser, string username)
    {
        var page = await browser.NewPageAsync();
        await Chromium.SignInAsync(page, desk, username, $"{username}-pass-1");
        var watched = new Watched(page); // from here: the console asks who is signed in before, and is told 401
        await page.GotoAsync(new Uri(desk.BaseAddress, "/jobs/recurring").ToString());
        await page.WaitForResponseAsync(r => r.Url.EndsWith("/jobs/stats", StringComparison.Ordinal));
        return (page, watched);
    }

    /// <summary>What the page reports as wrong (errors, refused loads, policy violations), and the status of each POST.</summary>
    sealed class Watched
    {
        readonly ConcurrentQueue<string> problems = new();
        readonly ConcurrentDictionary<string, int> posts = new();

        public Watched(IPage page)
        {
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                    problems.Enqueue($"{message.Type}: {message.Text}");
            };
            page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
            page.Response += (_, response) =>
            {
                if (response.Request.Method == "POST")
                    posts[new Uri(response.Url).AbsolutePath] = response.Status;
                else if (response.Status >= 400)
                    problems.Enqueue($"{response.Status}: {response.Url}");
            };
        }

        public void AssertNothingRefused()
        {
            Assert.True(problems.IsEmpty, string.Join("\n", problems));
            Assert.All(posts, post => Assert.True(post.Value < 400, $"{post.Key}: {post.Value}"));
        }
    }
}
