using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Desk.Api.Queries;

namespace Desk.Api.Overrides;

/// <summary>The rule a change breaks on purpose, and why: <c>{"rule":"sla.reopen-window","justification":"..."}</c>.</summary>
public sealed record OverrideRequest(
    [property: MaxLength(64)] string? Rule, [property: MaxLength(Limits.ReasonLength)] string? Justification);

/// <summary>A supervisor's review: <c>accept</c> the override, or <c>propose_change</c> to the rule it broke.</summary>
public sealed record OverrideReviewBody([property: Required] string? Decision, [property: MaxLength(Limits.ReasonLength)] string? Note);

public sealed record OverrideView(
    long Id, string Rule, string? Reference, string Actor, string Justification, JsonElement? Detail, DateTimeOffset At, OverrideReview? Review);

public sealed record OverrideReview(string Decision, string? Note, string Reviewer, DateTimeOffset At);

/// <summary>A review's answer: for <c>propose_change</c>, <paramref name="Improvement"/> is the improvement register's new entry.</summary>
public sealed record OverrideReviewed(long Override, string Decision, long? Improvement);

/// <summary>How often a rule was overridden, and how its reviews went: what the board shows per rule.</summary>
public sealed record OverrideCount(string Rule, int Total, int Unreviewed, int Accepted, int ProposedChanges);

internal static class OverrideDecisions
{
    public const string Accept = "accept";
    public const string ProposeChange = "propose_change";
}
