using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>A desk that allows few sign-in attempts per client address.</summary>
public sealed class ThrottledSignInDesk : DeskApplication
{
    public const int Permits = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:SignInPermits", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Identity:SignInWindow", "01:00:00");
    }
}

public sealed class SignInThrottleTests(ThrottledSignInDesk desk) : IClassFixture<ThrottledSignInDesk>
{
    [Fact]
    public async Task ManyAttemptsFromOneAddress_AreRefusedWith429_AndRecorded()
    {
        using var admin = await desk.SignInAsync("admin");
        for (var i = 1; i < ThrottledSignInDesk.Permits; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await desk.SignInRawAsync("nobody", "wrong-password-" + i)).StatusCode);

        var refused = await desk.SignInRawAsync("agent", "agent-pass-1");

        await StaffAccounts.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var events = await (await admin.GetAsync("/api/admin/audit-events?kind=sign_in_throttled")).JsonAsync();
        Assert.Single(events.GetProperty("items").EnumerateArray());
        // Signed-in work is not sign-in: the throttle does not touch it.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(JsonValueKind.Array, (await (await admin.GetAsync("/api/admin/staff")).JsonAsync()).ValueKind);
    }
}
