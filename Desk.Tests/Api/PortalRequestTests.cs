using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>
/// New requests from the portal: free text through the intake (channel portal, classified, with its time frame), the
/// catalog the signed-in contact is entitled to with each item's form, and the refusals: an item of another service
/// level, a missing required field, an unknown field, blank text. A refused request writes nothing.
/// </summary>
public sealed partial class PortalRequestTests(PortalRequestTests.RequestDesk desk) : IClassFixture<PortalRequestTests.RequestDesk>
{
    static int next = Random.Shared.Next(1000, 9000);

    // Unique in the process: the classes share one SMTP server, and a mail to another class's address would be read as ours.
    static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@example.org";

    [Fact]
    public async Task ARequestSentTwiceAtOnce_WithOneIdempotencyKey_IsTakenOnce_AndTheKeyWithOtherWordsIsRefused()
    {
        using var user = await desk.SignedInAsync(NewAddress("double"));
        async Task<HttpResponseMessage> SendAsync(string text, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/portal/me/queries") { Content = JsonContent.Create(new { text }) };
            request.Headers.Add("Idempotency-Key", key);
            return await user.SendAsync(request);
        }

        var both = await Task.WhenAll(SendAsync("I need access to the Finance share", "k-1"), SendAsync("I need access to the Finance share", "k-1"));
        var other = await SendAsync("I need access to the HR share", "k-1");

        Assert.All(both, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var references = await Task.WhenAll(both.Select(async r => (await r.JsonAsync()).Str("reference")));
        Assert.Equal(references[0], references[1]);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Single((await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task FreeText_IsTakenThroughTheIntake_AsAPortalQueryOfTheSignedInContact()
    {
        var address = NewAddress("opener");
        using var user = await desk.SignedInAsync(address);

        var response = await user.PostAsJsonAsync("/api/portal/me/queries", new { text = "My laptop will not charge since this morning" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        var reference = receipt.Str("reference");
        Assert.Equal($"/api/portal/me/queries/{reference}", response.Headers.Location?.OriginalString);
        Assert.True(receipt.GetProperty("resolutionDue").GetDateTimeOffset() >= receipt.GetProperty("firstResponseDue").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, receipt.GetProperty("catalogGranted").ValueKind);
        var mine = Assert.Single((await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray());
        Assert.Equal((reference, "portal"), (mine.Str("reference"), mine.Str("channel")));
        await using var db = await desk.OpenDbAsync();
        var (submittedBy, contact) = await db.QuerySingleAsync<(string, long)>(
            "select submitted_by, contact_id from queries where reference = @reference", new { reference });
        Assert.Equal("portal", submittedBy);
        Assert.Equal(contact, await ContactOfAsync(db, address));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "select count(*) from timeline_entries t join queries q on q.id = t.query_id where q.reference = @reference and t.kind = 'created'", new { reference }));
    }

    [Fact]
    public async Task TheCatalog_ListsOnlyWhatTheServiceLevelIsEntitledTo_WithEachFormInEnglishAndChinese()
    {
        var address = NewAddress("browser");
        using var user = await desk.SignedInAsync(address);

        var standard = (await (await user.GetAsync("/api/portal/me/catalog")).JsonAsync()).EnumerateArray().ToList();
        await MakeGoldAsync(address);
        var gold = (await (await user.GetAsync("/api/portal/me/catalog")).JsonAsync()).EnumerateArray().ToList();

        Assert.DoesNotContain(standard, i => i.Str("item") == "new-laptop");
        Assert.Contains(standard, i => i.Str("item") == "password-reset" && i.GetProperty("fields").GetArrayLength() == 0);
        var laptop = Assert.Single(gold, i => i.Str("item") == "new-laptop");
        Assert.Equal("service_request", laptop.Str("type"));
        var fields = laptop.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(["model", "reason"], fields.Select(f => f.Str("name")));
        Assert.Equal(("Model", "型号", true), (fields[0].Str("label"), fields[0].Str("labelZh"), fields[0].GetProperty("required").GetBoolean()));
        Assert.Equal(("Reason", "Reason", false), (fields[1].Str("label"), fields[1].Str("labelZh"), fields[1].GetProperty("required").GetBoolean()));
    }

    [Fact]
    public async Task TheDeskWritesToAPortalUser_InThePagesLanguage_OrChinese_WhenTheyWroteIt()
    {
        using var user = await desk.SignedInAsync(NewAddress("reader"));
        using var supervisor = await desk.SignInAsync("supervisor");
        async Task<string> SpokenAsync(string text, string? page)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/portal/me/queries") { Content = JsonContent.Create(new { text }) };
            if (page is not null)
                request.Headers.AcceptLanguage.ParseAdd(page);
            var response = await user.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var reference = (await response.JsonAsync()).Str("reference");
            return (await (await supervisor.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("language");
        }

        Assert.Equal("zh", await SpokenAsync("VPN down since 9am", "zh-CN"));
        Assert.Equal("en", await SpokenAsync("VPN down since 9am", "en"));
        Assert.Equal("en", await SpokenAsync("VPN down since 9am", null));
        Assert.Equal("zh", await SpokenAsync("打印机坏了", "en"));
    }

    [Fact]
    public async Task AnEntitledItemWithItsFields_IsGranted_AndTheFieldsAreInTheQuerysText()
    {
        var address = NewAddress("gold");
        using var user = await desk.SignedInAsync(address);
        await MakeGoldAsync(address);

        var response = await user.PostAsJsonAsync("/api/portal/me/queries",
            new { text = "Mine is five years old", catalogItem = "New-Laptop", fields = new Dictionary<string, string> { ["model"] = "ThinkPad X1" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.True(receipt.GetProperty("catalogGranted").GetBoolean());
        Assert.Equal("service_request", receipt.Str("type"));
        await using var db = await desk.OpenDbAsync();
        var (item, text) = await db.QuerySingleAsync<(string, string)>(
            "select catalog_item, text from queries where reference = @reference", new { reference = receipt.Str("reference") });
        Assert.Equal("new-laptop", item);
        Assert.Equal("Mine is five years old\n\nModel: ThinkPad X1", text);
    }

    [Fact]
    public async Task AnItemOfAnotherServiceLevel_Is400_AndWritesNothing()
    {
        var address = NewAddress("standard");
        using var user = await desk.SignedInAsync(address);

        var response = await user.PostAsJsonAsync("/api/portal/me/queries",
            new { text = "I would like a new one", catalogItem = "new-laptop", fields = new Dictionary<string, string> { ["model"] = "ThinkPad X1" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("catalogItem", (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await QueriesOfAsync(address));
    }

    [Theory]
    [InlineData("""{"text":"A new laptop please","catalogItem":"new-laptop"}""", "fields.model")]
    [InlineData("""{"text":"A new laptop please","catalogItem":"new-laptop","fields":{"model":"   "}}""", "fields.model")]
    [InlineData("""{"text":"A new laptop please","catalogItem":"new-laptop","fields":{"model":"X1","colour":"pink"}}""", "fields.colour")]
    [InlineData("""{"text":"A new laptop please","fields":{"model":"X1"}}""", "fields")]
    [InlineData("""{"text":"A pony please","catalogItem":"pony"}""", "catalogItem")]
    [InlineData("""{"text":"   ","catalogItem":"password-reset"}""", "text")]
    [InlineData("""{"catalogItem":"password-reset"}""", "text")]
    public async Task MissingOrUnknownFields_AndBadText_Are400_AndWriteNothing(string body, string field)
    {
        var address = NewAddress("careless");
        using var user = await desk.SignedInAsync(address);
        await MakeGoldAsync(address);

        var response = await user.PostAsync("/api/portal/me/queries", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await QueriesOfAsync(address));
    }

    [Fact]
    public async Task OpenSurveys_AreTheContactsOwn_AndAnAnswerTakesTheSurveyPath()
    {
        var address = NewAddress("surveyed");
        using var user = await desk.SignedInAsync(address);
        using var other = await desk.SignedInAsync(NewAddress("nosy"));
        var reference = (await (await user.PostAsJsonAsync("/api/portal/me/queries", new { text = "How do I set an out-of-office reply?" })).JsonAsync()).Str("reference");
        var surveyId = await SurveySentAsync(reference);

        Assert.Empty((await (await other.GetAsync("/api/portal/me/surveys")).JsonAsync()).EnumerateArray());
        var notTheirs = await other.PostAsJsonAsync($"/api/portal/me/surveys/{surveyId}", new { score = 1 });
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal($"You have no survey {surveyId}.", (await notTheirs.JsonAsync()).Str("detail"));
        var open = Assert.Single((await (await user.GetAsync("/api/portal/me/surveys")).JsonAsync()).EnumerateArray());
        Assert.Equal((surveyId, reference, "csat", 1, 5), (open.GetProperty("id").GetInt64(), open.Str("reference"), open.Str("kind"),
            open.GetProperty("min").GetInt32(), open.GetProperty("max").GetInt32()));
        Assert.Contains(reference, open.Str("question"));
        Assert.Contains("满意", open.Str("questionZh"));
        Assert.Equal(HttpStatusCode.BadRequest, (await user.PostAsJsonAsync($"/api/portal/me/surveys/{surveyId}", new { score = 6 })).StatusCode);

        var answered = await user.PostAsJsonAsync($"/api/portal/me/surveys/{surveyId}", new { score = 4, comment = "Quick and clear." });

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("answered", (await answered.JsonAsync()).Str("status"));
        Assert.Empty((await (await user.GetAsync("/api/portal/me/surveys")).JsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await user.PostAsJsonAsync($"/api/portal/me/surveys/{surveyId}", new { score = 1 })).StatusCode);
        await using (var db = await desk.OpenDbAsync())
        {
            Assert.Equal((4, "Quick and clear."), await db.QuerySingleAsync<(int, string)>("select score, comment from surveys where id = @surveyId", new { surveyId }));
            Assert.Equal(1, await db.ExecuteScalarAsync<int>(
                "select count(*) from timeline_entries t join queries q on q.id = t.query_id where q.reference = @reference and t.kind = 'survey_answered'",
                new { reference }));
        }
    }

    [Fact]
    public async Task TheRecoveryQueryALowScoreOpens_IsShownAsTheDesks_NotAsTheUsersWords()
    {
        var address = NewAddress("unhappy");
        using var user = await desk.SignedInAsync(address);
        var reference = (await (await user.PostAsJsonAsync("/api/portal/me/queries", new { text = "Teams calls have no audio" })).JsonAsync()).Str("reference");
        var surveyId = await SurveySentAsync(reference);

        (await user.PostAsJsonAsync($"/api/portal/me/surveys/{surveyId}", new { score = 1, comment = "Nobody called back." })).EnsureSuccessStatusCode();

        var recovery = Assert.Single((await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray(), q => q.Str("reference") != reference);
        var detail = await (await user.GetAsync($"/api/portal/me/queries/{recovery.Str("reference")}")).JsonAsync();
        Assert.Equal("desk", detail.Str("textFrom"));
        Assert.DoesNotContain("CSAT", detail.Str("text"));
        foreach (var shown in new[] { recovery, detail.GetProperty("query") }) // the list's and the detail's subject and preview too
            Assert.DoesNotContain("CSAT", shown.Str("subject") + shown.Str("preview"));
        Assert.Equal("you", (await (await user.GetAsync($"/api/portal/me/queries/{reference}")).JsonAsync()).Str("textFrom"));
    }

    static async Task<(int Helped, int NotHelped)> FeedbackAsync(HttpClient staff, long article)
    {
        var read = await (await staff.GetAsync($"/api/knowledge/{article}")).JsonAsync();
        return (read.GetProperty("helped").GetInt32(), read.GetProperty("notHelped").GetInt32());
    }

    static Task<long> ContactOfAsync(System.Data.Common.DbConnection db, string address) =>
        db.ExecuteScalarAsync<long>("select contact_id from contact_identities where channel = 'email' and address = @address", new { address });

    async Task MakeGoldAsync(string address)
    {
        await using var db = await desk.OpenDbAsync();
        await db.ExecuteAsync("update contacts set service_level = 'gold' where id = @id", new { id = await ContactOfAsync(db, address) });
    }

    async Task<int> QueriesOfAsync(string address)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<int>("select count(*) from queries where contact_id = @id", new { id = await ContactOfAsync(db, address) });
    }

    // The survey job asks after resolution; here the question is put as the job leaves it: sent (CSAT), by e-mail.
    async Task<long> SurveySentAsync(string reference)
    {
        await using var db = await desk.OpenDbAsync();
        var now = DateTimeOffset.UtcNow;
        await db.ExecuteAsync("""
            insert into surveys (query_id, contact_id, token, status, kind, channel, send_at, sent_at, created_at, updated_at)
            select id, contact_id, @token, 'sent', 'csat', 'email', @now, @now, @now, @now from queries where reference = @reference
            """, new { token = $"portal-test-{Guid.NewGuid():N}", now, reference });
        return await db.ExecuteScalarAsync<long>("select s.id from surveys s join queries q on q.id = s.query_id where q.reference = @reference", new { reference });
    }

    /// <summary>A portal desk whose new laptops are for gold contacts, with a form: a required model and an optional reason.</summary>
    public sealed class RequestDesk : PortalTests.PortalDesk
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Catalog:Entitlements:new-laptop:0", "gold");
            builder.UseSetting("Catalog:Forms:new-laptop:0:Name", "model");
            builder.UseSetting("Catalog:Forms:new-laptop:0:Required", "true");
            builder.UseSetting("Catalog:Forms:new-laptop:0:Label", "Model");
            builder.UseSetting("Catalog:Forms:new-laptop:0:LabelZh", "型号");
            builder.UseSetting("Catalog:Forms:new-laptop:1:Name", "reason");
            builder.UseSetting("Catalog:Forms:new-laptop:1:Label", "Reason");
        }
    }
}
