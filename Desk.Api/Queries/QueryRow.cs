namespace Desk.Api.Queries;

/// <summary>A row of the queries table joined with its contact's name.</summary>
internal sealed class QueryRow
{
    public long Id { get; set; }
    public string Reference { get; init; } = "";
    public string Type { get; set; } = "";
    public string Queue { get; set; } = "";
    public string Status { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Impact { get; init; } = "";
    public string Urgency { get; init; } = "";
    public string Channel { get; init; } = "";
    public long ContactId { get; init; }
    public string ContactName { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Text { get; init; } = "";
    public string? CatalogItem { get; set; }
    /// <summary>False while the contact waits for an agent to grant an item they are not entitled to (catalog.entitlement).</summary>
    public bool CatalogGranted { get; set; } = true;
    public string? Assignee { get; set; }
    /// <summary>The principal that submitted it: "key:12", a username, "bot" or "demo".</summary>
    public string? SubmittedBy { get; init; }
    public string DecidedBy { get; set; } = "";
    public string? ModelVersion { get; init; }
    public double Confidence { get; set; }
    public string? DecisionRule { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset FirstResponseDue { get; set; }
    public DateTimeOffset ResolutionDue { get; set; }
    /// <summary>While the user waits for an answer to their latest words (a next-response cycle runs).</summary>
    public DateTimeOffset? NextResponseDue { get; set; }
    /// <summary>A clock is stopped for now (waiting for the user, by default).</summary>
    public bool SlaPaused { get; set; }
    /// <summary>The next instant a running clock crosses a warning share or a deadline; the timer pass's index.</summary>
    public DateTimeOffset? SlaNextDue { get; set; }
    /// <summary>The soonest deadline of a clock that runs now (past or future): what the queues sort by.</summary>
    public DateTimeOffset? SlaDue { get; set; }
    /// <summary>"zh" or "en", guessed from the text when it came in.</summary>
    public string Language { get; init; } = "en";
    public DateTimeOffset? FirstRespondedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? FirstResponseBreachedAt { get; set; }
    public DateTimeOffset? ResolutionBreachedAt { get; set; }
    /// <summary>Bumped by every change; a PATCH may name the version it read (If-Match).</summary>
    public long Version { get; set; } = 1;
    /// <summary>The query this duplicate was merged into (it is then closed).</summary>
    public long? MergedIntoId { get; set; }

    public QuerySummary ToSummary() => new(
        Reference, Type, Queue, Status, Priority, Channel, Subject, ContactId, ContactName, Assignee,
        CreatedAt, UpdatedAt, FirstResponseDue, ResolutionDue, FirstRespondedAt, ResolvedAt,
        FirstResponseBreachedAt is null && ResolutionBreachedAt is null ? "on_track" : "breached",
        Confidence, DecidedBy, Version, NextResponseDue, SlaPaused, Language, SlaDue);
}
