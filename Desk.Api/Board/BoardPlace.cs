namespace Desk.Api.Board;

internal enum BoardState : byte { OnTrack, AtRisk, Breached }

[Flags]
internal enum PlaceFlags : byte
{
    None = 0,
    Answered = 1,
    Paused = 2,
    Breached = 4,
    FirstResponseWarned = 8,
    ResolutionWarned = 16,
}

/// <summary>
/// One open query as a node's board keeps it, in 32 bytes: its queue and assignee (numbered by <see cref="BoardCounts"/>),
/// when it came in, its version, the nearest deadline of a running clock, and the flags that decide whether it is at risk.
/// The board keeps one for every open query, so it holds no text and no deadline it does not need.
/// </summary>
/// <remarks>
/// At risk: open, no breach recorded, its clocks not paused, and a running clock either had its first warning
/// (<c>Sla:WarnAt</c>, 75% of the first response while unanswered, or of the resolution) or is due within
/// <c>Board:AtRiskWithin</c> (the current next response included). Breached: a first-response or resolution breach is
/// recorded (what the console shows as breached), whether or not the query was answered since.
/// </remarks>
internal readonly record struct BoardPlace(
    long CreatedTicks, long Version, long NearestDueTicks, int Assignee, ushort Queue, PlaceFlags Flags, BoardState State)
{
    public const int Nobody = -1;
    const long NoDeadline = long.MaxValue;

    public static BoardPlace From(OpenQuery q, ushort queue, int assignee) => new(
        q.CreatedAt.UtcTicks, q.Version, q.NearestDue?.UtcTicks ?? NoDeadline, assignee, queue,
        (q.Answered ? PlaceFlags.Answered : 0) | (q.Paused ? PlaceFlags.Paused : 0) | (q.Breached ? PlaceFlags.Breached : 0)
        | (q.FirstResponseWarned ? PlaceFlags.FirstResponseWarned : 0) | (q.ResolutionWarned ? PlaceFlags.ResolutionWarned : 0),
        BoardState.OnTrack);

    public bool Answered => Flags.HasFlag(PlaceFlags.Answered);
    public bool Breached => Flags.HasFlag(PlaceFlags.Breached);
    public bool FirstResponseWarned => Flags.HasFlag(PlaceFlags.FirstResponseWarned);
    public bool ResolutionWarned => Flags.HasFlag(PlaceFlags.ResolutionWarned);

    /// <summary>A breach or a first warning marks it: what a moved deadline may withdraw.</summary>
    public bool Flagged => (Flags & (PlaceFlags.Breached | PlaceFlags.FirstResponseWarned | PlaceFlags.ResolutionWarned)) != 0;

    public bool DueMoved(OpenQuery now) => NearestDueTicks != (now.NearestDue?.UtcTicks ?? NoDeadline);

    /// <summary>Unanswered since it came in: it counts toward its queue's oldest waiting.</summary>
    public bool Waiting => !Answered;

    public BoardState StateAt(DateTimeOffset now, TimeSpan within) =>
        Breached ? BoardState.Breached
        : Flags.HasFlag(PlaceFlags.Paused) ? BoardState.OnTrack
        : (FirstResponseWarned && !Answered) || ResolutionWarned || NearestDueTicks <= (now + within).UtcTicks ? BoardState.AtRisk
        : BoardState.OnTrack;

    /// <summary>When an on-track query turns at risk if nothing happens to it (its nearest deadline less the window), in ticks.</summary>
    public long? RiskFromTicks(TimeSpan within) =>
        Flags.HasFlag(PlaceFlags.Paused) || NearestDueTicks == NoDeadline ? null : NearestDueTicks - within.Ticks;
}
