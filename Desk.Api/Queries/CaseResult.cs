namespace Desk.Api.Queries;

/// <summary>What casework did with a change or a message, for the API to answer.</summary>
internal abstract record CaseResult
{
    public sealed record Changed(QuerySummary Summary) : CaseResult;

    public sealed record Written(TimelineEntry Entry) : CaseResult;

    public sealed record NotFound : CaseResult;

    /// <summary><c>Rule</c>: the overridable rule the change breaks, when that is why it is refused (Desk.Api/Overrides).</summary>
    public sealed record Invalid(string Field, string Message) : CaseResult
    {
        public string? Rule { get; init; }
    }

    public sealed record Conflict(string Message) : CaseResult
    {
        public string? Rule { get; init; }
    }

    /// <summary>Someone else sent the user these after the entry the writer last saw; nothing was written.</summary>
    public sealed record Collided(IReadOnlyList<TimelineEntry> SentMeanwhile) : CaseResult;

    /// <summary>The query changed after the version the caller read; <c>Changes</c> says what happened since.</summary>
    public sealed record Stale(long Version, IReadOnlyList<TimelineEntry> Changes) : CaseResult;
}
