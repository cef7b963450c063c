using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Desk.Api.Conversations;
using Desk.Api.Outbox;

namespace Desk.Api.Queries;

/// <summary>What a channel or the portal submits. A field it does not know is refused: a misspelt one ("name" for
/// "displayName") would otherwise be lost without a word.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SubmitQuery(
    [property: Required, MinLength(1), MaxLength(Limits.TextLength)] string Text,
    [property: Required] string Channel,
    [property: Required] ContactIdentity Contact,
    [property: MaxLength(Limits.CatalogItemLength)] string? CatalogItem = null,
    string? Impact = null,
    string? Urgency = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ContactIdentity(
    [property: Required, MaxLength(32)] string Channel,
    [property: Required, MaxLength(Limits.AddressLength)] string Address,
    [property: MaxLength(Limits.NameLength)] string? DisplayName = null);

/// <summary>
/// The answer to a submitted query, with the agreed time frame the user is told (8.2.2). <paramref name="CatalogGranted"/>:
/// whether the catalog item asked for is granted (null without one); when it is not, <paramref name="NextStep"/> says why
/// and that an agent decides.
/// </summary>
public sealed record QueryReceipt(
    string Reference,
    string Type,
    double Confidence,
    string DecidedBy,
    string Priority,
    string Queue,
    string Status,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset ResolutionDue,
    bool? CatalogGranted = null,
    string? NextStep = null);

public record QuerySummary(
    string Reference,
    string Type,
    string Queue,
    string Status,
    string Priority,
    string Channel,
    string Subject,
    long ContactId,
    string ContactName,
    string? Assignee,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset ResolutionDue,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? ResolvedAt,
    string SlaState,
    double Confidence,
    string DecidedBy,
    long Version,
    DateTimeOffset? NextResponseDue = null,
    bool SlaPaused = false,
    string Language = "en",
    DateTimeOffset? SlaDue = null);

/// <summary>A query with its text and whole timeline; serialises flat, the summary fields first.</summary>
public sealed record QueryDetail : QuerySummary
{
    public QueryDetail(QuerySummary summary) : base(summary)
    {
    }

    public required string Text { get; init; }

    public string? CatalogItem { get; init; }

    /// <summary>False while the catalog item waits for an agent: the contact is not entitled to it (catalog.entitlement).</summary>
    public bool CatalogGranted { get; init; } = true;

    public string? ModelVersion { get; init; }

    public string? DecisionRule { get; init; }

    public required string Impact { get; init; }

    public required string Urgency { get; init; }

    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    /// <summary>The chat this query is discussed in, when it came from or was linked to one.</summary>
    public ConversationSummary? Conversation { get; init; }

    /// <summary>The desk's time when this was read: a console counts the SLA clocks down from it, whatever its own clock says.</summary>
    public DateTimeOffset AsOf { get; init; }

    /// <summary>The query this one was closed as a duplicate of, if it was.</summary>
    public string? MergedInto { get; init; }
}

/// <summary>
/// One page of a list: <paramref name="Next"/> is the cursor of the next page newest first (null at the end, and in the
/// urgency sort); <paramref name="Total"/> how many queries match the filters, counted up to 10,000 past
/// <paramref name="Offset"/>, how many came before this page; <paramref name="TotalCapped"/> when more match than that.
/// </summary>
public sealed record QueryPage(IReadOnlyList<QuerySummary> Items, string? Next, int Total, int Offset, bool TotalCapped);

/// <summary>
/// One thing that happened to a query; <paramref name="QueryVersion"/> the query's version once the write that made it
/// committed (whoever shows the entry has seen that version); <paramref name="Delivery"/> on what was sent to the user
/// (agent replies, bot messages). <paramref name="ActorName"/>: the display name of the staff member who is
/// <paramref name="Actor"/> (as the staff list holds it now), the same in the query's read and in its push; null when the
/// actor is no staff member (a contact, the desk's own timers, an API key).
/// </summary>
public sealed record TimelineEntry(
    long Id, string Reference, string Kind, string Actor, string? Body, JsonElement? Data, DateTimeOffset At, long QueryVersion,
    Delivery? Delivery = null, string? ActorName = null)
{
    /// <summary>The query's contact when the entry was written, for the push to their portal; never serialised (not public).</summary>
    internal long ContactId { get; init; }
}

/// <summary>
/// <paramref name="SeenEntry"/>: the newest timeline entry the writer saw. A public reply is then refused (409) when
/// someone else sent the user something after it, unless <paramref name="Confirm"/>: the writer saw that and sends anyway.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] // a misspelt "internal" must not make a reply public
public sealed record PostMessage(
    [property: Required, MinLength(1), MaxLength(Limits.TextLength)] string Text,
    string Visibility = "public",
    long? SeenEntry = null,
    bool Confirm = false,
    string? Channel = null);

/// <summary>
/// <paramref name="Override"/>: a rule this change breaks on purpose, with the written why (Desk.Api/Overrides).
/// <paramref name="CatalogItem"/>: grant this item of the request catalog (or change to it).
/// <paramref name="SlaHold"/>: true holds the SLA clocks outside the policy's pausing statuses (overriding sla.policy), false lifts the hold.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QueryPatch(string? Status, string? Assignee, string? Priority, string? Type, [property: MaxLength(Limits.ReasonLength)] string? Reason,
    Overrides.OverrideRequest? Override = null,
    [property: MaxLength(Limits.CatalogItemLength)] string? CatalogItem = null, bool? SlaHold = null);

/// <summary>A queue's open queries: all of them, nobody's, the caller's, and those with a breached agreement.</summary>
/// <param name="Restricted">Only the agents given it, supervisors and admins see it (set by an admin, else QueueAccess:RestrictedQueues); only an admin gives it.</param>
public sealed record QueueCount(string Queue, string Practice, int Open, int Unassigned = 0, int Mine = 0, int Breached = 0, bool Restricted = false);

internal static class Limits
{
    public const int TextLength = 10_000;
    public const int NameLength = 200;
    public const int AddressLength = Contacts.ContactAddresses.MaxLength;
    public const int CatalogItemLength = 100;
    public const int ReasonLength = 1_000;
    public const long BodyBytes = 64 * 1024;
}
