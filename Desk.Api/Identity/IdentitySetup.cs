using Desk.Api.Audit;
using Desk.Bot;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Desk.Api.Identity;

internal static class IdentitySetup
{
    const string Desk = "Desk";

    public static IServiceCollection AddDeskIdentity(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();
        services.AddOptions<DeskIdentityOptions>().BindConfiguration(DeskIdentityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffStore>();
        services.AddSingleton<UnknownNameFailures>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<AuditLog>();
        services.AddDeskRateLimits();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionStore>((o, sessions) => o.SessionStore = sessions);
        services.AddAuthentication(Desk)
            // One default scheme: a request with an API key is a channel or integration, a bearer token on the bot
            // endpoint is a Bot Framework channel (when an app id is configured), any other is staff.
            .AddPolicyScheme(Desk, Desk, o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthentication.IsPresent(http.Request) ? ApiKeyAuthentication.SchemeName
                : http.RequestServices.GetRequiredService<BotAuthentication>().Selects(http.Request) ? BotAuthentication.Scheme
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "desk.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                // An API answers 401 and 403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = c => Status(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => Status(c, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Intake, p => p.RequireAssertion(c => IsStaff(c) || HasScope(c, Scopes.Intake)))
            .AddPolicy(Policies.ReadQueries, p => p.RequireAssertion(c => IsStaff(c) || HasScope(c, Scopes.QueriesRead)))
            .AddPolicy(Policies.Bot, p => p.RequireAssertion(c => HasScope(c, Scopes.Bot) || BotAuthentication.IsChannel(c.User)))
            .AddPolicy(Policies.Metrics, p => p.RequireAssertion(c => c.User.IsInRole(Roles.Admin) || HasScope(c, Scopes.MetricsRead)));
        return services;
    }

    static bool IsStaff(AuthorizationHandlerContext context) => Roles.All.Any(context.User.IsInRole);

    static bool HasScope(AuthorizationHandlerContext context, string scope) => context.User.HasClaim(Scopes.ClaimType, scope);

    static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
