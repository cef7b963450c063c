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

/// <summary>
/// Up to <see cref="OutageLimits.References"/> query references to link in one go. <c>TellUsers</c> (the default): the user of
/// each query newly linked is told, in their language, that it is part of a known outage.
/// </summary>
public sealed record LinkQueries(IReadOnlyList<string?>? References, bool TellUsers = true);

/// <summary>What became of each reference: linked, already_linked, not_found (or not visible to the caller), or closed.</summary>
public sealed record LinkOutcome(string Reference, string Outcome);

/// <summary><c>Notice</c>: the users told of the link, when they were to be.</summary>
public sealed record LinkReport(OutageSummary Outage, IReadOnlyList<LinkOutcome> Items, NoticeReport? Notice = null);

/// <summary>
/// <c>Text</c> goes to every user; <c>Translations</c> (by language the desk speaks: <c>en</c>, <c>zh</c>) to the users who
/// speak that language instead.
/// </summary>
public sealed record OutageNotice(string? Text, IReadOnlyDictionary<string, string?>? Translations = null);

/// <summary>The queries whose users were sent the notice, and those no installed channel can reach.</summary>
public sealed record NoticeReport(IReadOnlyList<string> Told, IReadOnlyList<string> Unreachable);

/// <summary>
/// <paramref name="ResolveQueries"/>: resolve the open linked queries too, telling their users <paramref name="Resolution"/>
/// (or its translation in their language, as for a notice).
/// </summary>
public sealed record ResolveOutage(string? Resolution, bool ResolveQueries = false, IReadOnlyDictionary<string, string?>? Translations = null);

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

    /// <summary>The languages a notice may be translated into: those the desk speaks with users.</summary>
    public static readonly string[] Languages = ["en", "zh"];
}
