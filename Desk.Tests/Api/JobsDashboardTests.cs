using System.Net;
using System.Text.RegularExpressions;
using Desk.Api.Sla;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Hangfire's dashboard at /jobs, behind the desk's sign-in: admins act, supervisors only look (who gets in at all is
/// in the role matrix). Its actions are posted with its antiforgery token and from the desk's own origin.
/// </summary>
public sealed partial class JobsDashboardTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Supervisor_SeesTheRecurringJobs_WithoutButtons_AndAnActionIsRefused()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var page = await (await supervisor.GetAsync("/jobs/recurring")).Content.ReadAsStringAsync();
        Assert.Contains(DeadlineSweepJob.Id, page);
        Assert.DoesNotContain("/jobs/recurring/trigger", page);
        var before = Enqueued();

        var response = await supervisor.SendAsync(Trigger(page));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, Enqueued());
    }

    [Fact]
    public async Task Admin_TriggersARecurringJob()
    {
        using var admin = await desk.SignInAsync("admin");
        var page = await (await admin.GetAsync("/jobs/recurring")).Content.ReadAsStringAsync();
        Assert.Contains("/jobs/recurring/trigger", page);
        var before = Enqueued();

        var response = await admin.SendAsync(Trigger(page));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(before + 1, Enqueued()); // this desk runs no job server: the sweep waits in the queue
    }

    [Fact]
    public async Task AnAdminsAction_WithoutTheDashboardsToken_IsRefused()
    {
        using var admin = await desk.SignInAsync("admin");
        var before = Enqueued();

        var response = await admin.SendAsync(Trigger(page: null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("reload it", (await response.JsonAsync()).Str("detail"));
        Assert.Equal(before, Enqueued());
    }

    [Fact]
    public async Task AnAdminsAction_FromAnotherOrigin_IsRefused()
    {
        using var admin = await desk.SignInAsync("admin");
        var page = await (await admin.GetAsync("/jobs/recurring")).Content.ReadAsStringAsync();
        var request = Trigger(page);
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Cross-origin request refused", (await response.JsonAsync()).Str("title"));
    }

    [Fact]
    public async Task Dashboard_IsConfinedToItsOwnScriptsAndStyles()
    {
        using var admin = await desk.SignInAsync("admin");

        var response = await admin.GetAsync("/jobs");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>The dashboard's "Trigger now" for the sweep, with the token its page carries (none when no page).</summary>
    static HttpRequestMessage Trigger(string? page)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", DeadlineSweepJob.Id)]),
        };
        if (page is not null)
            request.Headers.Add(CsrfHeader().Match(page).Groups[1].Value, CsrfToken().Match(page).Groups[1].Value);
        return request;
    }

    long Enqueued() => desk.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default");

    [GeneratedRegex("""<meta name="csrf-header" content="([^"]+)">""")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex CsrfToken();
}
