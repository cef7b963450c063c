using Desk.Api.Outbox;
using Microsoft.Extensions.Options;

namespace Desk.Api.Email;

internal static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        // Mail still comes in GB2312, GBK, Big5, Shift_JIS and Windows-1252: MimeKit decodes them through the code pages
        // .NET leaves out by default; without them it falls back to Latin-1 and Chinese mail reads as mojibake.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
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
