using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>Promotion, rollback and restart each change the desk's active model, so every test has a desk of its own.</summary>
public sealed class ClassificationModelTests
{
    // No catalog pick and no negative experience: the model decides, and the query records its version.
    const string PlainQuestion = "Where can I find the guide for the new expense tool?";

    [Fact]
    public async Task FirstStart_RecordsTheModelInUse_AsTheOnlyActiveVersion()
    {
        await using var desk = new DeskApplication();
        using var agent = await desk.SignInAsync("agent");

        var models = await ModelsAsync(agent);

        var first = Assert.Single(models);
        Assert.Equal(1, first.GetProperty("number").GetInt64());
        Assert.True(first.GetProperty("active").GetBoolean());
        Assert.Equal("system", first.Str("activatedBy"));
        Assert.Equal(first.Str("version"), (await (await agent.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
    }

    [Fact]
    public async Task Retrain_WhenTheCandidateIsAtLeastAsGood_PromotesIt_AndNewQueriesRecordItsVersion()
    {
        await using var desk = new DeskApplication();
        using var supervisor = await desk.SignInAsync("supervisor");
        var seed = (await ModelsAsync(supervisor)).Single().Str("version");
        await ImportAsync(supervisor, perType: 10);

        var report = await RetrainAsync(supervisor);

        Assert.Equal("promoted", report.Str("outcome"));
        Assert.True(report.GetProperty("candidateMacroF1").GetDouble() >= report.GetProperty("activeMacroF1").GetDouble());
        Assert.Equal(18, report.GetProperty("heldBack").GetInt32()); // 20 % of each type's 10 unseen examples
        var candidate = report.GetProperty("candidate");
        // The test desk's ClassifierTraining:SeedExamplesPerType, 60 of each of the nine types, and 72 of the 90 imported.
        Assert.Equal(9 * 60 + 72, candidate.GetProperty("exampleCount").GetInt32());
        Assert.Equal(seed, candidate.Str("baselineVersion"));
        Assert.Equal("supervisor", candidate.Str("activatedBy"));
        var models = await ModelsAsync(supervisor);
        Assert.Equal([candidate.Str("version"), seed], models.Select(m => m.Str("version")));
        Assert.Equal(["active", "retired"], models.Select(m => m.Str("status")));
        Assert.Equal(candidate.Str("version"), await ModelVersionOfNewQueryAsync(supervisor));
    }

    [Fact]
    public async Task Retrain_WithNoUnseenExamplesToJudgeOn_IsSkipped_AndStoresNothing()
    {
        await using var desk = new DeskApplication();
        using var admin = await desk.SignInAsync("admin");

        var report = await RetrainAsync(admin);

        Assert.Equal("skipped", report.Str("outcome"));
        Assert.Contains("cannot be judged", report.Str("reason"));
        Assert.Single(await ModelsAsync(admin));
    }

    [Fact]
    public async Task Activate_RollsBackToAnEarlierVersion_AndNewQueriesRecordThatVersion()
    {
        await using var desk = new DeskApplication();
        using var admin = await desk.SignInAsync("admin");
        var seed = (await ModelsAsync(admin)).Single().Str("version");
        await ImportAsync(admin, perType: 10);
        var promoted = (await RetrainAsync(admin)).GetProperty("candidate").Str("version");
        Assert.Equal(promoted, await ModelVersionOfNewQueryAsync(admin));

        var response = await admin.PostAsync($"/api/classifier/models/{seed}/activate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin", (await response.JsonAsync()).Str("activatedBy"));
        Assert.Equal(seed, (await (await admin.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
        Assert.Equal(["retired", "active"], (await ModelsAsync(admin)).Select(m => m.Str("status")));
        Assert.Equal(seed, await ModelVersionOfNewQueryAsync(admin));
        // Each step is in the audit log, by whom and of what.
        var audited = (await (await admin.GetAsync("/api/admin/audit-events")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(e => e.Str("kind").StartsWith("classifier_")).Select(e => (e.Str("kind"), e.Str("actor"), e.Str("subject"))).ToList();
        Assert.Equal([("classifier_model_activated", "admin", seed), ("classifier_retrained", "admin", promoted),
            ("classifier_examples_imported", "admin", "history.csv")], audited);
    }

    [Fact]
    public async Task Activate_UnknownOrIllFormedVersion_IsAProblem_AndChangesNothing()
    {
        await using var desk = new DeskApplication();
        using var admin = await desk.SignInAsync("admin");
        var active = (await ModelsAsync(admin)).Single().Str("version");

        var unknown = await admin.PostAsync("/api/classifier/models/site9-2020.01.01-deadbeef/activate", null);
        var illFormed = await admin.PostAsync("/api/classifier/models/seed%20model!/activate", null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, illFormed.StatusCode);
        Assert.Equal("application/problem+json", illFormed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(active, (await (await admin.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
    }

    [Fact]
    public async Task AStoredModelOfTheFormatBeforeMlNet_IsRefusedOnActivation_WithAClearMessage_AndNothingChanges()
    {
        await using var desk = new DeskApplication();
        using var admin = await desk.SignInAsync("admin");
        var active = (await ModelsAsync(admin)).Single().Str("version");
        var store = desk.Services.GetRequiredService<Desk.Api.Classification.ClassifierModelStore>();
        var (next, _) = await store.GetHighWaterAsync(CancellationToken.None);
        // What a build before ML.NET stored: its own weights file, format version 1.
        var formatOne = FormatOneModel();
        await store.AddAsync(new Desk.Api.Classification.ModelVersionRow
        {
            Id = next, Version = "site7-2026.11.01-0badf00d", TrainedAt = desk.Clock.GetUtcNow(), Status = "retired", CreatedBy = "admin",
        }, formatOne, onlyIfNoneStored: false, trained: null, CancellationToken.None);

        var response = await admin.PostAsync("/api/classifier/models/site7-2026.11.01-0badf00d/activate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.JsonAsync()).Str("detail");
        Assert.Contains("format version 1", detail);
        Assert.Contains("Retrain", detail);
        Assert.Equal(active, (await (await admin.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
        Assert.Equal(active, await ModelVersionOfNewQueryAsync(admin));
    }

    [Fact]
    public async Task Restart_WithAnActiveModelOfTheFormatBeforeMlNet_MakesTheModelInUseActive_AndKeepsTyping()
    {
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            string inUse;
            await using (var first = new DeskOnDatabase(database))
            {
                using var agent = await first.SignInAsync("agent");
                inUse = (await ModelsAsync(agent)).Single().Str("version");
                // What an upgrade finds: the active row holds a model the build before ML.NET stored.
                await first.Services.GetRequiredService<Desk.Api.Classification.ClassifierModelStore>().AddAsync(
                    new Desk.Api.Classification.ModelVersionRow
                    {
                        Version = "site3-2026.11.01-0badf00d", TrainedAt = first.Clock.GetUtcNow(), Status = "active", CreatedBy = "admin",
                        ActivatedAt = first.Clock.GetUtcNow(), ActivatedBy = "admin",
                    }, FormatOneModel(), onlyIfNoneStored: false, trained: null, CancellationToken.None);
            }

            await using var second = new DeskOnDatabase(database);
            using var admin = await second.SignInAsync("admin");

            Assert.Equal(inUse, (await (await admin.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
            Assert.Equal(inUse, await ModelVersionOfNewQueryAsync(admin));
            Assert.Equal(["retired", "active"], (await ModelsAsync(admin)).Select(m => m.Str("status")));
        }
        finally
        {
            database.Drop();
        }
    }

    static byte[] FormatOneModel()
    {
        var bytes = new byte[64];
        "DESKCLF\n"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), 1);
        return bytes;
    }

    [Fact]
    public async Task Restart_RestoresThePromotedVersion()
    {
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            string promoted;
            await using (var first = new DeskOnDatabase(database))
            {
                using var supervisor = await first.SignInAsync("supervisor");
                await ImportAsync(supervisor, perType: 10);
                promoted = (await RetrainAsync(supervisor)).GetProperty("candidate").Str("version");
            }

            await using var second = new DeskOnDatabase(database);
            using var agent = await second.SignInAsync("agent");

            Assert.Equal(promoted, (await (await agent.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version"));
            Assert.Equal(promoted, await ModelVersionOfNewQueryAsync(agent));
        }
        finally
        {
            database.Drop();
        }
    }

    /// <summary>A desk whose database outlives it, so a second desk can start on it as after a restart.</summary>
    sealed class DeskOnDatabase(TestDatabase database) : DeskApplication(database);

    static async Task ImportAsync(HttpClient client, int perType)
    {
        var response = await client.PostAsync("/api/classifier/examples/import", ClassificationData.Upload(ClassificationData.SiteHistory(perType)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    static async Task<JsonElement> RetrainAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/classifier/retrain", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    static async Task<List<JsonElement>> ModelsAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("/api/classifier/models")).JsonAsync()).EnumerateArray()];

    static async Task<string> ModelVersionOfNewQueryAsync(HttpClient client)
    {
        var reference = (await client.SubmitAsync(Requests.Query(PlainQuestion))).Str("reference");
        var detail = await (await client.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("model", detail.Str("decidedBy"));
        return detail.Str("modelVersion");
    }
}
