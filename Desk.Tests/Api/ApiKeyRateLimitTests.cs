using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>A desk whose API keys get a small bucket that refills once an hour.</summary>
public sealed class RateLimitedKeysDesk : DeskApplication
{
    public const int Burst = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:ApiKeyPermits", "1");
        builder.UseSetting("Identity:ApiKeyPeriod", "01:00:00");
        builder.UseSetting("Identity:ApiKeyBurst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ApiKeyRateLimitTests(RateLimitedKeysDesk desk) : IClassFixture<RateLimitedKeysDesk>
{
    [Fact]
    public async Task AKeyOverItsLimit_Gets429WithRetryAfter_OtherKeysAndStaffDoNot_AndOneEventIsRecorded()
    {
        using var busy = await desk.WithApiKeyAsync("queries:read");
        using var quiet = await desk.WithApiKeyAsync("queries:read");
        for (var i = 0; i < RateLimitedKeysDesk.Burst; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/queues")).StatusCode);

        var refused = await busy.GetAsync("/api/queues");
        var refusedAgain = await busy.GetAsync("/api/queues");

        await StaffAccounts.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/queues")).StatusCode);

        using var admin = await desk.SignInAsync("admin");
        for (var i = 0; i < RateLimitedKeysDesk.Burst + 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/queues")).StatusCode);
        var events = await (await admin.GetAsync("/api/admin/audit-events?kind=api_key_throttled")).JsonAsync();
        Assert.Single(events.GetProperty("items").EnumerateArray());
    }
}
