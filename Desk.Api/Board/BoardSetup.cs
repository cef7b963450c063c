namespace Desk.Api.Board;

internal static class BoardSetup
{
    public static IServiceCollection AddBoard(this IServiceCollection services)
    {
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BoardStore>();
        services.AddSingleton<BoardPresence>();
        services.AddSingleton<BoardTally>();
        services.AddSingleton<BoardFeed>();
        services.AddHostedService<BoardWatch>();
        return services;
    }
}
