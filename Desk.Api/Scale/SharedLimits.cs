using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>
/// Rate limits counted in Redis across the nodes, or by this node alone while Redis does not answer: a limiter that
/// throws turns every sign-in and API-key request into a 500. Alone, each node allows what a single desk allows, so
/// joined nodes allow up to that many times the limit until Redis answers again.
/// </summary>
internal sealed partial class SharedLimits(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<SharedLimits> logger)
{
    /// <summary>How long a count in Redis may take before this node counts alone; Redis answers in a millisecond or two.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    int alone;

    bool Connected => redis.IsConnected;

    /// <summary>
    /// A partition that counts in Redis under <c>&lt;prefix&gt;:<paramref name="kind"/>:<paramref name="key"/></c>
    /// through <paramref name="shared"/>, and in this node's <paramref name="local"/> limiter while Redis is away.
    /// </summary>
    public RateLimitPartition<string> Partition(
        string kind, string key, Func<string, IConnectionMultiplexer, RateLimiter> shared, Func<RateLimiter> local) =>
        RateLimitPartition.Get($"{kind}:{key}", _ => new Limiter(this, shared($"{options.Value.Prefix}:{kind}:{key}", redis), local()));

    void Answered()
    {
        if (Interlocked.Exchange(ref alone, 0) == 1)
            LogShared();
    }

    void Unanswered(Exception? e)
    {
        if (Interlocked.Exchange(ref alone, 1) == 0)
            LogAlone(e?.Message ?? "not connected");
    }

    sealed class Limiter(SharedLimits limits, RateLimiter shared, RateLimiter local) : RateLimiter
    {
        // The local count is the one worth keeping: while it holds permits it is not idle, and the partition stays.
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // RedisRateLimiting never grants here (it cannot ask Redis synchronously): the middleware then asks AcquireAsync.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            limits.Connected ? shared.AttemptAcquire(permitCount) : local.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct)
        {
            if (!limits.Connected)
                limits.Unanswered(null);
            else
            {
                try
                {
                    var lease = await shared.AcquireAsync(permitCount, ct).AsTask().WaitAsync(Patience, ct);
                    limits.Answered();
                    return lease;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    limits.Unanswered(e);
                }
            }
            return await local.AcquireAsync(permitCount, ct);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                local.Dispose();
            }
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await shared.DisposeAsync();
            await local.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis does not answer ({Reason}): rate limits count on this node alone until it does")]
    partial void LogAlone(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: rate limits count across the nodes again")]
    partial void LogShared();
}
