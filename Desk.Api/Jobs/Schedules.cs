using Hangfire;

namespace Desk.Api.Jobs;

/// <summary>Intervals as Hangfire's cron expressions, whose finest step is a minute.</summary>
internal static class Schedules
{
    /// <summary>
    /// Fires every <paramref name="interval"/> on the cron grid, rounded down to whole minutes, hours or days (an
    /// interval that does not divide the hour or the day fires again at the turn of it). Under two minutes is every
    /// minute: what must run more often runs in a loop of its own (<see cref="Sla.DeadlineSweepLoop"/>).
    /// </summary>
    public static string Every(TimeSpan interval) => interval switch
    {
        { TotalMinutes: < 2 } => Cron.Minutely(),
        { TotalHours: < 1 } => $"{Step((int)interval.TotalMinutes)} * * * *",
        { TotalDays: < 1 } => $"0 {Step((int)interval.TotalHours)} * * *",
        _ => $"0 0 {Step((int)interval.TotalDays)} * *",
    };

    static string Step(int units) => units == 1 ? "*" : $"*/{units}";
}
