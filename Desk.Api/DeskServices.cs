using Desk.Api.Board;
using Desk.Api.BotChannel;
using Desk.Api.Catalog;
using Desk.Api.Classification;
using Desk.Api.Contacts;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Demo;
using Desk.Api.Email;
using Desk.Api.Identity;
using Desk.Api.Jobs;
using Desk.Api.Knowledge;
using Desk.Api.Operations;
using Desk.Api.Outages;
using Desk.Api.Outbox;
using Desk.Api.Presence;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Scale;
using Desk.Api.Sla;
using Desk.Api.Sms;
using Desk.Api.Surveys;
using Desk.Bot;
using Microsoft.Extensions.Options;

namespace Desk.Api;

/// <summary>The desk's services, feature by feature.</summary>
internal static class DeskServices
{
    public static IServiceCollection AddDesk(this IServiceCollection services, IConfiguration configuration)
    {
        Options<DatabaseOptions>(services, DatabaseOptions.Section);
        Options<RoutingOptions>(services, RoutingOptions.Section);
        Options<QueueAccessOptions>(services, QueueAccessOptions.Section);
        Options<SlaOptions>(services, SlaOptions.Section);
        Options<CatalogOptions>(services, CatalogOptions.Section);
        Options<DemoOptions>(services, DemoOptions.Section);
        Options<ContactOptions>(services, ContactOptions.Section);
        Options<RealtimeOptions>(services, RealtimeOptions.Section);
        Options<OutboxOptions>(services, OutboxOptions.Section);
        Options<ConversationOptions>(services, ConversationOptions.Section);
        Options<KnowledgeOptions>(services, KnowledgeOptions.Section);
        Options<SurveyOptions>(services, SurveyOptions.Section);

        DapperTypes.Register();
        services.AddSingleton(TimeProvider.System);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dialect = SqlDialects.For(database.Provider);
        services.AddSingleton(dialect);
        services.AddSingleton<DeskDb>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<DatabaseWait>();
        services.AddSingleton<QueryStore>();
        services.AddSingleton<Queues.SavedViewStore>();
        services.AddSingleton<TimelineStore>();
        services.AddSingleton<ContactAddresses>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<SlaPolicies>();
        services.AddSingleton<SlaEngine>();
        services.AddSingleton<SlaRepair>();
        services.AddSingleton<SlaTimers>();
        services.AddSingleton<SlaScorecard>();
        services.AddSingleton<QueueAccess>();
        services.AddSingleton<AgentProfiles>();
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<Router>();
        services.AddSingleton<WaitingQueries>();
        services.AddSingleton<Assignment>();
        services.AddSingleton<Intake>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<Casework>();
        services.AddSingleton<WorkHandback>();
        services.AddSingleton<AgentQueues>();
        services.AddSingleton<QueueRestrictions>();
        services.AddSingleton<ReopenedAssignee>();
        services.AddSingleton<CatalogGrants>();
        services.AddSingleton<Moments.MomentStore>();
        services.AddSingleton<Overrides.OverrideStore>();
        services.AddSingleton<Overrides.OverrideReviews>();
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<KnowledgeSearch>();
        services.AddSingleton<CannedReplies.CannedReplyStore>();
        services.AddSingleton<DeskNotifier>();
        services.AddSingleton<PushDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<PushDispatcher>());
        services.AddSingleton<QueryViewing>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Startup>();
        services.AddHostedService<NativeMemoryTrim>();
        services.AddSingleton<DeadlineSweepJob>();
        services.AddSurveys();
        services.AddCasefile();

        services.AddDeskIdentity();
        services.AddHttpContextAccessor();
        services.AddDeskBot(configuration);
        services.AddSingleton<IBotDesk, DeskForBot>();
        services.AddSingleton<ChatCasework>();
        services.AddSingleton<IDeskChannel, BotFrameworkChannel>();
        services.AddSms(configuration);
        services.AddEmail(configuration);
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxLeaseCheck>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSender>();
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox");
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<ChatOutbox>();
        services.AddSingleton<Handoffs>();
        services.AddHostedService<ConversationWatch>();
        services.AddDeskClassifier(o => o.ModelPath = configuration["Classifier:ModelPath"]);
        services.AddClassification();
        services.AddSignalR();
        services.AddBoundedHubBuffers();
        services.AddDeskRedis(configuration);
        services.AddSingleton<HubSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<HubSessions>());
        services.AddDeskJobs(configuration, dialect);
        services.AddBoard();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    static void Options<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
