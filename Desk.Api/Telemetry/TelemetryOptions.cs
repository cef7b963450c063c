using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Telemetry;

/// <summary>
/// Whether the desk exports its figures (README, "Metrics"), and where. Off by default: a node that exports nothing
/// does not start the OpenTelemetry SDK at all. The OTLP exporter takes its endpoint, protocol and headers from the
/// standard <c>OTEL_EXPORTER_OTLP_*</c> variables, and setting <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns it on.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serves a Prometheus scrape endpoint at <see cref="PrometheusPath"/>, for admins and API keys with <c>metrics:read</c> only.</summary>
    public bool Prometheus { get; set; }

    [Required, RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "Telemetry:PrometheusPath must be a path such as /metrics.")]
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Pushes to an OpenTelemetry collector over OTLP (also on whenever OTEL_EXPORTER_OTLP_ENDPOINT is set).</summary>
    public bool Otlp { get; set; }

    /// <summary>How often the figures read from the database (the outbox backlog) are read again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>True when the OTLP exporter is asked for, here or through the standard variables.</summary>
    public static bool OtlpWanted(TelemetryOptions options, IConfiguration configuration) =>
        options.Otlp
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
}
