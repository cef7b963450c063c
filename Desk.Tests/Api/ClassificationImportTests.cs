using Dapper;
using System.Net;
using System.Text.Json;

namespace Desk.Tests.Api;

public sealed class ClassificationImportTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const string ImportPath = "/api/classifier/examples/import";

    [Fact]
    public async Task Import_GoodCsv_AddsLabelledExamples_AndCountsThemPerType()
    {
        await using var fresh = new DeskApplication();
        using var supervisor = await fresh.SignInAsync("supervisor");

        var response = await supervisor.PostAsync(ImportPath, ClassificationData.Upload(ClassificationData.SiteHistory(perType: 3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal(27, receipt.GetProperty("imported").GetInt32());
        Assert.Equal(9, receipt.GetProperty("byType").EnumerateObject().Count());
        Assert.Equal(3, receipt.GetProperty("byType").GetProperty("security_event").GetInt32());
        Assert.Equal(27, await ClassificationData.ImportedCountAsync(fresh));
    }

    [Fact]
    public async Task Import_AsTextCsvBody_WithLabelColumn_IsAccepted()
    {
        using var admin = await desk.SignInAsync("admin");
        var before = await ClassificationData.ImportedCountAsync(desk);

        var response = await admin.PostAsync(ImportPath, ClassificationData.CsvBody(
            "text,label,lang\n\"Printer, third floor, jams\",incident,en\n打印机一直卡纸,incident,zh\n"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.JsonAsync()).GetProperty("byType").GetProperty("incident").GetInt32());
        Assert.Equal(before + 2, await ClassificationData.ImportedCountAsync(desk));
    }

    [Fact]
    public async Task Import_MalformedCsv_IsRejectedWhole_ListingTheBadLines()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var before = await ClassificationData.ImportedCountAsync(desk);
        var csv = "text,type\nVPN drops every hour,incident\nthe wifi is haunted,outage\n,complaint\nPlease add me to the HR group,service_request\n";

        var response = await supervisor.PostAsync(ImportPath, ClassificationData.Upload(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problems = (await response.JsonAsync()).GetProperty("errors").GetProperty("file").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("line 3") && p.Contains("outage"));
        Assert.Contains(problems, p => p.Contains("line 4"));
        Assert.Equal(before, await ClassificationData.ImportedCountAsync(desk));
    }

    [Theory]
    [InlineData("text,type\n")]
    [InlineData("words,kind\nhello,incident\n")]
    [InlineData("text,type\n\"never closed quote,incident\n")]
    public async Task Import_FileWithoutRows_OrColumns_OrWithBrokenQuoting_IsRejected(string csv)
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var before = await ClassificationData.ImportedCountAsync(desk);

        var response = await supervisor.PostAsync(ImportPath, ClassificationData.CsvBody(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ClassificationData.ImportedCountAsync(desk));
    }

    [Fact]
    public async Task Import_InvalidUtf8_OrJson_IsRefused()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var bytes = new ByteArrayContent([.. "text,type\n"u8, 0xff, 0xfe, 0x41, (byte)',', .. "incident\n"u8]);
        bytes.Headers.ContentType = new("text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsync(ImportPath, bytes)).StatusCode);
        var json = new StringContent(JsonSerializer.Serialize(new { text = "x", type = "incident" }), System.Text.Encoding.UTF8, "application/json");
        var refused = await supervisor.PostAsync(ImportPath, json);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        // Not "takes a JSON body, sent as application/json", as it said.
        Assert.StartsWith("This request does not take a JSON body", (await refused.JsonAsync()).Str("detail"));
    }

    [Fact]
    public async Task Import_InTheCharsetItNames_IsDecoded_AndAnUnknownCharsetIsRefused()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var text = $"Le café du bureau {Guid.NewGuid():N} ne chauffe plus";
        var latin1 = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes($"text,type\n{text},incident\n"));
        latin1.Headers.ContentType = new("text/csv") { CharSet = "iso-8859-1" };
        var before = await ClassificationData.ImportedCountAsync(desk);
        var bogus = new ByteArrayContent("text,type\nThe printer jams,incident\n"u8.ToArray());
        bogus.Headers.ContentType = new("text/csv") { CharSet = "no-such-charset" };

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await supervisor.PostAsync(ImportPath, bogus)).StatusCode);
        Assert.Equal(before, await ClassificationData.ImportedCountAsync(desk));
        Assert.True((await supervisor.PostAsync(ImportPath, latin1)).IsSuccessStatusCode);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from labelled_examples where text = @text", new { text }));
    }

    [Fact]
    public async Task Import_And_Retrain_AreForSupervisorsAndAdmins_Activate_ForAdmins()
    {
        using var agent = await desk.SignInAsync("agent");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var anonymous = desk.Anonymous();
        using var key = await desk.WithApiKeyAsync("intake", "queries:read");
        var csv = ClassificationData.SiteHistory(perType: 1);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync(ImportPath, ClassificationData.CsvBody(csv))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(ImportPath, ClassificationData.CsvBody(csv))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsync(ImportPath, ClassificationData.CsvBody(csv))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync("/api/classifier/retrain", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/classifier/retrain", null)).StatusCode);
        var active = (await (await agent.GetAsync("/api/classifier/models/active")).JsonAsync()).Str("version");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"/api/classifier/models/{active}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/classifier/models/{active}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/classifier/models/{active}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/classifier/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/api/classifier/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/classifier/models")).StatusCode);
    }
}
