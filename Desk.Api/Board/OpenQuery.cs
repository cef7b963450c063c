using Desk.Api.Queries;

namespace Desk.Api.Board;

internal enum BoardState { OnTrack, AtRisk, Breached }

/// <summary>
/// What the board keeps of one open query: where it counts and what decides whether it is at risk; none of its text.
/// </summary>
/// <remarks>
/// At risk: open, no breach recorded, its clocks not paused, and a running clock either had its first warning
/// (<c>Sla:WarnAt</c>, 75% of the first response while unanswered, or of the resolution) or is due within
/// <c>Board:AtRiskWithin</c> (the current next response included). Breached: a first-response or resolution breach is
/// recorded (what the console shows as breached), whether or not the query was answered since.
/// </remarks>
internal sealed record OpenQuery(
    string Queue,
    string? Assignee,
    DateTimeOffset CreatedAt,
    long Version,
    bool Answered,
    bool Paused,
    bool Breached,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset? NextResponseDue,
    DateTimeOffset ResolutionDue,
    bool FirstResponseWarned = false,
    bool ResolutionWarned = false)
{
    public static OpenQuery? From(QuerySummary q, OpenQuery? before) => QueryStatus.IsOpen(q.Status)
        ? new(q.Queue, q.Assignee, q.CreatedAt, q.Version, q.FirstRespondedAt is not null, q.SlaPaused,
            q.SlaState == "breached" || before?.Breached == true, q.FirstResponseDue, q.NextResponseDue, q.ResolutionDue,
            before?.FirstResponseWarned == true, before?.ResolutionWarned == true)
        : null;

    /// <summary>The query waits for its first answer since it came in.</summary>
    public DateTimeOffset? WaitingSince => Answered ? null : CreatedAt;

    /// <summary>The nearest deadline of a clock that runs.</summary>
    public DateTimeOffset? NearestDue => Paused ? null : new[] { Answered ? (DateTimeOffset?)null : FirstResponseDue, NextResponseDue, ResolutionDue }.Min();

    public BoardState StateAt(DateTimeOffset now, TimeSpan within) =>
        Breached ? BoardState.Breached
        : Paused ? BoardState.OnTrack
        : (FirstResponseWarned && !Answered) || ResolutionWarned || NearestDue <= now + within ? BoardState.AtRisk
        : BoardState.OnTrack;

    /// <summary>When an on-track query becomes at risk if nothing happens to it (its nearest deadline less the window).</summary>
    public DateTimeOffset? RiskFrom(TimeSpan within) => NearestDue - within;
}
