using Desk.Api.Outbox;
using Microsoft.Extensions.Options;

namespace Desk.Api.Email;

internal static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsCheck>();
        services.AddSingleton<EmailStore>();
        services.AddSingleton<SmtpEmailChannel>();
        services.AddSingleton<EmailInbound>();
        services.AddSingleton<EmailPoller>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailPoller>());
        // The channel is installed only when configured, so no query is offered a way out it cannot take.
        if (configuration.GetSection(EmailOptions.Section).Get<EmailOptions>()?.Enabled == true)
            services.AddSingleton<IDeskChannel>(provider => provider.GetRequiredService<SmtpEmailChannel>());
        return services;
    }
}
