namespace Desk.Api.Outages;

/// <summary>A major outage (Table 8.4 "disaster"): declared by staff, its users told together, resolved once.</summary>
public record OutageSummary(
    long Id, string Title, string Description, string? Service, string Status, string DeclaredBy, DateTimeOffset DeclaredAt,
    string? ResolvedBy, DateTimeOffset? ResolvedAt, string? Resolution, int Linked, int OpenLinked);

/// <summary>An outage with the queries linked to it that the caller may see.</summary>
public sealed record OutageDetail(OutageSummary Outage, IReadOnlyList<OutageLink> Links);

public sealed record OutageLink(string Reference, string Subject, string Status, string Queue, string Channel, string ContactName,
    string LinkedBy, DateTimeOffset LinkedAt);

public sealed record DeclareOutage(string? Title, string? Description, string? Service = null);

/// <summary>Up to <see cref="OutageLimits.References"/> query references to link in one go.</summary>
public sealed record LinkQueries(IReadOnlyList<string?>? References);

/// <summary>What became of each reference: linked, already_linked, not_found (or not visible to the caller), or closed.</summary>
public sealed record LinkOutcome(string Reference, string Outcome);

public sealed record LinkReport(OutageSummary Outage, IReadOnlyList<LinkOutcome> Items);

public sealed record OutageNotice(string? Text);

/// <summary>The queries whose users were sent the notice, and those no installed channel can reach.</summary>
public sealed record NoticeReport(IReadOnlyList<string> Told, IReadOnlyList<string> Unreachable);

/// <summary><paramref name="ResolveQueries"/>: resolve the open linked queries too, telling their users <paramref name="Resolution"/>.</summary>
public sealed record ResolveOutage(string? Resolution, bool ResolveQueries = false);

public sealed record ResolveReport(OutageSummary Outage, IReadOnlyList<string> Resolved, NoticeReport Notice);

internal static class OutageStatus
{
    public const string Declared = "declared";
    public const string Resolved = "resolved";
}

internal static class OutageLimits
{
    public const int Title = 200;
    public const int Description = 4_000;
    public const int Service = 200;
    public const int References = 200;
    public const int Notice = 2_000;
}
