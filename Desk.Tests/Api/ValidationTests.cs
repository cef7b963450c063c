using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>Every input path gets bad input: a clear ProblemDetails, and nothing stored.</summary>
public sealed class ValidationTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    public static TheoryData<string, string> BadQueries => new()
    {
        { """{"text":"","channel":"web","contact":{"channel":"email","address":"a@example.org"}}""", "text" },
        { """{"text":"   ","channel":"web","contact":{"channel":"email","address":"a@example.org"}}""", "text" },
        { """{"text":"help","channel":"pigeon","contact":{"channel":"email","address":"a@example.org"}}""", "channel" },
        { """{"text":"help","channel":"web"}""", "contact" },
        { """{"text":"help","channel":"web","contact":{"channel":"E Mail!","address":"a@example.org"}}""", "contact.channel" },
        { """{"text":"help","channel":"web","contact":{"channel":"email","address":""}}""", "contact.address" },
        { """{"text":"help","channel":"web","contact":{"channel":"email","address":"a@example.org"},"catalogItem":"pony"}""", "catalogItem" },
        { """{"text":"help","channel":"web","contact":{"channel":"email","address":"a@example.org"},"impact":"huge"}""", "impact" },
        { """{"text":"help","channel":"web","contact":{"channel":"email","address":"a@example.org"},"urgency":"now"}""", "urgency" },
        { "{\"text\":\"" + new string('x', 10_001) + "\",\"channel\":\"web\",\"contact\":{\"channel\":\"email\",\"address\":\"a@example.org\"}}", "text" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Submit_WithInvalidField_ReturnsValidationProblemAndStoresNothing(string body, string field)
    {
        using var agent = await desk.SignInAsync("agent");
        var before = await CountAsync();

        var response = await agent.PostAsync("/api/queries", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        // Framework validation names members as declared (Contact.Address), ours as in JSON (contact.address).
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name);
        Assert.True(fields.Contains(field, StringComparer.OrdinalIgnoreCase), $"expected an error for {field}: {problem}");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("{\"text\": \"unterminated", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("text=help", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("help", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Submit_WithUnreadableBody_ReturnsProblemAndStoresNothing(string body, string contentType, HttpStatusCode expected)
    {
        using var agent = await desk.SignInAsync("agent");
        var before = await CountAsync();

        var response = await agent.PostAsync("/api/queries", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("""{"text":123,"channel":"web","contact":{"channel":"email","address":"a@example.org"}}""", "at $.text (line 1, byte")]
    [InlineData("""{"text":"help","channel":"web","channel":"sms","contact":{"channel":"email","address":"a@example.org"}}""", "a property is given twice at $.channel")]
    [InlineData("""{"text":"help","channel":"web","contact":"a@example.org"}""", "at $.contact")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("", "needs a JSON body")]
    public async Task Submit_WithJsonOfTheWrongShape_SaysWhereInTheProblemsDetail(string body, string detail)
    {
        using var agent = await desk.SignInAsync("agent");

        var response = await agent.PostAsync("/api/queries", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(detail, problem.Str("detail"));
        Assert.DoesNotContain("System.", problem.Str("detail"));
    }

    [Theory]
    [InlineData("agent", "/api/queries?limit=abc", "limit")]
    [InlineData("agent", "/api/queries?sort=newest&offset=1.5", "offset")]
    [InlineData("supervisor", "/api/overrides?reviewed=maybe", "reviewed")]
    [InlineData("admin", "/api/admin/audit-events?after=yesterday", "after")]
    public async Task AQueryStringValueThatDoesNotParse_IsNamedInTheProblemsDetail(string caller, string path, string name)
    {
        using var client = await desk.SignInAsync(caller);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"'{name}' is not of the kind this request takes", (await response.JsonAsync()).Str("detail"));
    }

    [Fact]
    public async Task Submit_WithBodyOverTheLimit_Returns413AndStoresNothing()
    {
        using var agent = await desk.SignInAsync("agent");
        var before = await CountAsync();
        var body = "{\"text\":\"" + new string('x', 70_000) + "\",\"channel\":\"web\",\"contact\":{\"channel\":\"email\",\"address\":\"a@example.org\"}}";

        var response = await agent.PostAsync("/api/queries", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("GET", "/api/queries/INC-999999", null)]
    [InlineData("PATCH", "/api/queries/INC-999999", """{"status":"open"}""")]
    [InlineData("POST", "/api/queries/INC-999999/messages", """{"text":"hello"}""")]
    public async Task UnknownReference_Returns404Problem(string method, string path, string? body)
    {
        using var agent = await desk.SignInAsync("agent");
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var response = await agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("INC-999999", (await response.JsonAsync()).Str("detail"));
    }

    [Theory]
    [InlineData("queue=nowhere")]
    [InlineData("status=sleeping")]
    [InlineData("type=rant")]
    [InlineData("priority=P9")]
    [InlineData("channel=fax")]
    [InlineData("limit=0")]
    [InlineData("limit=500")]
    [InlineData("after=abc")]
    public async Task List_WithBadFilter_ReturnsValidationProblem(string query)
    {
        using var agent = await desk.SignInAsync("agent");

        var response = await agent.GetAsync($"/api/queries?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Patch_WithNothingToChange_ReturnsValidationProblemAndWritesNothing()
    {
        using var agent = await desk.SignInAsync("agent");
        var receipt = await agent.SubmitAsync(Requests.Query("VPN is down"));

        var response = await agent.PatchAsJsonAsync($"/api/queries/{receipt.Str("reference")}", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await (await agent.GetAsync($"/api/queries/{receipt.Str("reference")}")).JsonAsync();
        Assert.Single(detail.GetProperty("timeline").EnumerateArray());
    }

    async Task<long> CountAsync()
    {
        await using var connection = await desk.OpenDbAsync();
        return await connection.ExecuteScalarAsync<long>("select count(*) from queries");
    }
}
