using Desk.Api;
using Desk.Api.Audit;
using Desk.Api.Board;
using Desk.Api.CannedReplies;
using Desk.Api.Catalog;
using Desk.Api.Classification;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Email;
using Desk.Api.Identity;
using Desk.Api.Improvements;
using Desk.Api.Jobs;
using Desk.Api.Knowledge;
using Desk.Api.Moments;
using Desk.Api.Operations;
using Desk.Api.Outages;
using Desk.Api.Outbox;
using Desk.Api.Portal;
using Desk.Api.Overrides;
using Desk.Api.Queries;
using Desk.Api.Queues;
using Desk.Api.Routing;
using Desk.Api.Scale;
using Desk.Api.Realtime;
using Desk.Api.Security;
using Desk.Api.Sla;
using Desk.Api.Sms;
using Desk.Api.Surveys;
using Desk.Api.Telemetry;
using Desk.AgentConsole;
using Desk.Bot;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDesk(builder.Configuration);
builder.Services.AddDeskTelemetry(builder.Configuration);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    DatabaseUnreachable.Explain(c);
    BadRequests.Explain(c);
    ProblemLanguage.Speak(c);
});
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
builder.Services.AddValidation();
builder.Services.AddOpenApi();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddDeskConsole();
builder.Services.AddDeskSecurity();
builder.Services.AddPortal();

var app = builder.Build();
if (!await app.Services.GetRequiredService<DatabaseWait>().UntilReachableAsync(app.Lifetime.ApplicationStopping)
    || !await RedisSetup.JoinAsync(app.Services, app.Logger))
{
    await app.DisposeAsync(); // writes out the log's last line
    Environment.ExitCode = 1;
    return;
}
await app.Services.GetRequiredService<Startup>().RunAsync(app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<ModelVersions>().RestoreAsync(app.Lifetime.ApplicationStopping);
StartupMemory.GiveBack(app.Logger);
if (args.Contains("sla-repair"))
{
    // `dotnet Desk.Api.dll sla-repair`: rebuild every open query's time frames from its timeline, then stop.
    var (looked, changed) = await app.Services.GetRequiredService<SlaRepair>().RunAsync(SlaChange.Repair, CancellationToken.None);
    Console.WriteLine($"SLA repair: {looked} open queries checked, {changed} rebuilt.");
    return;
}

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : UnstorableText.Is(e) ? 400
        : DatabaseUnreachable.Is(e) ? 503 : 500,
    // A request the framework could not bind, or text PostgreSQL cannot hold, is the client's mistake (BadRequests says
    // which), not the server's error. A database out of reach is logged by the loops that keep trying and shown by
    // /health, not once more for every request it refuses.
    SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException || UnstorableText.Is(c.Exception)
        || DatabaseUnreachable.Is(c.Exception),
});
app.UseStatusCodePages();
app.UseDeskSecurity();
app.Use(BodyLimit.Middleware);
app.Use(BodyCharset.Middleware);
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "ServiceDesk API");
    o.RoutePrefix = "api/docs";
});
app.MapHealthChecks("/health", new() { ResponseWriter = HealthReportWriter.WriteAsync });
app.MapDeskTelemetry();
app.MapAuth();
app.MapApiKeys();
app.MapStaff();
app.MapAuditEvents();
app.MapQueries();
app.MapSavedViews();
app.MapRouting();
app.MapQueueSettings();
app.MapConversations();
app.MapBotMeasures();
app.MapSla();
app.MapBoard();
app.MapSlaScorecard();
app.MapClassifier();
app.MapKnowledge();
app.MapCannedReplies();
app.MapSurveys();
app.MapExperience();
app.MapImprovements();
app.MapMoments();
app.MapOverrides();
app.MapCatalog();
app.MapCasefile();
app.MapSms();
app.MapEmail();
app.MapOutbox();
app.MapPortal();
app.MapHub<DeskHub>("/hubs/desk", o => RealtimeBuffers.Bound(o, app.Services));
app.MapHub<PortalHub>(PortalApi.HubPath, o => RealtimeBuffers.Bound(o, app.Services));
app.MapJobsDashboard();
app.MapDeskBot().RequireAuthorization(Policies.Bot);
app.MapDeskConsole();
app.MapDeskBoard();
app.MapDeskAdmin();
app.MapDeskPortal();
app.MapDeskPortalQueryPage();
app.MapDeskSurveyPage();
app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app));

app.Run();

public partial class Program;
