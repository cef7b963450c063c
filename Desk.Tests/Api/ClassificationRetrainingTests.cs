using System.Net;
using System.Net.Http.Json;
using Dapper;
using Desk.Api.Classification;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

public sealed class ClassificationRetrainingTests
{
    [Fact]
    public async Task ScheduledRun_WaitsForMinNewExamples_CountingReclassifications_AndCountsFromTheLastCandidate()
    {
        await using var desk = new DeskApplication();
        using var supervisor = await desk.SignInAsync("supervisor");
        var retraining = desk.Services.GetRequiredService<Retraining>();
        await supervisor.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(ClassificationData.SiteHistory(perType: 5)));
        var reference = (await supervisor.SubmitAsync(Requests.Query("Monitor flickers", catalogItem: "access-request"))).Str("reference");
        var reclassified = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "incident", reason = "It is a fault" });
        Assert.Equal(HttpStatusCode.OK, reclassified.StatusCode);

        var waiting = await retraining.RunAsync("system", force: false, wait: true, CancellationToken.None);

        Assert.Equal("skipped", waiting!.Outcome);
        Assert.Equal(46, waiting.NewExamples); // 45 imported + 1 reclassification, below the default 50
        Assert.Contains("50 are needed", waiting.Reason);
        var forced = await retraining.RunAsync("supervisor", force: true, wait: true, CancellationToken.None);
        Assert.NotNull(forced!.Candidate);
        var after = await retraining.RunAsync("system", force: false, wait: true, CancellationToken.None);
        Assert.Equal(0, after!.NewExamples);
    }

    [Fact]
    public async Task AnImportOfCopies_AddsEachTextOnce_AndCannotPromoteAModelNoHeldBackTextProves()
    {
        await using var desk = new WholeSeedDesk();
        using var supervisor = await desk.SignInAsync("supervisor");
        var csv = "text,type\n" + string.Concat(Enumerable.Repeat("my printer is jammed on floor 3,security_event\n", 40))
            + string.Concat(Enumerable.Repeat("The printer on floor 2  is out of paper,security_event\n", 10))
            + string.Concat(Enumerable.Repeat("the printer on floor 2 is out of PAPER,security_event\n", 10));

        var receipt = await (await supervisor.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(csv))).JsonAsync();
        var again = await (await supervisor.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(csv))).JsonAsync();
        // Two at once: one trains, the other is told a run is going rather than left waiting.
        var runs = await Task.WhenAll(supervisor.PostAsync("/api/classifier/retrain", null), supervisor.PostAsync("/api/classifier/retrain", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], runs.Select(r => r.StatusCode).Order());
        var report = await runs.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync();

        Assert.Equal((2, 58), (receipt.GetProperty("imported").GetInt32(), receipt.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 60), (again.GetProperty("imported").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        Assert.Equal("rejected", report.Str("outcome"));
        Assert.Equal(1, report.GetProperty("heldBack").GetInt32());
        var reference = (await supervisor.SubmitAsync(Requests.Query("The printer on floor 2 is jammed"))).Str("reference");
        Assert.NotEqual("security_event", (await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("type"));
    }

    [Fact]
    public async Task RetrainJob_RunTwice_StoresOneCandidate()
    {
        await using var desk = new DeskApplication();
        using var supervisor = await desk.SignInAsync("supervisor");
        await supervisor.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(ClassificationData.SiteHistory(perType: 6)));
        using var scope = desk.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<RetrainJob>();
        await using var db = await desk.OpenDbAsync();
        var before = await db.ExecuteScalarAsync<int>("select count(*) from classifier_models");

        // As Hangfire would when it runs the job again (a retry, a node that died before marking it done).
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);

        Assert.Equal(before + 1, await db.ExecuteScalarAsync<int>("select count(*) from classifier_models"));
    }

    [Fact]
    public async Task Activate_OfADamagedStoredModel_IsAConflict_AndKeepsTheActiveModel()
    {
        await using var desk = new DeskApplication();
        using var admin = await desk.SignInAsync("admin");
        await admin.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(ClassificationData.SiteHistory(perType: 5)));
        var promoted = (await (await admin.PostAsync("/api/classifier/retrain", null)).JsonAsync()).GetProperty("candidate").Str("version");
        await using (var db = await desk.OpenDbAsync())
            await db.ExecuteAsync("update classifier_models set model = @damaged where id = 1", new { damaged = new byte[] { 0x00, 0x11, 0x22, 0x33 } });
        var seed = (await (await admin.GetAsync("/api/classifier/models")).JsonAsync()).EnumerateArray().Single(m => m.GetProperty("number").GetInt64() == 1).Str("version");

        var response = await admin.PostAsync($"/api/classifier/models/{seed}/activate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(promoted, (await (await admin.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
        var reference = (await admin.SubmitAsync(Requests.Query("Where can I find the guide for the new expense tool?"))).Str("reference");
        Assert.Equal(promoted, (await (await admin.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("modelVersion"));
    }
}
