using System.Text.Json;
using Desk.Api.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Desk.Api.Operations;

/// <summary>
/// /health as JSON. Anyone (a load balancer) learns healthy or unhealthy; signed-in staff also see each check,
/// since the descriptions name the engine and the migrations applied.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        object body = Roles.All.Any(http.User.IsInRole)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
