using System.Net.Http.Json;
using Dapper;
using Desk.Api.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

public sealed class DeadlineSweepTests
{
    [Fact]
    public async Task Sweep_RecordsAMissedFirstResponseOnce_OnTheTimeline()
    {
        await using var desk = new DeskApplication();
        using var channel = await desk.WithApiKeyAsync("intake", "queries:read");
        // A catalog pick fixes the type (service request, P4: first response 8 h, resolution 5 days).
        var reference = (await channel.SubmitAsync(Requests.Query("Laptop for a new starter", catalogItem: "new-laptop"))).Str("reference");

        desk.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        var first = await SweepAsync(desk);
        var second = await SweepAsync(desk);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var detail = await (await channel.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("breached", detail.Str("slaState"));
        var breach = Assert.Single(detail.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "sla_breached");
        Assert.Equal("first_response", breach.GetProperty("data").Str("kind"));
    }

    [Fact]
    public async Task Sweep_SkipsAnsweredFirstResponses_ButStillTimesResolution()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Visio for the design team", catalogItem: "software-install"))).Str("reference");
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Looking into it now." })).EnsureSuccessStatusCode();

        desk.Clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(0, await SweepAsync(desk));
        desk.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, await SweepAsync(desk));

        await using var db = await desk.OpenDbAsync();
        var marks = await db.QuerySingleAsync<(string? FirstResponse, string? Resolution)>(
            "select first_response_breached_at, resolution_breached_at from queries where reference = @reference", new { reference });
        Assert.Null(marks.FirstResponse);
        Assert.NotNull(marks.Resolution);
    }

    [Fact]
    public async Task SweepJob_IsStoredInQuartzTablesInTheDesksOwnDatabase()
    {
        await using var desk = new DeskApplication();
        _ = desk.Services; // starts the host, and with it the scheduler

        await using var db = await desk.OpenDbAsync();
        var jobs = await db.QueryAsync<string>("select job_name from qrtz_job_details");
        var triggers = await db.QueryAsync<string>("select trigger_name from qrtz_triggers");

        Assert.Contains("deadline-sweep", jobs);
        Assert.Contains("deadline-sweep-every", triggers);
    }

    static async Task<int> SweepAsync(DeskApplication desk)
    {
        using var scope = desk.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
    }
}
