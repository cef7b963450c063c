using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>
/// Several desk nodes behind one address: with <c>Redis:Configuration</c> set they share SignalR pushes, the Data
/// Protection key ring, node events and locks. Without it nothing here changes how a single node runs.
/// </summary>
internal static class RedisSetup
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

        // Connects on first use, at start-up; a node that cannot reach Redis refuses to start rather than run apart.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options.Configuration!));
        services.AddSignalR().AddStackExchangeRedis(options.Configuration!,
            o => o.Configuration.ChannelPrefix = RedisChannel.Literal($"{prefix}:signalr"));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, redis) =>
            o.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), $"{prefix}:data-protection-keys"));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return services;
    }
}
