using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>A node cut off from Redis misses the others' pushes and changes: the proxy should stop sending it work.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, NodeEvents events) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!events.Listening)
            return HealthCheckResult.Unhealthy("Not yet subscribed to the other nodes' events.");
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
