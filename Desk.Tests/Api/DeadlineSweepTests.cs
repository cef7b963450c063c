using System.Net.Http.Json;
using Dapper;
using Desk.Api.Classification;
using Desk.Api.Sla;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
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

        Assert.Equal(3, first); // the warnings at 75% and 90%, and the breach
        Assert.Equal(0, second);
        var detail = await (await channel.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("breached", detail.Str("slaState"));
        Assert.Equal(2, detail.GetProperty("timeline").EnumerateArray().Count(e => e.Str("kind") == "sla_warning"));
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
        Assert.Equal(3, await SweepAsync(desk)); // the resolution's two warnings and its breach

        await using var db = await desk.OpenDbAsync();
        var marks = await db.QuerySingleAsync<(string? FirstResponse, string? Resolution)>(
            "select first_response_breached_at, resolution_breached_at from queries where reference = @reference", new { reference });
        Assert.Null(marks.FirstResponse);
        Assert.NotNull(marks.Resolution);
    }

    [Fact]
    public async Task SweepJob_RunTwice_RecordsTheBreachOnce()
    {
        await using var desk = new DeskApplication();
        using var channel = await desk.WithApiKeyAsync("intake", "queries:read");
        var reference = (await channel.SubmitAsync(Requests.Query("Laptop for a new starter", catalogItem: "new-laptop"))).Str("reference");
        desk.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        // As Hangfire would when a run is retried or a node dies after the work but before the job is marked done.
        using var scope = desk.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>();
        var first = job.Run(CancellationToken.None);
        var second = job.Run(CancellationToken.None);

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        var detail = await (await channel.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Single(detail.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "sla_breached");
    }

    [Fact]
    public async Task SweepJob_WhileAnotherHoldsTheSweepLock_LeavesTheDeadlinesToIt()
    {
        await using var desk = new DeskApplication();
        using var channel = await desk.WithApiKeyAsync("intake", "queries:read");
        await channel.SubmitAsync(Requests.Query("Laptop for a new starter", catalogItem: "new-laptop"));
        desk.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        using var scope = desk.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>();
        using var otherNode = desk.Services.GetRequiredService<JobStorage>().GetConnection();

        var whileHeld = -1;
        // Taken and released on this thread, without an await between: some storages tie a lock to its thread.
        using (otherNode.AcquireDistributedLock(DeadlineSweepJob.LockName, TimeSpan.FromSeconds(5)))
        {
            var sweeper = new Thread(() => whileHeld = job.Run(CancellationToken.None));
            sweeper.Start();
            sweeper.Join();
        }
        var afterwards = job.Run(CancellationToken.None);

        Assert.Equal(0, whileHeld);
        Assert.Equal(3, afterwards);
    }

    [Fact]
    public async Task RecurringJobs_AreRegisteredAtStart_OnTheDesksOwnEngine()
    {
        await using var desk = new DeskApplication();

        using var connection = desk.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        // DeskApplication sweeps hourly; ClassifierTraining:Interval is a day.
        Assert.Equal("0 * * * *", jobs[DeadlineSweepJob.Id].Cron);
        Assert.Equal("0 0 * * *", jobs[RetrainJob.Id].Cron);
        Assert.Equal(nameof(DeadlineSweepJob.Run), jobs[DeadlineSweepJob.Id].Job.Method.Name);
        // The retraining check asked for at start waits in the queue (this desk runs no job server).
        Assert.Equal(1, desk.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public async Task AJobServer_RunsTheRecurringSweep_WhenTriggered()
    {
        await using var desk = new DeskApplication();
        await using var withServer = desk.WithWebHostBuilder(b => b.UseSetting("Jobs:Workers", "1"));
        using var channel = await desk.WithApiKeyAsync("intake", "queries:read");
        var reference = (await channel.SubmitAsync(Requests.Query("Laptop for a new starter", catalogItem: "new-laptop"))).Str("reference");
        desk.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        withServer.Services.GetRequiredService<IRecurringJobManager>().Trigger(DeadlineSweepJob.Id);

        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await (await channel.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("slaState") != "breached")
        {
            Assert.True(DateTime.UtcNow < until, "The job server did not run the triggered sweep within 30 s.");
            await Task.Delay(100);
        }
    }

    static async Task<int> SweepAsync(DeskApplication desk)
    {
        using var scope = desk.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().SweepAsync(CancellationToken.None);
    }
}
