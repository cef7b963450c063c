using Desk.Api.Scale;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Desk.Api.Board;

internal static class BoardSetup
{
    public static IServiceCollection AddBoard(this IServiceCollection services)
    {
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BoardStore>();
        services.AddSingleton<BoardPresence>();
        // Who is online on the other nodes, when there are any (Redis:Configuration).
        services.AddSingleton(provider => new NodePresence(provider.GetService<IConnectionMultiplexer>(), provider.GetRequiredService<BoardPresence>(),
            provider.GetRequiredService<NodeEvents>(), provider.GetRequiredService<IOptions<RedisOptions>>().Value,
            provider.GetRequiredService<ILogger<NodePresence>>()));
        services.AddHostedService(provider => provider.GetRequiredService<NodePresence>());
        services.AddSingleton<BoardTally>();
        services.AddSingleton<BoardFeed>();
        services.AddHostedService<BoardWatch>();
        return services;
    }
}
