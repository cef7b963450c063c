namespace Desk.Api.Overrides;

/// <summary>
/// Every rule an agent may break with a written justification (intelligent disobedience, 8.2.5), by a stable name
/// that overrides, reviews and counts point at: rename one and its history loses its rule. <c>Wired</c> says whether
/// the desk has a way to break it yet; one that is not is refused, naming it, so the gap is visible.
/// </summary>
internal static class OverrideRules
{
    public const string ReopenWindow = "sla.reopen-window";
    public const string PriorityMatrix = "priority.matrix";
    public const string RoutingAssignment = "routing.assignment";
    public const string SlaPolicy = "sla.policy";
    public const string CatalogEntitlement = "catalog.entitlement";

    public static readonly OverrideRule[] All =
    [
        new(ReopenWindow, "A resolved query reopens only within the reopen window (Sla:ReopenWindow).", true),
        new(PriorityMatrix, "A priority stays within one step of what the impact × urgency matrix gives for the query's type, impact, "
            + "urgency and service level (docs/priority.md).", true),
        new(RoutingAssignment, "A query is assigned only to someone who works its queue.", true),
        new(SlaPolicy, "The SLA clocks run as the query's policy says; only the policy's statuses pause them.", true),
        new(CatalogEntitlement, "A user gets only the catalog items they are entitled to (Catalog:Entitlements).", true),
    ];

    public static OverrideRule? Find(string? name) => All.FirstOrDefault(r => r.Name == name);
}

public sealed record OverrideRule(string Name, string Description, bool Wired);
