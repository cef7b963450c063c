using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

public sealed class IntakeTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Submit_WithValidQuery_AnswersWithReferenceTypePriorityQueueAndAgreedTimeFrame()
    {
        using var agent = await desk.SignInAsync("agent");
        var takenAt = desk.Clock.GetUtcNow();

        var response = await agent.PostAsJsonAsync("/api/queries", Requests.Query("My laptop will not boot, the screen stays black"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal($"/api/queries/{receipt.Str("reference")}", response.Headers.Location!.OriginalString);
        Assert.Equal("incident", receipt.Str("type"));
        Assert.StartsWith("INC-", receipt.Str("reference"));
        Assert.Equal("incident-management", receipt.Str("queue"));
        Assert.Equal("P3", receipt.Str("priority"));
        Assert.Equal("new", receipt.Str("status"));
        Assert.InRange(receipt.GetProperty("confidence").GetDouble(), 0.0, 1.0);
        Assert.Equal(takenAt + TimeSpan.FromHours(4), receipt.GetProperty("firstResponseDue").GetDateTimeOffset());
        Assert.Equal(takenAt + TimeSpan.FromDays(3), receipt.GetProperty("resolutionDue").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Submit_WithACharsetHttpAllows_IsReadInThatCharset(string contentType)
    {
        using var agent = await desk.SignInAsync("agent");
        var json = JsonSerializer.Serialize(Requests.Query("我的打印机卡纸了，无法打印"), JsonSerializerOptions.Web);
        var encoding = contentType.EndsWith("utf-16") ? System.Text.Encoding.Unicode : System.Text.Encoding.UTF8;
        var content = new ByteArrayContent(encoding.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await agent.PostAsync("/api/queries", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var detail = await (await agent.GetAsync($"/api/queries/{(await response.JsonAsync()).Str("reference")}")).JsonAsync();
        Assert.Equal("我的打印机卡纸了，无法打印", detail.Str("text"));
    }

    [Theory]
    [InlineData("😀", 200)]
    [InlineData("e\u0301", 200)]
    [InlineData("a😀", 100)]
    public async Task Submit_WithALongFirstLine_CutsTheSubjectBetweenCharacters(string unit, int times)
    {
        using var agent = await desk.SignInAsync("agent");
        var text = string.Concat(Enumerable.Repeat(unit, times));
        var reference = (await agent.SubmitAsync(Requests.Query(text))).Str("reference");

        var subject = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("subject");

        Assert.EndsWith("...", subject);
        Assert.InRange(subject.Length, 100, 120);
        Assert.DoesNotContain('\uFFFD', subject);
        Assert.StartsWith(subject[..^3], text);
        Assert.Equal(0, (subject.Length - 3) % unit.Length);
    }

    [Fact]
    public async Task Submit_StoresTheQueryWithItsFirstTimelineEntry()
    {
        using var agent = await desk.SignInAsync("agent");
        var receipt = await agent.SubmitAsync(Requests.Query("Outlook crashes whenever I open a calendar invite"));

        var detail = await (await agent.GetAsync($"/api/queries/{receipt.Str("reference")}")).JsonAsync();

        Assert.Equal("Outlook crashes whenever I open a calendar invite", detail.Str("text"));
        var entry = Assert.Single(detail.GetProperty("timeline").EnumerateArray());
        Assert.Equal("created", entry.Str("kind"));
        Assert.Equal("agent", entry.Str("actor"));
        Assert.Equal(receipt.Str("type"), entry.GetProperty("data").Str("type"));
    }

    [Theory]
    [InlineData("firewall-rule-change", "change_request", "CHG-", "change-enablement")]
    [InlineData("new-laptop", "service_request", "REQ-", "service-requests")]
    public async Task Submit_WithCatalogPick_IsTypedByTheCatalogNotTheModel(string item, string type, string prefix, string queue)
    {
        using var agent = await desk.SignInAsync("agent");

        var receipt = await agent.SubmitAsync(Requests.Query("Thanks so much, you are all wonderful", catalogItem: item));

        Assert.Equal(type, receipt.Str("type"));
        Assert.Equal("catalog", receipt.Str("decidedBy"));
        Assert.StartsWith(prefix, receipt.Str("reference"));
        Assert.Equal(queue, receipt.Str("queue"));
    }

    [Fact]
    public async Task Submit_FromTheSameIdentity_FindsTheSameContact()
    {
        using var agent = await desk.SignInAsync("agent");
        var first = await agent.SubmitAsync(Requests.Query("Printer on floor 2 is jammed", address: "Repeat.User@Example.org"));
        var second = await agent.SubmitAsync(Requests.Query("And now the scanner too", "email", address: "repeat.user@example.org"));

        var a = await (await agent.GetAsync($"/api/queries/{first.Str("reference")}")).JsonAsync();
        var b = await (await agent.GetAsync($"/api/queries/{second.Str("reference")}")).JsonAsync();

        Assert.Equal(a.GetProperty("contactId").GetInt64(), b.GetProperty("contactId").GetInt64());
    }

    [Fact]
    public async Task Submit_BelowTheConfidenceThreshold_GoesToTriage()
    {
        // With the threshold at 1.0 no model decision is sure enough, so every free-text query waits for a human.
        using var strict = desk.WithWebHostBuilder(b => b.UseSetting("Routing:TriageThreshold", "1.0"));
        using var client = strict.CreateClient();
        using var admin = await desk.SignInAsync("admin");
        var key = await (await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "triage", scopes = new[] { "intake" } })).JsonAsync();
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Str("key"));

        var receipt = await client.SubmitAsync(Requests.Query("Something odd with my account maybe?"));

        Assert.Equal("triage", receipt.Str("queue"));
        Assert.Equal("model", receipt.Str("decidedBy"));
    }

    [Fact]
    public async Task List_FiltersAndPagesNewestFirstWithoutOverlap()
    {
        await using var fresh = new DeskApplication();
        using var agent = await fresh.SignInAsync("agent");
        var references = new List<string>();
        for (var i = 0; i < 5; i++)
            references.Add((await agent.SubmitAsync(Requests.Query($"Wi-Fi drops in room {i}", "sms"))).Str("reference"));
        await agent.SubmitAsync(Requests.Query("Wi-Fi drops on the web", "web"));

        var first = await (await agent.GetAsync("/api/queries?channel=sms&sort=newest&limit=3")).JsonAsync();
        var next = first.Str("next");
        var second = await (await agent.GetAsync($"/api/queries?channel=sms&sort=newest&limit=3&after={next}")).JsonAsync();

        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(q => q.Str("reference")).ToList();
        Assert.Equal(Enumerable.Reverse(references), seen);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Queues_CountOpenQueriesPerQueue()
    {
        await using var fresh = new DeskApplication();
        using var agent = await fresh.SignInAsync("agent");
        await agent.SubmitAsync(Requests.Query("x", catalogItem: "dns-change"));
        await agent.SubmitAsync(Requests.Query("y", catalogItem: "server-upgrade"));

        var queues = await (await agent.GetAsync("/api/queues")).JsonAsync();

        var change = queues.EnumerateArray().Single(q => q.Str("queue") == "change-enablement");
        Assert.Equal(2, change.GetProperty("open").GetInt32());
        Assert.Contains(queues.EnumerateArray(), q => q.Str("queue") == "triage");
    }
}
