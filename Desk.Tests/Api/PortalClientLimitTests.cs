using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>
/// Codes asked for from one client, whatever the addresses, are limited too (here to two per window); and a code's
/// life set shorter (five minutes) is the one the answer tells.
/// </summary>
public sealed class PortalClientLimitTests(PortalClientLimitTests.StrictDesk desk) : IClassFixture<PortalClientLimitTests.StrictDesk>
{
    [Fact]
    public async Task OneClient_AskingCodesForManyAddresses_IsStopped()
    {
        using var anyone = desk.Anonymous();
        foreach (var name in new[] { "one", "two" })
            Assert.Equal(HttpStatusCode.Accepted, (await anyone.PostAsJsonAsync("/api/portal/codes", new { address = $"{name}@example.org" })).StatusCode);

        var third = await anyone.PostAsJsonAsync("/api/portal/codes", new { address = "three@example.org" });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("select count(*) from portal_codes where address = 'three@example.org'"));
    }

    [Fact]
    public async Task TheAnswerToACodeRequest_TellsTheConfiguredLife()
    {
        // A window of its own, whichever test of this class runs first.
        desk.Clock.Advance(TimeSpan.FromMinutes(16));
        using var anyone = desk.Anonymous();

        var sent = await anyone.PostAsJsonAsync("/api/portal/codes", new { address = "five.minutes@example.org" });
        desk.Clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var answer = await sent.JsonAsync();
        Assert.Equal(5, answer.GetProperty("minutes").GetInt32());
        Assert.EndsWith("It works once, for 5 minutes.", answer.Str("detail"));
    }

    public sealed class StrictDesk : DeskApplication
    {
        readonly MailServers servers = MailServers.SharedAsync().GetAwaiter().GetResult();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            PortalMail.Configure(builder, servers);
            builder.UseSetting("Portal:CodesPerClient", "2");
            builder.UseSetting("Portal:CodeLife", "00:05:00");
        }
    }
}
