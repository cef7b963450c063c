using System.Globalization;
using Desk.Bot.Activities;

namespace Desk.Bot;

// Due times are shown as absolute times in the user's own offset when the channel tells it
// (localTimezone, else localTimestamp's offset), in UTC otherwise, and always say which.
internal sealed class UserClock
{
    readonly TimeZoneInfo? zone;
    readonly TimeSpan offset;

    UserClock(TimeZoneInfo? zone, TimeSpan offset)
    {
        this.zone = zone;
        this.offset = offset;
    }

    /// <summary>For messages the desk starts later to a user whose channel never told their clock.</summary>
    public static UserClock Utc { get; } = new(null, TimeSpan.Zero);

    public static UserClock For(Activity activity) => For(Describe(activity));

    /// <summary>
    /// The user's clock as the conversation keeps it for the desk's later messages (<see cref="BotAddress.Clock"/>): the
    /// time zone's id, else the offset ("+08:00"), else null for UTC.
    /// </summary>
    public static string? Describe(Activity activity) =>
        activity.LocalTimezone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id
        : activity.LocalTimestamp is { Offset: var offset } && offset != TimeSpan.Zero ? Offset(offset)
        : null;

    /// <summary>The clock <see cref="Describe"/> wrote; UTC for none or one it cannot read.</summary>
    public static UserClock For(string? clock)
    {
        if (clock is not { Length: > 0 })
            return Utc;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(clock, out var zone))
            return new UserClock(zone, TimeSpan.Zero);
        return TimeSpan.TryParseExact(clock.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var offset)
            && offset <= TimeSpan.FromHours(14)
            ? new UserClock(null, clock.StartsWith('-') ? -offset : offset)
            : Utc;
    }

    static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public string Format(DateTimeOffset at, BotLanguage language)
    {
        var local = zone is null ? at.ToOffset(offset) : TimeZoneInfo.ConvertTime(at, zone);
        var label = local.Offset == TimeSpan.Zero
            ? "UTC"
            : "UTC" + (local.Offset < TimeSpan.Zero ? "-" : "+") + local.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return language == BotLanguage.Chinese
            ? local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) + "（" + label + "）"
            : local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (" + label + ")";
    }
}
