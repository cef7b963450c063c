namespace Desk.Api.Operations;

/// <summary>
/// The whole UTC days a report covers, <c>from</c> to <c>to</c> inclusive: by default the days up to today. Read from
/// the query string, so both ends of the calendar are refused here rather than overflowing later (the day after
/// <c>to</c> must exist, and a default <c>from</c> stops at the first day).
/// </summary>
internal readonly record struct ReportDays(DateOnly First, DateOnly Last)
{
    public DateTimeOffset Start => new(First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Midnight after the last day: reports take <c>[Start, End)</c>.</summary>
    public DateTimeOffset End => new(Last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static ReportDays? Read(DateOnly? from, DateOnly? to, DateOnly today, int defaultDays, int maxDays, IDictionary<string, string[]> errors)
    {
        var last = to ?? today;
        var first = from ?? DateOnly.FromDayNumber(Math.Max(0, last.DayNumber - (defaultDays - 1)));
        if (last == DateOnly.MaxValue)
            errors["to"] = ["to must be a date before 9999-12-31."];
        else if (last < first)
            errors["to"] = ["to must not be before from."];
        else if (last.DayNumber - first.DayNumber >= maxDays)
            errors["to"] = [$"At most {maxDays} days at a time."];
        else
            return new ReportDays(first, last);
        return null;
    }
}
