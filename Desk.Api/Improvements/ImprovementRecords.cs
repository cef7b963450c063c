using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Improvements;

/// <summary>
/// Where an entry came from: a query of type improvement_suggestion, a survey comment proposing a change, or a supervisor's
/// review of an override proposing a change to the rule it broke (its source_id the override's; the user did not raise it).
/// </summary>
internal static class ImprovementSources
{
    public const string Query = "query";
    public const string Survey = "survey";
    public const string Override = "override";
}

/// <summary>An entry's life, and where each status may go next.</summary>
internal static class ImprovementStatus
{
    public const string New = "new";
    public const string Accepted = "accepted";
    public const string Planned = "planned";
    public const string Done = "done";
    public const string Declined = "declined";

    public static readonly string[] All = [New, Accepted, Planned, Done, Declined];

    static readonly Dictionary<string, string[]> Next = new()
    {
        [New] = [Accepted, Planned, Declined],
        [Accepted] = [Planned, Done, Declined],
        [Planned] = [Done, Declined, Accepted],
        [Declined] = [Accepted],
        [Done] = [],
    };

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> From(string status) => Next.TryGetValue(status, out var next) ? next : [];
}

/// <summary>An entry of the improvement register (Table 8.5: kept up to date, its progress visible to its originator).</summary>
public sealed record Improvement(
    long Id,
    string Source,
    string Reference,
    string Text,
    string Status,
    string? Owner,
    string? Note,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StatusChangedAt);

public sealed record ImprovementPage(IReadOnlyList<Improvement> Items, string? Next);

/// <summary>A supervisor's change: a new status (with a note the originator is told), an owner (empty to clear).</summary>
public sealed record ImprovementPatch(
    string? Status,
    [property: MaxLength(Queries.Limits.NameLength)] string? Owner,
    [property: MaxLength(Queries.Limits.ReasonLength)] string? Note);

/// <summary>How many entries stand in each status: the board's view of the register.</summary>
public sealed record ImprovementCounts(int New, int Accepted, int Planned, int Done, int Declined)
{
    /// <summary>Of these, the proposals to change a rule an agent overrode (source <c>override</c>), by status.</summary>
    public ImprovementCounts? RuleChanges { get; init; }
}

/// <summary>An improvements row with the queue and reference of the query it came from.</summary>
internal sealed class ImprovementRow
{
    public long Id { get; init; }
    public string Source { get; init; } = "";
    public long SourceId { get; init; }
    public long QueryId { get; init; }
    public long ContactId { get; init; }
    public string Text { get; init; } = "";
    public string Status { get; set; } = ImprovementStatus.New;
    public string? Owner { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset StatusChangedAt { get; set; }
    public string Reference { get; init; } = "";
    public string Queue { get; init; } = "";

    public Improvement ToView() => new(Id, Source, Reference, Text, Status, Owner, Note, CreatedAt, UpdatedAt, StatusChangedAt);
}
