using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Desk.Tests.Bot;

// A real Kestrel server in the Bot Framework's identity services' place: an OpenID metadata document with its JWKS
// (the channel's signing key), and a client-credentials token endpoint that records every request.
internal sealed class LocalBotIdentity : IAsyncDisposable
{
    public const string AppId = "5f0c2a3e-desk-bot-app";
    public const string AppPassword = "local-test-secret";
    public const string Issuer = "https://api.botframework.com";

    readonly RSA signing = RSA.Create(2048);
    readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> tokenRequests = new();
    WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + "/oauth2/v2.0/token";

    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => [.. tokenRequests];

    public IReadOnlyList<string> IssuedTokens => [.. tokenRequests.Select((_, i) => "outbound-token-" + (i + 1))];

    public RsaSecurityKey Key => new(signing) { KeyId = "desk-test-key" };

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = Issuer,
            authorization_endpoint = BaseUrl + "/v1/.well-known/keys",
            jwks_uri = BaseUrl + "/v1/.well-known/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            var p = signing.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA", use = "sig", kid = Key.KeyId, alg = "RS256",
                        n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent),
                        // As the Bot Connector's keys say which channels they sign for.
                        endorsements = Endorsements,
                    },
                },
            });
        });
        app.MapPost("/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            tokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = 3600,
                ext_expires_in = 3600,
                access_token = "outbound-token-" + tokenRequests.Count,
            });
        });
        await app.StartAsync();
        BaseUrl = app.Urls.Single();
    }

    /// <summary>The channels the signing key is endorsed for.</summary>
    public string[] Endorsements { get; init; } = ["directline", "msteams", "webchat"];

    public Dictionary<string, string?> Settings() => new()
    {
        ["Bot:MicrosoftAppId"] = AppId,
        ["Bot:MicrosoftAppPassword"] = AppPassword,
        ["Bot:OpenIdMetadataUrl"] = MetadataUrl,
        ["Bot:TokenEndpoint"] = TokenEndpoint,
    };

    // A channel token as the Bot Connector mints one; each argument can be made wrong.
    public string Mint(string serviceUrl, string audience = AppId, string issuer = Issuer,
        DateTime? expires = null, SecurityKey? key = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        var claims = new ClaimsIdentity([new Claim("serviceurl", serviceUrl), new Claim("ver", "1.0")]);
        return new JwtSecurityTokenHandler().CreateEncodedJwt(issuer, audience, claims,
            notBefore: expiry.AddHours(-1), expires: expiry, issuedAt: expiry.AddHours(-1),
            new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256));
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
        signing.Dispose();
    }
}
