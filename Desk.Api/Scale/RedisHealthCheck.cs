using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>
/// A node cut off from Redis misses the others' pushes and changes, but still works: it counts rate limits alone and
/// tells every page to reload once Redis is back. So Degraded (still 200): when Redis itself is down every node is cut
/// off, and a proxy that took them all out of rotation would stop the desk. Unhealthy only until it first subscribed.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, NodeEvents events) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!events.Listening)
            return HealthCheckResult.Unhealthy("Not yet subscribed to the other nodes' events.");
        try
        {
            if (!redis.IsConnected)
                return HealthCheckResult.Degraded("Redis is not connected: pushes reach no console until it is back.");
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(1), ct);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: pushes reach no console until it does.", e);
        }
    }
}
