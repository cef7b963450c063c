using System.ComponentModel.DataAnnotations;
using Desk.Api.Queries;

namespace Desk.Api.Moments;

/// <summary>What a moment of truth can be, and which cause has a feed line of its own (so the board shows it once).</summary>
internal static class MomentKinds
{
    public const string FirstResponse = "first_response";
    /// <summary>No longer recorded (a warning is the desk's alarm, not the user's experience); kept for the moments of older desks.</summary>
    public const string SlaWarning = "sla_warning";
    public const string SlaBreach = "sla_breach";
    public const string Reopen = "reopen";
    public const string Complaint = "complaint";
    public const string LowScore = "low_score";
    public const string Handoff = "handoff";
    public const string Escalation = "escalation";
    public const string Other = "other";

    /// <summary>The timeline kind of every moment's line (a survey's low score writes its own line of this kind).</summary>
    public const string TimelineKind = "moment_of_truth";

    public static readonly string[] All = [FirstResponse, SlaBreach, Reopen, Complaint, LowScore, Handoff, Escalation, Other];

    /// <summary>The cause of a breach's moment: the same as its sla_events row, so that it is recorded once, and closed if withdrawn.</summary>
    public static string SlaBreachKey(string metric, double share, long cycleTicks) =>
        FormattableString.Invariant($"sla:{metric}:breach:{share}:{cycleTicks}");

    /// <summary>The cause of the escalation a breach set off.</summary>
    public static string EscalationKey(string breachKey) => $"escalation:{breachKey}";

    /// <summary>The timeline kind that already tells of the cause, for the board not to show the moment twice.</summary>
    public static string? Cause(string kind) => kind switch
    {
        SlaWarning => TimelineKinds.SlaWarning,
        SlaBreach => TimelineKinds.SlaBreached,
        Handoff => TimelineKinds.HandoffRequested,
        Complaint => TimelineKinds.Created,
        _ => null,
    };
}

internal static class Polarity
{
    public const string Positive = "positive";
    public const string Negative = "negative";
}

internal static class RecoveryStates
{
    public const string Open = "open";
    public const string Recovered = "recovered";
}

/// <summary>A moment to record: <paramref name="Key"/> names its cause, so that a cause processed twice records it once.</summary>
internal sealed record MomentDraft(string Kind, bool Positive, string Key, string Actor, string? Note = null, long? RecoveryQueryId = null);

/// <summary>An agent's own moment of truth on a query: a touchpoint the desk did not see by itself.</summary>
public sealed record PostMoment(
    [property: Required] string? Kind, [property: Required] string? Polarity, [property: MaxLength(Limits.ReasonLength)] string? Note);

/// <summary>How a negative moment was turned around.</summary>
public sealed record RecoveredBody([property: Required, MaxLength(Limits.ReasonLength)] string? Note);

public sealed record MomentView(
    long Id, string Reference, string Queue, string Kind, string Polarity, string Actor, string? Note, DateTimeOffset At, RecoveryView? Recovery);

/// <summary>A negative moment's recovery: open or recovered, whose it is, and the recovery query a low score opened.</summary>
public sealed record RecoveryView(string State, string? Owner, string? Query, DateTimeOffset? RecoveredAt, string? RecoveredBy, string? Note);

/// <summary>A query's moments; <paramref name="Recovered"/> when no negative one is still open.</summary>
public sealed record QueryMoments(string Reference, bool Recovered, int OpenRecoveries, IReadOnlyList<MomentView> Moments);

/// <summary>The team view: one day's moments, in the queues asked for and visible to the caller.</summary>
public sealed record MomentsDay(string Day, string? Queue, int Positive, int Negative, int OpenRecoveries, IReadOnlyList<MomentView> Moments);
