using Desk.Api.Queries;
using Desk.Api.Routing;
using Desk.Classifier;

namespace Desk.Api.Queues;

/// <summary>
/// What a queue view filters and sorts by: the query string of GET /api/queries, and what a saved view keeps.
/// <paramref name="Status"/> is a status or "active" (any but resolved and closed); <paramref name="Assignee"/> is a username, "me" (the caller) or "unassigned"; <paramref name="Sla"/> is breached,
/// on_track or paused; <paramref name="Q"/> searches reference, subject, text and contact name; <paramref name="Sort"/> is
/// urgency (the default: breached first, then the soonest deadline, paused and without deadline last) or newest.
/// </summary>
public sealed record ListFilters(
    string? Queue = null, string? Status = null, string? Type = null, string? Priority = null, string? Assignee = null,
    string? Channel = null, string? Language = null, string? Sla = null, string? Q = null, string? Sort = null)
{
    public const string Active = "active";
    public const string Me = "me";
    public const string Unassigned = "unassigned";
    public const string Urgency = "urgency";
    public const string Newest = "newest";
    public const int SearchLength = 200;
    public static readonly string[] Sorts = [Urgency, Newest];
    public static readonly string[] SlaStates = ["breached", "on_track", "paused"];
    public static readonly string[] Languages = ["en", "zh"];

    /// <summary>Each field that holds a value the desk does not know, with why.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (Queue is not null && !Practice.IsQueue(Queue)) errors["queue"] = [$"There is no queue '{Queue}'."];
        if (Status is not null && Status != Active && !QueryStatus.All.Contains(Status))
            errors["status"] = [$"Status must be active or one of: {string.Join(", ", QueryStatus.All)}."];
        if (Type is not null && !QueryTypes.TryParse(Type, out _)) errors["type"] = [$"There is no query type '{Type}'."];
        if (Priority is not null && !Routing.Priority.All.Contains(Priority)) errors["priority"] = ["Priority must be P1, P2, P3 or P4."];
        if (Assignee is not null && TextRules.Problem(Assignee, "Assignee", 256) is { } assignee) errors["assignee"] = [assignee];
        if (Channel is not null && !Channels.IsKnown(Channel)) errors["channel"] = [$"Channel must be one of: {string.Join(", ", Channels.All)}."];
        if (Language is not null && !Languages.Contains(Language)) errors["language"] = [$"Language must be one of: {string.Join(", ", Languages)}."];
        if (Sla is not null && !SlaStates.Contains(Sla)) errors["sla"] = [$"SLA state must be one of: {string.Join(", ", SlaStates)}."];
        if (Q is not null && TextRules.Problem(Q, "Search text", SearchLength) is { } search) errors["q"] = [search];
        if (Sort is not null && !Sorts.Contains(Sort)) errors["sort"] = [$"Sort must be one of: {string.Join(", ", Sorts)}."];
        return errors;
    }

    /// <summary>Empty strings (a cleared filter) as absent, and the search text trimmed.</summary>
    public ListFilters Normalised() => new(
        Blank(Queue), Blank(Status), Blank(Type), Blank(Priority), Blank(Assignee), Blank(Channel), Blank(Language), Blank(Sla),
        Blank(Q?.Trim()), Blank(Sort));

    /// <summary>The store's filter for <paramref name="caller"/>: "me" is them, and only the queues they may see.</summary>
    internal QueryFilter For(Caller caller, long? after, int offset, int limit) =>
        new(Queue, Status is Active ? null : Status, Type, Priority, Assignee is Unassigned ? null : Assignee is Me ? caller.Name : Assignee, Channel, after, limit,
            caller.Queues?.ToArray())
        {
            Active = Status is Active,
            Unassigned = Assignee is Unassigned,
            Language = Language,
            Sla = Sla,
            // Folded by the engine's lower() on both sides, as QueryStore compares it.
            Like = Q is null ? null : $"%{EscapeLike(Q)}%",
            Newest = Sort is Newest,
            Offset = offset,
        };

    static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // The search is a substring, never a pattern: LIKE's wildcards (and T-SQL's brackets) in it match themselves.
    static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_").Replace("[", @"\[");
}
