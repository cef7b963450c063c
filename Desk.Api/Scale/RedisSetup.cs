using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using RedisOptionsOfSignalR = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace Desk.Api.Scale;

/// <summary>
/// Several desk nodes behind one address: with <c>Redis:Configuration</c> set they share SignalR pushes, the Data
/// Protection key ring, node events and locks. Without it nothing here changes how a single node runs.
/// </summary>
internal static partial class RedisSetup
{
    /// <summary>The same on every node, so a cookie one node protects another can read.</summary>
    const string ApplicationName = "ServiceDesk";

    public static IServiceCollection AddDeskRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        // Checked here as well as on start: start-up resolves the hub (and so parses the configuration) before that.
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
            throw new OptionsValidationException(RedisOptions.Section, typeof(RedisOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));
        var prefix = options.Prefix;
        services.AddSingleton(provider => new NodeLocks(provider.GetService<IConnectionMultiplexer>(), prefix));
        services.AddSingleton(provider => new NodeEvents(
            provider.GetService<IConnectionMultiplexer>(), options, provider.GetRequiredService<ILogger<NodeEvents>>()));
        services.AddHostedService(provider => provider.GetRequiredService<NodeEvents>());
        if (!options.Joined)
            return services;

        // Connects at start-up (JoinAsync); a node that cannot reach Redis refuses to start rather than run apart.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options.Configuration!));
        services.AddSingleton<SharedLimits>();
        // The backplane shares the node's one connection, so what the desk knows of Redis (IsConnected, ConnectionRestored)
        // is what the pushes go through.
        services.AddSignalR().AddStackExchangeRedis(o => o.Configuration.ChannelPrefix = RedisChannel.Literal($"{prefix}:signalr"));
        services.AddOptions<RedisOptionsOfSignalR>().Configure<IConnectionMultiplexer>(
            (o, redis) => o.ConnectionFactory = _ => Task.FromResult(redis));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, redis) =>
            o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), $"{prefix}:data-protection-keys"));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return services;
    }

    /// <summary>
    /// Connects to Redis when nodes are joined, and warns when Redis could lose the key ring; false (said in one line) when
    /// Redis does not answer: the node must not start apart from the others.
    /// </summary>
    public static async Task<bool> JoinAsync(IServiceProvider services, ILogger logger)
    {
        var options = services.GetRequiredService<IOptions<RedisOptions>>().Value;
        if (!options.Joined)
            return true;
        try
        {
            services.GetRequiredService<IConnectionMultiplexer>();
        }
        catch (RedisConnectionException e)
        {
            var servers = string.Join(", ", ConfigurationOptions.Parse(options.Configuration!).EndPoints.Select(EndPointCollection.ToString));
            LogUnreachable(logger, servers, e.FailureType);
            return false;
        }
        await RedisDurability.WarnAsync(options.Configuration!, logger);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Not starting: Redis at {Servers} (Redis:Configuration) does not answer ({Failure}). "
        + "Start Redis or correct Redis:Configuration; a node joined to others does not run without it (empty Redis:Configuration runs one node alone).")]
    static partial void LogUnreachable(ILogger logger, string servers, ConnectionFailureType failure);
}
