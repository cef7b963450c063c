using NodaTime;

namespace Desk.Api.Sla;

/// <summary>The agreed time frames a query is measured against.</summary>
internal enum SlaMetric { FirstResponse, NextResponse, Resolution }

/// <summary>
/// What the SLA reads in a query's timeline: when it was taken, its status changes, who wrote, and an agent's hold on
/// the clocks outside the policy's pausing statuses (and its lift; see SlaHolds).
/// </summary>
internal enum SlaMomentKind { Created, Status, UserWrote, AgentAnswered, Held, HoldLifted }

internal readonly record struct SlaMoment(Instant At, SlaMomentKind Kind, string? Status = null);

internal enum SlaClockState { NotStarted, Running, Paused, Met, Stopped }

/// <summary>
/// One metric's clock after replaying the history: whether it runs, how much business time it used, and when it
/// crosses (or crossed) each threshold of its target (a warning share, 1.0 for the deadline itself).
/// <paramref name="CycleStart"/> tells one next-response cycle from the next.
/// </summary>
internal sealed record SlaClock(
    SlaMetric Metric,
    SlaClockState State,
    Instant? CycleStart,
    Duration Elapsed,
    Duration Target,
    Instant? MetAt,
    IReadOnlyDictionary<double, Instant> Crossings,
    Instant? KeptDeadline = null)
{
    /// <summary>
    /// The deadline: when the clock crosses (or crossed) its target; for a clock met before it, when its time left would
    /// have run out (<see cref="KeptDeadline"/>), so a policy changed and changed back gives the deadline back.
    /// </summary>
    public Instant? Due => Crossings.TryGetValue(1.0, out var due) ? due : KeptDeadline;

    /// <summary>Met after its deadline (or still open past it).</summary>
    public bool Breached(Instant now) => Due is { } due && (MetAt ?? now) > due;
}

/// <summary>
/// Replays a query's history into its clocks. Everything is recomputed from the history, so a change of policy,
/// priority or calendar gives the same answer as if it had always been so, and a lost state can be rebuilt.
/// </summary>
internal static class SlaClocks
{
    public static SlaClock Replay(
        SlaMetric metric, IReadOnlyList<SlaMoment> history, Duration target, BusinessCalendar calendar,
        IReadOnlySet<string> pausedIn, IReadOnlyList<double> warnings)
    {
        var thresholds = warnings.Where(w => w is > 0 and < 1).Append(1.0).Distinct().Order().ToArray();
        var state = SlaClockState.NotStarted;
        string? status = null;
        Instant? cycleStart = null, metAt = null, runningSince = null;
        var (answered, held) = (false, false);
        Instant? wroteWhileResolved = null;
        var elapsed = Duration.Zero;
        var crossings = new Dictionary<double, Instant>();

        void StartCycle(Instant at)
        {
            (state, cycleStart, metAt, elapsed) = (SlaClockState.Running, at, null, Duration.Zero);
            crossings.Clear();
        }

        foreach (var moment in history.OrderBy(m => m.At))
        {
            // Business time up to this moment counts for a clock that was running.
            if (runningSince is { } since)
                Accumulate(since, moment.At);
            switch (moment.Kind)
            {
                case SlaMomentKind.Created:
                    status = "new";
                    if (metric != SlaMetric.NextResponse)
                        StartCycle(moment.At);
                    break;
                case SlaMomentKind.Status:
                    status = moment.Status;
                    held &= status is not ("resolved" or "closed"); // a hold ends with the query; a reopened one runs again
                    if (status == "closed" && state is SlaClockState.Running or SlaClockState.Paused)
                        state = metric == SlaMetric.Resolution && metAt is not null ? SlaClockState.Met : SlaClockState.Stopped;
                    else if (status == "resolved" && state is SlaClockState.Running or SlaClockState.Paused)
                    {
                        if (metric == SlaMetric.Resolution)
                            (state, metAt) = (SlaClockState.Met, moment.At);
                        else
                            state = SlaClockState.Stopped;
                    }
                    else if (status == "open" && metric == SlaMetric.Resolution && state == SlaClockState.Met)
                        (state, metAt) = (SlaClockState.Running, null); // reopened: the same clock goes on
                    else if (status == "open" && metric != SlaMetric.Resolution && state == SlaClockState.Stopped && metAt is null)
                        state = SlaClockState.Running; // reopened before anyone answered: the answer is still owed, on the time it used
                    // The user's words reopened it (the desk writes them, then the reopening): like words on an open query,
                    // they wait for the next response.
                    if (status == "open" && metric == SlaMetric.NextResponse && wroteWhileResolved == moment.At
                        && state is not (SlaClockState.Running or SlaClockState.Paused))
                        StartCycle(moment.At);
                    wroteWhileResolved = null;
                    break;
                case SlaMomentKind.AgentAnswered:
                    if (metric != SlaMetric.Resolution && state is SlaClockState.Running or SlaClockState.Paused)
                        (state, metAt) = (SlaClockState.Met, moment.At);
                    answered = true;
                    break;
                case SlaMomentKind.UserWrote:
                    // A next-response cycle starts with the user's first words after an answer.
                    if (metric == SlaMetric.NextResponse && answered && state is not (SlaClockState.Running or SlaClockState.Paused))
                    {
                        if (status is not ("resolved" or "closed"))
                            StartCycle(moment.At);
                        else
                            wroteWhileResolved = moment.At;
                    }
                    break;
                case SlaMomentKind.Held or SlaMomentKind.HoldLifted:
                    held = moment.Kind == SlaMomentKind.Held;
                    break;
            }
            if (state is SlaClockState.Running or SlaClockState.Paused)
                state = held || (status is not null && pausedIn.Contains(status)) ? SlaClockState.Paused : SlaClockState.Running;
            runningSince = state == SlaClockState.Running ? moment.At : null;
        }

        // The running clock crosses what it has not crossed yet in the future, at the calendar's pace.
        if (runningSince is { } open)
            foreach (var threshold in thresholds.Where(t => !crossings.ContainsKey(t)))
                crossings[threshold] = calendar.Add(open, target * threshold - elapsed);
        var kept = state == SlaClockState.Met && metAt is { } met && !crossings.ContainsKey(1.0) ? calendar.Add(met, target - elapsed) : (Instant?)null;
        return new SlaClock(metric, state, cycleStart, elapsed, target, metAt, crossings, kept);

        void Accumulate(Instant from, Instant to)
        {
            var spent = calendar.Between(from, to);
            foreach (var threshold in thresholds.Where(t => !crossings.ContainsKey(t) && elapsed + spent >= target * t))
                crossings[threshold] = calendar.Add(from, target * threshold - elapsed);
            elapsed += spent;
        }
    }
}
