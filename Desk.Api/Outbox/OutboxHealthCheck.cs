using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Desk.Api.Outbox;

/// <summary>
/// Degraded while users are not being reached: messages retrying for long (a mail server, Twilio or a connector down)
/// or given up lately. Degraded still answers 200, so a load balancer keeps the node; an operator's probe sees why.
/// </summary>
internal sealed class OutboxHealthCheck(OutboxStore store, IOptionsMonitor<OutboxOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var trouble = await store.TroubleAsync(now - settings.WarnRetryingFor, now - settings.WarnGivenUpWithin, ct);
        if (trouble.Retrying == 0 && trouble.GivenUp == 0)
            return HealthCheckResult.Healthy("Messages reach their users.");
        var said = string.Create(CultureInfo.InvariantCulture,
            $"{trouble.Retrying} messages retrying for over {settings.WarnRetryingFor.TotalMinutes:0} min, "
            + $"{trouble.GivenUp} given up in the last {settings.WarnGivenUpWithin.TotalMinutes:0} min; last error: {trouble.LastError ?? "none"}");
        return HealthCheckResult.Degraded(said);
    }
}
