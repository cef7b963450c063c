using Desk.Api.Contacts;
using Desk.Api.Queries;

namespace Desk.Api.Outages;

internal static class OutagesSetup
{
    /// <summary>The case file around a query: its contact's card, merging duplicates, and major outages.</summary>
    public static IServiceCollection AddCasefile(this IServiceCollection services)
    {
        services.AddSingleton<ContactCards>();
        services.AddSingleton<ContactMerges>();
        services.AddSingleton<ContactErasure>();
        services.AddSingleton<ContactExports>();
        services.AddSingleton<Merges>();
        services.AddSingleton<OutageStore>();
        services.AddSingleton<OutageDesk>();
        return services;
    }

    public static void MapCasefile(this IEndpointRouteBuilder app)
    {
        app.MapContacts();
        app.MapMerges();
        app.MapOutages();
    }
}
