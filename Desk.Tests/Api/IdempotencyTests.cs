using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

public sealed class IdempotencyTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task Submit_TwiceWithTheSameKey_GivesTheSameAnswerAndOneQuery()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var query = Requests.Query("The badge reader at the north door does not open");

        var first = await PostAsync(channel, query, "key-1");
        var second = await PostAsync(channel, query, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync("The badge reader at the north door does not open"));
    }

    [Fact]
    public async Task Submit_SameKeyWithADifferentBody_Returns409AndStoresNothingNew()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        await PostAsync(channel, Requests.Query("Someone phoned asking for my password", address: "k2@example.org"), "key-2");
        var before = await CountAsync();

        var response = await PostAsync(channel, Requests.Query("Something else entirely", address: "k2@example.org"), "key-2");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Submit_SameKeyFromTwoCallers_IsTwoQueries()
    {
        using var one = await desk.WithApiKeyAsync("intake");
        using var two = await desk.WithApiKeyAsync("intake");
        var query = Requests.Query("How do I set up my out-of-office reply?", address: "k3@example.org");

        var a = await (await PostAsync(one, query, "shared-key")).JsonAsync();
        var b = await (await PostAsync(two, query, "shared-key")).JsonAsync();

        Assert.NotEqual(a.Str("reference"), b.Str("reference"));
    }

    [Fact]
    public async Task Submit_ConcurrentlyWithTheSameKey_StoresOneQuery()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var query = Requests.Query("Teams has no audio since the update", address: "k4@example.org");
        var before = await CountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(channel, query, "key-4")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var references = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Str("reference")));
        Assert.Single(references.Distinct());
        Assert.Equal(before + 1, await CountAsync());
    }

    static Task<HttpResponseMessage> PostAsync(HttpClient client, object query, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/queries") { Content = JsonContent.Create(query) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    async Task<long> CountAsync(string? text = null)
    {
        await using var connection = await desk.OpenDbAsync();
        return await connection.ExecuteScalarAsync<long>("select count(*) from queries where @text is null or text = @text", new { text });
    }
}
