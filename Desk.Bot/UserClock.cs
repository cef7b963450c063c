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

    /// <summary>For messages the desk starts later, when the user's own zone is no longer at hand.</summary>
    public static UserClock Utc { get; } = new(null, TimeSpan.Zero);

    public static UserClock For(Activity activity)
    {
        if (activity.LocalTimezone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            return new UserClock(zone, TimeSpan.Zero);
        return new UserClock(null, activity.LocalTimestamp?.Offset ?? TimeSpan.Zero);
    }

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
