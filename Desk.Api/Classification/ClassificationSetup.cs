namespace Desk.Api.Classification;

/// <summary>The learning loop's services and its scheduled job (scheduled in Jobs/RecurringJobs).</summary>
internal static class ClassificationSetup
{
    public static IServiceCollection AddClassification(this IServiceCollection services)
    {
        services.AddOptions<ClassifierTrainingOptions>().BindConfiguration(ClassifierTrainingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClassifierModelStore>();
        services.AddSingleton<LabelledExampleStore>();
        services.AddSingleton<ModelVersions>();
        services.AddSingleton<RetrainCancellation>();
        services.AddSingleton<Retraining>();
        services.AddSingleton<ExampleImport>();
        services.AddTransient<RetrainJob>();
        return services;
    }
}
