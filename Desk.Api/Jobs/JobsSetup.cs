using Desk.Api.Data;
using Desk.Api.Sla;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Options;

namespace Desk.Api.Jobs;

/// <summary>
/// Hangfire in the host: its storage on the desk's own engine (<see cref="JobStorageFor"/>), a server with a few
/// workers that stops gracefully with the host, the recurring jobs, and the dashboard at <see cref="DashboardPath"/>.
/// </summary>
internal static class JobsSetup
{
    public const string DashboardPath = "/jobs";

    public static IServiceCollection AddDeskJobs(this IServiceCollection services, IConfiguration configuration, ISqlDialect dialect)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var sla = configuration.GetSection(SlaOptions.Section).Get<SlaOptions>() ?? new SlaOptions();

        // This host's own storage and activator, registered before AddHangfire so it keeps them: Hangfire's defaults are
        // process-wide statics (JobStorage.Current), which two desks in one process (the tests) would overwrite.
        services.AddSingleton(provider => JobStorageFor.Create(dialect, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<JobServerName>();
        services.AddHostedService<RecurringJobs>();
        if (jobs.Workers > 0)
        {
            services.AddHangfireServer((provider, server) =>
            {
                server.ServerName = provider.GetRequiredService<JobServerName>().Name;
                server.WorkerCount = jobs.Workers;
                // Stopping cancels a running job's token and puts the job back in its queue; this long, within the host's 30 s.
                server.ShutdownTimeout = TimeSpan.FromSeconds(20);
            });
            if (DeadlineSweepLoop.Needed(sla))
                services.AddHostedService<DeadlineSweepLoop>();
        }
        // Hangfire's dashboard checks its antiforgery token on every action it posts.
        services.AddAntiforgery();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
        return services;
    }

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAccess()],
            IsReadOnlyFunc = DashboardAccess.IsReadOnly,
            AppPath = "/console",
            DashboardTitle = "ServiceDesk jobs",
            DisplayStorageConnectionString = false,
        });
}
