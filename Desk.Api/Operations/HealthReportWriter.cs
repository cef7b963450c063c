using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Desk.Api.Operations;

/// <summary>/health as JSON: overall status and each check's status and description.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
