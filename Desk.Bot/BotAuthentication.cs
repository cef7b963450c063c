using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Desk.Bot;

/// <summary>
/// Inbound Bot Framework authentication: with <c>Bot:MicrosoftAppId</c> set, a channel's
/// <c>Authorization: Bearer</c> JWT on <c>/api/messages</c> is validated by the <see cref="Scheme"/> scheme
/// against the configured OpenID metadata. The host forwards to it when <see cref="Selects"/> says so and lets
/// <see cref="IsChannel"/> callers through its bot policy. With no app id it is off and selects nothing.
/// </summary>
public sealed class BotAuthentication
{
    /// <summary>The JwtBearer scheme's name.</summary>
    public const string Scheme = "BotFramework";

    /// <summary>Claim in a channel token that names the connector the bot must reply to.</summary>
    internal const string ServiceUrlClaim = "serviceurl";

    /// <summary>
    /// Added to a validated token's identity, one per channel its signing key is endorsed for, when the key lists
    /// endorsements (the Bot Connector's keys do): an activity must then come from one of those channels.
    /// </summary>
    internal const string EndorsementClaim = "desk:endorsement";

    internal BotAuthentication(bool enabled) => Enabled = enabled;

    /// <summary>Whether a Microsoft app id is configured, so channel tokens are validated.</summary>
    public bool Enabled { get; }

    /// <summary>True for a bearer token on the messaging endpoint while channel tokens are validated.</summary>
    public bool Selects(HttpRequest request) =>
        Enabled
        && request.Path.StartsWithSegments(DeskBotExtensions.MessagesPath)
        && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a caller whose channel token this scheme validated.</summary>
    public static bool IsChannel(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Scheme);

    internal static void Add(IServiceCollection services, BotOptions bot)
    {
        services.AddSingleton(new BotAuthentication(bot.AuthenticationEnabled));
        services.AddHostedService<Notice>();
        if (!bot.AuthenticationEnabled)
            return;
        services.AddAuthentication().AddJwtBearer(Scheme, o =>
        {
            o.MetadataAddress = bot.OpenIdMetadataUrl;
            // Plain http only for a metadata document on this machine (tests); validation refuses it elsewhere.
            o.RequireHttpsMetadata = !BotOptions.IsLoopback(bot.OpenIdMetadataUrl);
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = bot.Issuers,
                ValidAudience = bot.MicrosoftAppId,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromMinutes(5),
                AuthenticationType = Scheme,
            };
            o.Events = new JwtBearerEvents { OnTokenValidated = AddEndorsements };
        });
    }

    static async Task AddEndorsements(TokenValidatedContext context)
    {
        // The key the token was signed with, as the metadata's key set lists it (with its endorsements).
        if (context.SecurityToken.SigningKey?.KeyId is not { } keyId
            || context.Options.ConfigurationManager is null
            || context.Principal?.Identity is not System.Security.Claims.ClaimsIdentity identity)
            return;
        var configuration = await context.Options.ConfigurationManager.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
            return;
        // Present but naming no channel still means "endorsed for none".
        identity.AddClaim(new System.Security.Claims.Claim(EndorsementClaim, ""));
        foreach (var channel in Names(endorsements))
            identity.AddClaim(new System.Security.Claims.Claim(EndorsementClaim, channel));
    }

    static IEnumerable<string> Names(object? endorsements) => endorsements switch
    {
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array =>
            array.EnumerateArray().Where(e => e.ValueKind == System.Text.Json.JsonValueKind.String).Select(e => e.GetString()!),
        string => [],
        System.Collections.IEnumerable list => list.Cast<object?>().Select(e => e?.ToString()).OfType<string>(),
        _ => [],
    };

    /// <summary>
    /// Whether the token's signing key may sign for <paramref name="channelId"/>: yes when the key lists no
    /// endorsements, else only for a channel it lists (as the Bot Framework SDK checks).
    /// </summary>
    internal static bool EndorsedFor(System.Security.Claims.ClaimsPrincipal user, string? channelId)
    {
        var endorsements = user.FindAll(EndorsementClaim).Select(c => c.Value).ToList();
        return endorsements.Count == 0 || (channelId is { Length: > 0 } && endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase));
    }

    // Start-up says which way in the bot has, once.
    sealed class Notice(IOptions<BotOptions> options, ILogger<BotAuthentication> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.AuthenticationEnabled)
                logger.JwtOn(options.Value.OpenIdMetadataUrl);
            else
                logger.JwtOff();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
