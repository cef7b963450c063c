using System.Net;
using Dapper;
using Desk.Api.Classification;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>What keeps an admin's import from running the classifier away: row and per-type caps, cancelling, taking an import back.</summary>
public sealed class ClassificationBoundsTests
{
    const string ImportPath = "/api/classifier/examples/import";

    sealed class CappedDesk : DeskApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ClassifierTraining:MaxImportRows", "40");
            builder.UseSetting("ClassifierTraining:MaxExamplesPerType", "3");
        }
    }

    [Fact]
    public async Task AnImportOverMaxImportRows_IsRefusedWhole_AndARunLearnsTheNewestExamplesOfEachTypeOnly()
    {
        await using var desk = new CappedDesk();
        using var supervisor = await desk.SignInAsync("supervisor");

        var tooLong = await supervisor.PostAsync(ImportPath, ClassificationData.Upload(ClassificationData.SiteHistory(perType: 5)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("MaxImportRows", (await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal(0, await ClassificationData.ImportedCountAsync(desk));

        var first = await supervisor.PostAsync(ImportPath, ClassificationData.Upload(ClassificationData.SiteHistory(perType: 4)));
        var second = await supervisor.PostAsync(ImportPath, ClassificationData.Upload(ClassificationData.SiteHistory(perType: 4).Replace("\n\"", "\n\"Again: ")));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var report = await (await supervisor.PostAsync("/api/classifier/retrain", null)).JsonAsync();

        Assert.Equal(72, report.GetProperty("newExamples").GetInt32());
        Assert.Equal(72 - 9 * 3, report.GetProperty("leftOut").GetInt32());
        Assert.Contains(report.Str("outcome"), new[] { "promoted", "rejected" });
    }

    [Fact]
    public async Task AnImport_CanBeTakenBack_ItsExamplesDeleted_ItsNumberNeverGivenAgain()
    {
        await using var desk = new DeskApplication();
        using var supervisor = await desk.SignInAsync("supervisor");
        using var agent = await desk.SignInAsync("agent");
        var unique = Guid.NewGuid().ToString("n");
        var kept = await (await supervisor.PostAsync(ImportPath, ClassificationData.Upload(ClassificationData.SiteHistory(perType: 2), "kept.csv"))).JsonAsync();
        var wrong = await (await supervisor.PostAsync(ImportPath, ClassificationData.Upload(
            $"text,type\nThe coffee machine {unique} is down,security_event\nWiFi {unique} is slow,compliment\n", "wrong.csv"))).JsonAsync();
        var wrongNumber = wrong.GetProperty("import").GetInt64();
        await using var db = await desk.OpenDbAsync();
        var wrongLastId = await db.ExecuteScalarAsync<long>("select max(id) from labelled_examples where import_id = @wrongNumber", new { wrongNumber });

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.DeleteAsync($"/api/classifier/imports/{wrongNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/classifier/imports")).StatusCode);
        var removed = await supervisor.DeleteAsync($"/api/classifier/imports/{wrongNumber}");
        var again = await supervisor.DeleteAsync($"/api/classifier/imports/{wrongNumber}");
        var missing = await supervisor.DeleteAsync("/api/classifier/imports/999999");
        var list = (await (await supervisor.GetAsync("/api/classifier/imports")).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound), (removed.StatusCode, again.StatusCode, missing.StatusCode));
        Assert.Equal("supervisor", (await removed.JsonAsync()).Str("removedBy"));
        Assert.Equal([("wrong.csv", 2, true), ("kept.csv", 18, false)],
            list.Select(i => (i.Str("fileName"), i.GetProperty("examples").GetInt32(), i.GetProperty("removedAt").ValueKind != System.Text.Json.JsonValueKind.Null)));
        Assert.Equal(kept.GetProperty("import").GetInt64(), list[1].GetProperty("number").GetInt64());
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("select count(*) from labelled_examples where text like @pattern", new { pattern = $"%{unique}%" }));
        Assert.Equal(18, await ClassificationData.ImportedCountAsync(desk));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from audit_events where kind = 'classifier_import_removed' and actor = 'supervisor'"));
        // A later example never takes a removed one's id: retraining counts "new since the last candidate" by id.
        await supervisor.PostAsync(ImportPath, ClassificationData.Upload($"text,type\nPrinter {unique} jams,incident\n"));
        Assert.True(await db.ExecuteScalarAsync<long>("select max(id) from labelled_examples") > wrongLastId);
    }

    [Fact]
    public async Task ARunningRetrain_CanBeCancelled_AndKeepsNothing()
    {
        await using var desk = new WholeSeedDesk();
        using var supervisor = await desk.SignInAsync("supervisor");
        await supervisor.PostAsync(ImportPath, ClassificationData.Upload(ClassificationData.SiteHistory(perType: 6)));
        var cancellation = desk.Services.GetRequiredService<RetrainCancellation>();
        await using var db = await desk.OpenDbAsync();
        var models = await db.ExecuteScalarAsync<int>("select count(*) from classifier_models");
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DeleteAsync("/api/classifier/retrain")).StatusCode);

        var running = supervisor.PostAsync("/api/classifier/retrain", null);
        while (!cancellation.Going && !running.IsCompleted)
            await Task.Delay(20);
        var cancel = await supervisor.DeleteAsync("/api/classifier/retrain");
        var report = await (await running).JsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", report.Str("outcome"));
        Assert.Contains("supervisor", report.Str("reason"));
        Assert.Equal(models, await db.ExecuteScalarAsync<int>("select count(*) from classifier_models"));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from audit_events where kind = 'classifier_retrain_cancelled'"));
        Assert.False(cancellation.Going);
        var next = await (await supervisor.PostAsync("/api/classifier/retrain", null)).JsonAsync();
        Assert.Contains(next.Str("outcome"), new[] { "promoted", "rejected" });
    }
}
