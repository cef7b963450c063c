using Desk.Api.Improvements;

namespace Desk.Api.Surveys;

internal static class SurveysSetup
{
    /// <summary>Surveys, the experience metrics they feed, and the improvement register.</summary>
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddSingleton<SurveyStore>();
        services.AddSingleton<SurveyPlan>();
        services.AddSingleton<SurveySkips>();
        services.AddSingleton<SurveySender>();
        services.AddSingleton<SurveyLinks>();
        services.AddSingleton<SurveyAnswers>();
        services.AddSingleton<UserReach>();
        services.AddSingleton<CommentReading>();
        services.AddSingleton<MomentsOfTruth>();
        services.AddTransient<SurveyJob>();
        services.AddSingleton<ImprovementStore>();
        services.AddSingleton<ImprovementRegister>();
        return services;
    }
}
