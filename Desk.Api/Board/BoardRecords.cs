namespace Desk.Api.Board;

/// <summary>
/// What <c>GET /api/board</c> answers: aggregates only, never the queries themselves. <paramref name="Node"/> and
/// <paramref name="Sequence"/> say which <see cref="BoardChange"/> pushes this snapshot already holds.
/// </summary>
public sealed record BoardSnapshot(
    string Node,
    long Sequence,
    DateTimeOffset At,
    TimeSpan AtRiskWithin,
    IReadOnlyList<QueueBoard> Queues,
    IReadOnlyList<AgentBoard> Agents,
    Attainment Today,
    IReadOnlyList<BoardFeedItem> Feed)
{
    /// <summary>The improvement register by status (Table 8.5: feedback that asks for change is not lost).</summary>
    public Improvements.ImprovementCounts? Improvements { get; init; }

    /// <summary>Overrides per overridable rule (8.2.5), every registered rule listed; a <c>rule_overridden</c> feed line says to read them again.</summary>
    public IReadOnlyList<Overrides.OverrideCount>? Overrides { get; init; }
}

/// <summary>
/// One queue's open queries: <paramref name="AtRisk"/> and <paramref name="Breached"/> are parts of
/// <paramref name="Open"/>; <paramref name="OldestWaitingSince"/> is when the longest-waiting query still without a
/// first answer came in (null when every one was answered).
/// </summary>
public sealed record QueueBoard(string Queue, string Practice, int Open, int AtRisk, int Breached, DateTimeOffset? OldestWaitingSince);

/// <summary>A staff member with a live console (<paramref name="Online"/>) or open queries assigned (<paramref name="Open"/>).</summary>
public sealed record AgentBoard(string Username, string DisplayName, string Role, bool Online, int Open);

/// <summary>
/// Today (midnight to midnight in <paramref name="TimeZone"/>): first responses and resolutions given, and how many of
/// them came by their deadline.
/// </summary>
public sealed record Attainment(string Day, string TimeZone, int FirstResponses, int FirstResponsesMet, int Resolutions, int ResolutionsMet);

/// <summary>
/// One line of the board's live feed. The desk writes <c>query_created</c>, <c>user_message</c>,
/// <c>handoff_requested</c>, <c>handoff_taken</c>, <c>handoff_timed_out</c>, <c>sla_warning</c> and <c>sla_breached</c>;
/// another feature posts its own kind through <see cref="BoardFeed.PostAsync"/>. No user's words reach a board (it
/// may hang on a wall): <paramref name="Text"/> is the poster's own short line, such as "rated 1 of 5".
/// </summary>
public sealed record BoardFeedItem(
    string Kind,
    DateTimeOffset At,
    string? Reference = null,
    string? Queue = null,
    string? Metric = null,
    double? Share = null,
    string? Text = null,
    bool MomentOfTruth = false);

/// <summary>
/// Pushed to the board group: the rows that changed, whole (a board replaces them), and the new feed lines.
/// A board drops a push from <paramref name="Node"/> whose <paramref name="Sequence"/> its snapshot already holds.
/// </summary>
public sealed record BoardChange(
    string Node,
    long Sequence,
    IReadOnlyList<QueueBoard> Queues,
    IReadOnlyList<AgentBoard> Agents,
    Attainment? Today,
    IReadOnlyList<BoardFeedItem> Items);
