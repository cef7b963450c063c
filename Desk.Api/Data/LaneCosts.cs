using System.Diagnostics;

namespace Desk.Api.Data;

/// <summary>
/// How many background writes a <see cref="GroupCommit"/> batch takes beside its requests, from what each lane's writes
/// have cost lately: with no request in the batch, up to the limit; beside requests, about a quarter of the batch's time,
/// and at least <see cref="Budget"/> of background work, so the SLA timers keep up while intake is light and never take
/// the writer over while it is heavy. Only the writer touches it.
/// </summary>
internal sealed class LaneCosts
{
    static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(5);
    const double Weight = 0.1; // how fast the costs follow a change of load

    double request = Stopwatch.Frequency / 10_000.0; // ticks per write; 100 µs each to begin with
    double background = Stopwatch.Frequency / 10_000.0;

    public int BackgroundRoom(int requests, int limit)
    {
        if (requests == 0)
            return limit;
        var quarter = requests * request / 3 / background; // background time = a third of the requests' = a quarter of all
        var budget = Budget.TotalSeconds * Stopwatch.Frequency / background;
        return (int)Math.Clamp(Math.Max(quarter, budget), 1, limit);
    }

    public void Record(WriteLane lane, int count, long ticks)
    {
        if (count == 0)
            return;
        ref var cost = ref lane == WriteLane.Request ? ref request : ref background;
        cost += Weight * ((double)ticks / count - cost);
    }
}
