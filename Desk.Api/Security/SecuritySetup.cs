using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Desk.Api.Security;

/// <summary>What every request passes before it reaches an endpoint: the real client, TLS, headers, same origin.</summary>
internal static class SecuritySetup
{
    public static IServiceCollection AddDeskSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback is known by default; a proxy on another machine has to be named.
            foreach (var proxy in security.Value.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline, so rate limits, cookies and the origin check see the client as it is.</summary>
    public static WebApplication UseDeskSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use(SecurityHeaders.Middleware);
        app.UseMiddleware<SameOriginGuard>();
        return app;
    }
}
