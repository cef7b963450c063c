using Desk.Api.Sla;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Bench.Sla;

/// <summary>
/// The desk in this process on a SQLite file, as deployed (Production, demo off), with its own sweeps off: the bench runs
/// the timer pass itself, so one pass is timed alone. The pass and the scorecard are internal to the desk and reached by
/// name, so that the bench adds nothing to the desk's surface.
/// </summary>
internal sealed class InProcessDesk(string database) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(database))!;
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={database};Default Timeout=30");
        builder.UseSetting("Classifier:ModelPath", Path.Combine(folder, "classifier", "default.model"));
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Identity:BootstrapAdminPassword", "bench-admin-password");
        builder.UseSetting("Sla:SweepInterval", "01:00:00"); // no loop between Hangfire's minutes,
        builder.UseSetting("Jobs:Workers", "0");             // and no job server to run those
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>Starts the desk (which migrates its file) if it has not started.</summary>
    public void Start() => _ = Services;

    /// <summary>SlaTimers.RunDueAsync: one timer pass; returns the warnings and breaches it recorded.</summary>
    public Func<Task<int>> Pass()
    {
        var (service, method) = Internal("Desk.Api.Sla.SlaTimers", "RunDueAsync");
        return () => (Task<int>)method.Invoke(service, [CancellationToken.None])!;
    }

    /// <summary>SlaScorecard.ComputeAsync for whole UTC days.</summary>
    public Func<DateOnly, DateOnly, string, Task<SlaScorecardView>> Scorecard()
    {
        var (service, method) = Internal("Desk.Api.Sla.SlaScorecard", "ComputeAsync");
        return (from, to, by) => (Task<SlaScorecardView>)method.Invoke(service, [from, to, by, CancellationToken.None])!;
    }

    (object Service, System.Reflection.MethodInfo Method) Internal(string type, string method)
    {
        var found = typeof(Program).Assembly.GetType(type, throwOnError: true)!;
        return (Services.GetRequiredService(found), found.GetMethod(method) ?? throw new MissingMethodException(type, method));
    }
}
