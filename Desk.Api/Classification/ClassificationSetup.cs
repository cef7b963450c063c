using Quartz;

namespace Desk.Api.Classification;

/// <summary>The learning loop's services and its scheduled job.</summary>
internal static class ClassificationSetup
{
    public static IServiceCollection AddClassification(this IServiceCollection services)
    {
        services.AddOptions<ClassifierTrainingOptions>().BindConfiguration(ClassifierTrainingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClassifierModelStore>();
        services.AddSingleton<LabelledExampleStore>();
        services.AddSingleton<ModelVersions>();
        services.AddSingleton<Retraining>();
        services.AddSingleton<ExampleImport>();
        services.AddTransient<RetrainJob>();
        return services;
    }

    public static void AddRetrainJob(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var interval = (configuration.GetSection(ClassifierTrainingOptions.Section).Get<ClassifierTrainingOptions>() ?? new()).Interval;
        quartz.AddJob<RetrainJob>(j => j.WithIdentity(RetrainJob.Key).StoreDurably());
        quartz.AddTrigger(t => t
            .ForJob(RetrainJob.Key)
            .WithIdentity("classifier-retrain-every", "classifier")
            .StartNow() // a start checks at once (cheap unless enough new examples arrived); a restart never defers it
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
