namespace Desk.Api.Contacts;

/// <summary>
/// The service levels a contact can have: every contact starts at standard, the priority matrix raises gold and vip
/// (docs/priority.md). Configuration that names a level (catalog entitlements) must name one of these.
/// </summary>
internal static class ServiceLevels
{
    public const string Standard = "standard";

    public static readonly string[] All = [Standard, "gold", "vip"];
}
