using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Desk.Api.Identity;
using Desk.Classifier;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Desk.Api.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>
    /// The desk's instruments always (they cost nothing unheard); the OpenTelemetry SDK with ASP.NET Core, HttpClient and
    /// runtime instrumentation only when an exporter is on. Call after <c>AddDesk</c>: it times the classifier registered there.
    /// </summary>
    public static IServiceCollection AddDeskTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeskMetrics>();
        services.Replace(ServiceDescriptor.Singleton<IQueryClassifier>(provider =>
            new MeasuredClassifier(provider.GetRequiredService<DeskQueryClassifier>(), provider.GetRequiredService<DeskMetrics>())));

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = TelemetryOptions.OtlpWanted(options, configuration);
        if (!options.Prometheus && !otlp)
            return services;
        services.AddHostedService<DeskGauges>();
        AddExport(services, configuration, options.Prometheus, otlp);
        return services;
    }

    // Apart, so that a node that exports nothing never loads the SDK's assemblies (the JIT loads what a method names).
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void AddExport(IServiceCollection services, IConfiguration configuration, bool prometheus, bool otlp) =>
        services.AddOpenTelemetry()
            // Each node its own service.instance.id; OTEL_RESOURCE_ATTRIBUTES adds to it as usual.
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "servicedesk"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DeskMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                metrics.ConfigureServices(own => own.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
                    builder.AddView(OnlyThisHost(provider.GetRequiredService<IMeterFactory>()))));
                if (prometheus)
                    metrics.AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            });

    /// <summary>
    /// Leaves out the instruments of another host in the same process (tests run many): meters are matched by name
    /// process-wide, and an instrument of the same name from another host would share this host's stream, which the SDK
    /// drops for good when that host stops. Meters made outside any host (the runtime's) stay in.
    /// </summary>
    static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null;

    /// <summary>The Prometheus scrape endpoint, when on: admins and API keys with <c>metrics:read</c>, nobody else.</summary>
    public static void MapDeskTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus)
            MapScrape(app, options.PrometheusPath);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void MapScrape(WebApplication app, string path) => app.MapPrometheusScrapingEndpoint(path).RequireAuthorization(Policies.Metrics);
}
