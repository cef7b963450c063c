using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Desk.Api.Identity;

/// <summary>
/// Wrong sign-ins for usernames that do not exist lock just as real accounts do, or a 429 after a few tries would
/// tell a guesser which names are real. Kept in memory: there is no row to count in, and the per-address limit
/// bounds how many names one client can try.
/// </summary>
internal sealed class UnknownNameFailures(IOptions<DeskIdentityOptions> options)
{
    const int MostNames = 10_000;
    readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> names = new(StringComparer.OrdinalIgnoreCase);

    public DateTimeOffset? LockedUntil(string username, DateTimeOffset now) =>
        names.TryGetValue(username, out var entry) && entry.LockedUntil > now ? entry.LockedUntil : null;

    /// <summary>Counts one more failure; returns when the name is now locked until, if it is.</summary>
    public DateTimeOffset? Fail(string username, DateTimeOffset now)
    {
        if (names.Count >= MostNames)
            names.Clear();
        var (failures, _) = names.AddOrUpdate(username, (1, null), (_, entry) => (entry.Failures + 1, entry.LockedUntil));
        var lockout = options.Value.LockoutAfter(failures);
        if (lockout == TimeSpan.Zero)
            return null;
        var until = now + lockout;
        names[username] = (failures, until);
        return until;
    }
}
