using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Desk.Tests.Bot;

public sealed class BotRefusalTests : IAsyncLifetime
{
    BotTestHost host = null!;

    public async Task InitializeAsync() => host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("{type: 'message'}")]
    [InlineData("[{\"type\":\"message\"}]")]
    [InlineData("null")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\":\"message\",\"text\":42}")]
    public async Task MalformedBody_IsRefusedWith400Problem_AndReachesNoOne(string body)
    {
        var response = await host.PostRawAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNothingSent();
    }

    [Fact]
    public async Task EmptyBody_IsRefusedWith400Problem()
    {
        var response = await host.PostRawAsync("");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNothingSent();
    }

    [Fact]
    public async Task NonJsonContentType_IsRefusedWith415Problem()
    {
        var response = await host.PostRawAsync(host.Message("hello").ToJsonString(), "text/plain");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        AssertNothingSent();
    }

    [Theory]
    [InlineData("type")]
    [InlineData("id")]
    [InlineData("channelId")]
    [InlineData("serviceUrl")]
    [InlineData("from")]
    [InlineData("conversation")]
    public async Task Message_MissingARequiredField_IsRefusedWith400Problem(string field)
    {
        var message = host.Message("printer jammed");
        message.Remove(field);

        var response = await host.PostAsync(message);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNothingSent();
    }

    [Fact]
    public async Task Message_OverTenThousandCharacters_IsNotLogged_AndTheChatIsToldWhy()
    {
        var response = await host.PostAsync(host.Message(new string('x', 10_001)));

        // The channel's call succeeds: a 413 would reach the channel, and the person would see their message vanish.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Desk.Queries);
        var reply = Assert.Single(host.Connector.Received);
        Assert.Contains("10,001 characters", reply.Property("text"));
        Assert.Contains("at most 10,000", reply.Property("text"));
        Assert.Contains("not logged", reply.Property("text"));
    }

    [Fact]
    public async Task Message_OfExactlyTenThousandCharacters_IsTaken()
    {
        var response = await host.PostAsync(host.Message(new string('x', 10_000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10_000, Assert.Single(host.Desk.Queries).Text.Length);
    }

    [Fact]
    public async Task Activity_OverTheSizeCap_IsRefusedWith413Problem()
    {
        var message = host.Message("hello");
        message["channelData"] = new JsonObject { ["padding"] = new string('p', 300 * 1024) };

        var response = await host.PostAsync(message);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        AssertNothingSent();
    }

    public static TheoryData<string> RefusedServiceUrls => new()
    {
        "http://localhost:{port}/",
        "https://127.0.0.1:{port}/",
        "http://127.0.0.1:{port}@localhost:{port}/",
        "http://127.0.0.1:{port}/?to=elsewhere",
        "ftp://127.0.0.1:{port}/",
        "file:///etc/passwd",
        "/relative/only",
    };

    [Theory]
    [MemberData(nameof(RefusedServiceUrls))]
    public async Task Message_ToADisallowedServiceUrl_IsRefusedWith400_AndNothingGoesOut(string serviceUrl)
    {
        var message = host.Message("reset my password", serviceUrl.Replace("{port}", host.Connector.Port.ToString()));

        var response = await host.PostAsync(message);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNothingSent();
    }

    [Fact]
    public async Task Greeting_ToADisallowedServiceUrl_IsRefusedWith400_AndNothingGoesOut()
    {
        var update = new JsonObject
        {
            ["type"] = "conversationUpdate",
            ["serviceUrl"] = $"http://localhost:{host.Connector.Port}/",
            ["recipient"] = new JsonObject { ["id"] = "desk-bot" },
            ["conversation"] = new JsonObject { ["id"] = "conv-4" },
            ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-7" }),
        };

        var response = await host.PostAsync(update);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNothingSent();
    }

    [Fact]
    public async Task Message_TheDeskRefusesAsInvalid_Is400ProblemNamingTheFields_AndNoReplyGoesOut()
    {
        host.Desk.Outcome = new Desk.Bot.BotOutcome.Invalid(new Dictionary<string, string[]> { ["from.id"] = ["The user id is too long."] });

        var response = await host.PostAsync(host.Message("printer jammed"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("from.id", out _), problem.ToString());
        Assert.Empty(host.Connector.Received);
    }

    [Fact]
    public async Task Message_WhoseIdTheDeskSawWithOtherText_Is409Problem_AndNoReplyGoesOut()
    {
        host.Desk.Outcome = new Desk.Bot.BotOutcome.KeyReused();

        var response = await host.PostAsync(host.Message("printer jammed"));

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Empty(host.Connector.Received);
    }

    [Fact]
    public async Task Message_DuplicateKeys_IsRefusedWith400Problem()
    {
        var body = host.Message("printer jammed").ToJsonString();

        var response = await host.PostRawAsync("{\"text\":\"something else\"," + body[1..]);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNothingSent();
    }

    void AssertNothingSent()
    {
        Assert.Empty(host.Desk.Queries);
        Assert.Empty(host.Connector.Received);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
