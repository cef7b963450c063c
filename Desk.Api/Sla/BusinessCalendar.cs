using NodaTime;

namespace Desk.Api.Sla;

/// <summary>
/// When an agreed time frame's clock runs: always (24×7), or in working windows per weekday in a time zone, minus
/// holidays. Instants in and out; local times only inside, so a daylight-saving change moves the windows' instants
/// and nothing else.
/// </summary>
internal sealed class BusinessCalendar
{
    // Far enough for any target: a policy and calendar that cannot fit theirs in it are refused when set (Fits).
    const int MaxDays = 366 * 5;

    readonly IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<Window>>? windows;
    readonly IReadOnlySet<LocalDate> holidays;

    public BusinessCalendar(string name, DateTimeZone zone, IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<Window>>? windows,
        IReadOnlySet<LocalDate> holidays)
    {
        if (windows is not null && !windows.Values.Any(w => w.Count > 0))
            throw new ArgumentException($"Calendar {name} has no working window.", nameof(windows));
        (Name, Zone, this.windows, this.holidays) = (name, zone, windows, holidays);
    }

    public static BusinessCalendar AlwaysOpen { get; } = new("24x7", DateTimeZone.Utc, null, new HashSet<LocalDate>());

    public string Name { get; }

    public DateTimeZone Zone { get; }

    public bool IsAlwaysOpen => windows is null;

    /// <summary>Business time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public Duration Between(Instant from, Instant to)
    {
        if (to <= from)
            return Duration.Zero;
        if (windows is null)
            return to - from;
        var total = Duration.Zero;
        foreach (var (start, end) in Open(from))
        {
            if (start >= to)
                break;
            total += Min(end, to) - Max(start, from);
        }
        return total;
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of business time has passed since <paramref name="from"/>; a
    /// time frame the calendar does not give within five years (a policy set before that was refused) is due then.
    /// </summary>
    public Instant Add(Instant from, Duration amount) => Reach(from, amount) ?? from + Duration.FromDays(MaxDays);

    /// <summary>Whether <paramref name="amount"/> of business time passes within five years of <paramref name="from"/>.</summary>
    public bool Fits(Instant from, Duration amount) => Reach(from, amount) is not null;

    Instant? Reach(Instant from, Duration amount)
    {
        if (amount <= Duration.Zero)
            return from;
        if (windows is null)
            return from + amount;
        var left = amount;
        foreach (var (start, end) in Open(from))
        {
            var begin = Max(start, from);
            if (end - begin >= left)
                return begin + left;
            left -= end - begin;
        }
        return null;
    }

    // The working windows that end after `from`, in order.
    IEnumerable<(Instant Start, Instant End)> Open(Instant from)
    {
        var day = from.InZone(Zone).Date.PlusDays(-1);
        for (var i = 0; i < MaxDays; i++, day = day.PlusDays(1))
        {
            if (holidays.Contains(day) || !windows!.TryGetValue(day.DayOfWeek, out var today))
                continue;
            foreach (var window in today)
            {
                var start = (day + window.From).InZoneLeniently(Zone).ToInstant();
                // A window that ends at midnight ends at the start of the next day.
                var end = (window.To == LocalTime.Midnight ? day.PlusDays(1).AtMidnight() : day + window.To).InZoneLeniently(Zone).ToInstant();
                if (end > start && end > from)
                    yield return (start, end);
            }
        }
    }

    static Instant Min(Instant a, Instant b) => a < b ? a : b;

    static Instant Max(Instant a, Instant b) => a > b ? a : b;
}

/// <summary>Working hours within one day, <c>To</c> midnight meaning the end of the day.</summary>
internal readonly record struct Window(LocalTime From, LocalTime To);
