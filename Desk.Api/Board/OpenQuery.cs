using Desk.Api.Queries;

namespace Desk.Api.Board;

/// <summary>
/// What a change tells the board of one open query: where it counts and what decides whether it is at risk; none of its
/// text. The board keeps it as a <see cref="BoardPlace"/>.
/// </summary>
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
    public static OpenQuery? From(QuerySummary q, BoardPlace? before) => QueryStatus.IsOpen(q.Status)
        ? new(q.Queue, q.Assignee, q.CreatedAt, q.Version, q.FirstRespondedAt is not null, q.SlaPaused,
            q.SlaState == "breached" || before?.Breached == true, q.FirstResponseDue, q.NextResponseDue, q.ResolutionDue,
            before?.FirstResponseWarned == true, before?.ResolutionWarned == true)
        : null;

    /// <summary>The nearest deadline of a clock that runs.</summary>
    public DateTimeOffset? NearestDue => Paused ? null : new[] { Answered ? (DateTimeOffset?)null : FirstResponseDue, NextResponseDue, ResolutionDue }.Min();
}
