using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Desk.Api.Jobs;

/// <summary>"scheduler": this node's Hangfire server writes its heartbeat, so the jobs it takes do run.</summary>
internal sealed class SchedulerHealthCheck(JobStorage storage, JobServerName server, IOptions<JobsOptions> options) : IHealthCheck
{
    // A server beats every 30 s (Hangfire's default); three beats missed is a server that stopped.
    static readonly TimeSpan Stale = TimeSpan.FromSeconds(90);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            // Heartbeats are Hangfire's wall-clock time, not the desk's clock (which tests move).
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            bool Alive(Hangfire.Storage.Monitoring.ServerDto s) => s.Heartbeat is { } beat && now - beat < Stale;
            var alive = servers.Count(Alive);
            if (options.Value.Workers == 0)
                return Task.FromResult(HealthCheckResult.Healthy($"No job server on this node (Jobs:Workers is 0); {alive} running elsewhere."));
            var own = servers.FirstOrDefault(s => server.Owns(s.Name));
            return Task.FromResult(own is null ? HealthCheckResult.Unhealthy("This node's job server has not checked in.")
                : !Alive(own) ? HealthCheckResult.Unhealthy($"This node's job server last beat at {own.Heartbeat:O}.")
                : HealthCheckResult.Healthy($"Job server beating, {own.WorkersCount} workers; {alive} servers in all."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage does not answer.", e));
        }
    }
}

/// <summary>This node's server name: the machine and a tag per start, so two nodes on one machine tell apart.</summary>
internal sealed class JobServerName
{
    public string Name { get; } = $"{Environment.MachineName}.{Guid.NewGuid().ToString("n")[..8]}".ToLowerInvariant();

    // Hangfire makes the server id from the name, the process id and a guid.
    public bool Owns(string serverId) => serverId.StartsWith(Name + ":", StringComparison.OrdinalIgnoreCase);
}
