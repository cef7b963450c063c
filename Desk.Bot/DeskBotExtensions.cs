using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

/// <summary>Registers and maps the desk's Bot Framework endpoint.</summary>
public static class DeskBotExtensions
{
    /// <summary>The Bot Framework messaging endpoint's path.</summary>
    public const string MessagesPath = "/api/messages";

    /// <summary>
    /// Adds the bot's services and its options, bound from the <c>Bot</c> configuration section and validated at
    /// start-up (<c>Bot:AllowedServiceUrls</c> must list at least one connector URL prefix). The host registers
    /// an <see cref="IBotDesk"/>.
    /// </summary>
    public static IServiceCollection AddDeskBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var bot = configuration.GetSection(BotOptions.Section).Get<BotOptions>() ?? new BotOptions();
        BotAuthentication.Add(services, bot);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<ConnectorTokenSource>().RemoveAllLoggers();
        services.AddTransient<ConnectorTokenHandler>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddScoped<ActivityReader>();
        services.AddScoped<BotTurn>();
        services.AddScoped<BotDialogue>();
        services.AddHttpClient(nameof(BotConnector), (provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<BotOptions>>().Value.ReplyTimeout)
            // A redirect from an allowed connector must not carry the reply somewhere else.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            // The default client logs carry the full URL, conversation id included; BotConnector logs the host only.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<ConnectorTokenHandler>()
            .AddTypedClient((http, provider) => new BotConnector(
                http, provider.GetRequiredService<ServiceUrlPolicy>(), provider.GetRequiredService<ILogger<BotConnector>>()));
        return services;
    }

    /// <summary>
    /// Maps <c>POST /api/messages</c>, the Bot Framework messaging endpoint. Returns the route builder so the host
    /// can add authorization (e.g. <c>.RequireAuthorization(policy)</c>). The endpoint carries
    /// <see cref="IRequestSizeLimitMetadata"/> with <c>Bot:MaxActivityBytes</c>, for a host that caps bodies.
    /// </summary>
    public static RouteHandlerBuilder MapDeskBot(this IEndpointRouteBuilder app) =>
        app.MapPost(MessagesPath, ReceiveAsync)
            .WithName("DeskBotMessages")
            .WithTags("Bot")
            .WithMetadata(new ActivitySizeLimit(app.ServiceProvider))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, ActivityReader reader, BotTurn turn, ILogger<BotTurn> logger, CancellationToken ct)
    {
        var (activity, problem) = await reader.ReadAsync(request, ct);
        if (activity is null)
            return problem!;
        var user = request.HttpContext.User;
        if (!BotAuthentication.IsChannel(user))
            return await turn.HandleAsync(activity, user.Identity?.Name is { Length: > 0 } name ? name : "anonymous", ct);

        // A channel token is issued for one connector: an activity naming another one is not the channel's.
        if (user.FindFirst(BotAuthentication.ServiceUrlClaim)?.Value is not { Length: > 0 } claimed
            || !string.Equals(claimed, activity.ServiceUrl, StringComparison.Ordinal))
        {
            logger.ServiceUrlClaimMismatch();
            return TypedResults.Problem("The token was issued for another serviceUrl than the activity's.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Token not for this connector");
        }
        // A key endorsed for some channels signs only for those: a Teams key cannot vouch for a "slack" activity.
        if (!BotAuthentication.EndorsedFor(user, activity.ChannelId))
        {
            logger.ChannelNotEndorsed();
            return TypedResults.Problem("The token's signing key is not endorsed for the activity's channel.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Key not endorsed for this channel");
        }
        return await turn.HandleAsync(activity, BotAuthentication.Scheme, ct);
    }

    // Read when a request comes, so a bad option fails at start-up validation, not while mapping.
    sealed class ActivitySizeLimit(IServiceProvider services) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => services.GetRequiredService<IOptions<BotOptions>>().Value.MaxActivityBytes;
    }
}
