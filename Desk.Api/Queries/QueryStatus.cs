namespace Desk.Api.Queries;

/// <summary>The lifecycle: new → open → in_progress ⇄ waiting_for_user → resolved → closed, and reopen.</summary>
internal static class QueryStatus
{
    public const string New = "new";
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string WaitingForUser = "waiting_for_user";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    public static readonly string[] All = [New, Open, InProgress, WaitingForUser, Resolved, Closed];

    static readonly Dictionary<string, string[]> Next = new()
    {
        [New] = [Open, InProgress],
        [Open] = [InProgress],
        [InProgress] = [WaitingForUser, Resolved],
        [WaitingForUser] = [InProgress, Resolved],
        [Resolved] = [Closed, Open],
        [Closed] = [],
    };

    public static bool IsOpen(string status) => status is not (Resolved or Closed);

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> From(string status) => Next.TryGetValue(status, out var next) ? next : [];

    /// <summary>"waiting_for_user" as a person reads it, for the refusals an agent sees.</summary>
    public static string Words(string status) => status.Replace('_', ' ');
}

internal static class TimelineKinds
{
    public const string Created = "created";
    public const string MessageIn = "message_in";
    public const string MessageOut = "message_out";
    public const string Note = "note";
    /// <summary>A person's account of a phone call with the user: their answer, on the record, sent nowhere.</summary>
    public const string PhoneCall = "phone_call";
    public const string StatusChanged = "status_changed";
    public const string TypeChanged = "type_changed";
    public const string PriorityChanged = "priority_changed";
    public const string AssigneeChanged = "assignee_changed";
    public const string SlaBreached = "sla_breached";
    public const string SlaWarning = "sla_warning";
    /// <summary>A policy or calendar change, or a repair, moved the query's deadlines (data: cause, subject, moved).</summary>
    public const string SlaChanged = "sla_changed";
    public const string QueueChanged = "queue_changed";
    /// <summary>The bot's words to the user on this query (a receipt, an answer, a notice); sent through the outbox.</summary>
    public const string BotMessage = "bot_message";
    public const string HandoffRequested = "handoff_requested";
    public const string HandoffTaken = "handoff_taken";
    public const string HandoffReleased = "handoff_released";
    public const string HandoffTimedOut = "handoff_timed_out";
    /// <summary>This query was closed as a duplicate of another (data: into).</summary>
    public const string MergedInto = "merged_into";
    /// <summary>A duplicate was merged into this query (data: from).</summary>
    public const string MergeReceived = "merge_received";
    /// <summary>Linked to, or unlinked from, a declared major outage (data: outage, title).</summary>
    public const string OutageLinked = "outage_linked";
    public const string OutageUnlinked = "outage_unlinked";
    /// <summary>
    /// The user answered a query after it stopped taking their words: on the new query, the one it follows up (data:
    /// followsUp); on the earlier one, where the words went (data: followedUpIn).
    /// </summary>
    public const string FollowUp = "follow_up";
}
