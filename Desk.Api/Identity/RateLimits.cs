using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Desk.Api.Audit;
using Microsoft.AspNetCore.RateLimiting;
using Desk.Api.Scale;
using Microsoft.Extensions.Options;
using RedisRateLimiting;

namespace Desk.Api.Identity;

/// <summary>
/// The framework's rate limiter: sign-in attempts per client address (a named policy on the endpoint), and requests
/// per API key (a global limiter; staff and anonymous callers pass it). Refusals are 429 ProblemDetails with Retry-After.
/// </summary>
internal static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddDeskRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInPolicy, http =>
            {
                var limits = Limits(http);
                var address = Address(http);
                return http.RequestServices.GetService<SharedLimits>() is { } shared
                    ? shared.Partition("sign-in", address, (name, redis) => new RedisFixedWindowRateLimiter<string>(name, new RedisFixedWindowRateLimiterOptions
                    {
                        ConnectionMultiplexerFactory = () => redis,
                        PermitLimit = limits.SignInPermits,
                        Window = limits.SignInWindow,
                    }), () => new FixedWindowRateLimiter(SignIns(limits)))
                    : RateLimitPartition.GetFixedWindowLimiter(address, _ => SignIns(limits));
            });
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (ApiKey(http.User) is not { } key)
                    return RateLimitPartition.GetNoLimiter("");
                var limits = Limits(http);
                return http.RequestServices.GetService<SharedLimits>() is { } shared
                    ? shared.Partition("api-key", key, (name, redis) => new RedisTokenBucketRateLimiter<string>(name, new RedisTokenBucketRateLimiterOptions
                    {
                        ConnectionMultiplexerFactory = () => redis,
                        TokenLimit = limits.ApiKeyBurst,
                        TokensPerPeriod = limits.ApiKeyPermits,
                        ReplenishmentPeriod = limits.ApiKeyPeriod,
                    }), () => new TokenBucketRateLimiter(KeyRequests(limits)))
                    : RateLimitPartition.GetTokenBucketLimiter(key, _ => KeyRequests(limits));
            });
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        if (ApiKey(http.User) is { } key)
            await audit.RecordOncePerWindowAsync(AuditKinds.ApiKeyThrottled, key, key, http, "Request rate over the key's limit.", ct);
        else
            await audit.RecordOncePerWindowAsync(AuditKinds.SignInThrottled, null, Address(http), http, "Too many sign-in attempts from one address.", ct);
        await WriteTooManyAsync(http, retryAfter, "Too many requests; try again later.");
    }

    /// <summary>A 429 ProblemDetails with Retry-After in whole seconds, rounded up.</summary>
    public static async Task WriteTooManyAsync(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
        });
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    static string? ApiKey(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthentication.SchemeName, Name: { } name } ? name : null;

    static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // This node's own counts: all there is on a single node, and what joined nodes fall back on while Redis is away.
    // With Redis, limits count across the nodes (SharedLimits), or two nodes would allow twice the rate.
    static FixedWindowRateLimiterOptions SignIns(DeskIdentityOptions limits) => new()
    {
        PermitLimit = limits.SignInPermits,
        Window = limits.SignInWindow,
        QueueLimit = 0,
    };

    static TokenBucketRateLimiterOptions KeyRequests(DeskIdentityOptions limits) => new()
    {
        TokenLimit = limits.ApiKeyBurst,
        TokensPerPeriod = limits.ApiKeyPermits,
        ReplenishmentPeriod = limits.ApiKeyPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    static DeskIdentityOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<DeskIdentityOptions>>().Value;
}
