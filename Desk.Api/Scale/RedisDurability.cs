using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>
/// The Data Protection key ring lives only in Redis: a Redis that restarts without persistence, or evicts keys when
/// full, loses it, and then the nodes read none of the cookies they issued before (every member is signed out) and
/// each makes a key of its own, so they also reject each other's. Said once at start-up, where Redis lets us ask.
/// </summary>
internal static partial class RedisDurability
{
    public static async Task WarnAsync(string configuration, ILogger logger)
    {
        // CONFIG is an admin command: asked on a connection of its own that allows it, closed at once.
        var options = ConfigurationOptions.Parse(configuration);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        try
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync(options);
            foreach (var server in admin.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                var settings = (await server.ConfigGetAsync("*")).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
                var appendOnly = settings.GetValueOrDefault("appendonly");
                var save = settings.GetValueOrDefault("save");
                var eviction = settings.GetValueOrDefault("maxmemory-policy");
                var where = EndPointCollection.ToString(server.EndPoint);
                if (appendOnly is "no" && save is "")
                    LogNotPersisted(logger, where);
                if (eviction is { } policy && policy != "noeviction")
                    LogEvicts(logger, where, policy);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Managed Redis often disables or renames CONFIG: then nothing is known, and nothing is said.
            LogNotAsked(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Server} persists nothing (appendonly no, save \"\"): if it restarts, the "
        + "Data Protection key ring is lost and every staff member is signed out. Turn on AOF (appendonly yes) or RDB snapshots (docs/deploy.md)")]
    static partial void LogNotPersisted(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {Server} evicts keys when full (maxmemory-policy {Policy}): it may drop the "
        + "Data Protection key ring and sign every staff member out. Set maxmemory-policy noeviction (docs/deploy.md)")]
    static partial void LogEvicts(ILogger logger, string server, string policy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read Redis's persistence settings (CONFIG GET): {Reason}")]
    static partial void LogNotAsked(ILogger logger, string reason);
}
