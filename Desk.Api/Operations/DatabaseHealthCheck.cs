using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Desk.Api.Operations;

internal sealed class DatabaseHealthCheck(DeskDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(ct);
            var migrations = await connection.ExecuteScalarAsync<int>(new CommandDefinition("select count(*) from schema_migrations", cancellationToken: ct));
            return HealthCheckResult.Healthy($"{db.Dialect.Name}, {migrations} migrations applied");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
