using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Desk.Tests.Bot;

// Bot Framework authentication, both ways, against a local OpenID metadata document and token endpoint.
public sealed class BotJwtTests : IAsyncLifetime
{
    readonly LocalBotIdentity identity = new();
    BotTestHost host = null!;

    public async Task InitializeAsync()
    {
        await identity.StartAsync();
        host = await BotTestHost.StartAsync([], identity.Settings());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await identity.DisposeAsync();
    }

    [Fact]
    public async Task ValidChannelToken_IsAccepted_AndTheReplyCarriesTheOutboundToken()
    {
        var activity = host.Message("My VPN keeps disconnecting");

        var response = await PostAsync(activity, identity.Mint(ServiceUrl(activity)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Desk.Queries);
        var reply = Assert.Single(host.Connector.Received);
        Assert.Equal("Bearer outbound-token-1", reply.Authorization);
        var request = Assert.Single(identity.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal(LocalBotIdentity.AppId, request["client_id"]);
        Assert.Equal(LocalBotIdentity.AppPassword, request["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(LocalBotIdentity.AppPassword));
    }

    public static TheoryData<string> WrongTokens => ["forged", "expired", "audience", "issuer", "serviceUrl", "none", "garbage"];

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task WrongToken_Is401_TakesNothing_AndSendsNoReply(string wrong)
    {
        var activity = host.Message("Printer on floor 3 is jammed");
        var serviceUrl = ServiceUrl(activity);
        using var forger = RSA.Create(2048);
        var token = wrong switch
        {
            // Same key id, another key: only the signature is wrong.
            "forged" => identity.Mint(serviceUrl, key: new RsaSecurityKey(forger) { KeyId = identity.Key.KeyId }),
            "expired" => identity.Mint(serviceUrl, expires: DateTime.UtcNow.AddMinutes(-10)),
            "audience" => identity.Mint(serviceUrl, audience: "another-bot"),
            "issuer" => identity.Mint(serviceUrl, issuer: "https://sts.example.com/"),
            "serviceUrl" => identity.Mint(host.Connector.BaseUrl + "/elsewhere/"),
            "garbage" => "not.a.token",
            _ => null,
        };

        var response = await PostAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Desk.Queries);
        Assert.Empty(host.Connector.Received);
        Assert.Empty(identity.TokenRequests);
    }

    [Fact]
    public async Task AToken_WhoseKeyIsNotEndorsedForTheActivitysChannel_Is401_AndTakesNothing()
    {
        var activity = host.Message("Printer on floor 3 is jammed");
        activity["channelId"] = "slack";

        var response = await PostAsync(activity, identity.Mint(ServiceUrl(activity)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Desk.Queries);
        Assert.Empty(host.Connector.Received);
    }

    [Fact]
    public async Task OutboundToken_IsFetchedOnce_ForSeveralReplies_AndAgainAfterThe401()
    {
        for (var i = 0; i < 3; i++)
            await PostOkAsync("Laptop " + i + " will not boot");

        Assert.Single(identity.TokenRequests);
        Assert.All(host.Connector.Received, r => Assert.Equal("Bearer outbound-token-1", r.Authorization));

        host.Connector.RefuseNext = 1;
        await PostOkAsync("Monitor flickers");
        await PostOkAsync("Keyboard missing keys");

        Assert.Equal(2, identity.TokenRequests.Count);
        var last = host.Connector.Received.TakeLast(3).Select(r => r.Authorization).ToList();
        // The refused reply is sent again with a fresh token; the next reply keeps using it.
        Assert.Equal(["Bearer outbound-token-1", "Bearer outbound-token-2", "Bearer outbound-token-2"], last);
    }

    async Task PostOkAsync(string text)
    {
        var activity = host.Message(text);
        var response = await PostAsync(activity, identity.Mint(ServiceUrl(activity)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Http.SendAsync(request);
    }

    static string ServiceUrl(JsonObject activity) => activity["serviceUrl"]!.GetValue<string>();
}
