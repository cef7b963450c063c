using System.Text.RegularExpressions;
using Desk.Api.Contacts;

namespace Desk.Api.Catalog;

/// <summary>
/// Who a contact is to the request catalog: their service level, and the configured groups that an address they
/// verified (a portal code proved it) puts them in. An address merely given, in a chat or a From header, puts nobody
/// in a group: anyone can type one.
/// </summary>
internal sealed record CatalogStanding(string ServiceLevel, IReadOnlyList<string> Groups)
{
    public override string ToString() =>
        Groups.Count == 0 ? $"{ServiceLevel}, in no group" : $"{ServiceLevel}, in {string.Join(", ", Groups.Select(CatalogEntitlement.Group))}";
}

/// <summary>
/// The one entitlement rule, for the portal's catalog, intake, an agent's grant and <c>GET /api/catalog</c>: an item
/// listed in <c>Catalog:Entitlements</c> is for the service levels and <c>group:</c> names listed there; any other is everyone's.
/// </summary>
internal static partial class CatalogEntitlement
{
    public const string GroupPrefix = "group:";

    public static string Group(string name) => GroupPrefix + name;

    public static bool Entitles(this CatalogOptions catalog, string item, CatalogStanding who) =>
        catalog.Entitled(item) is not { } entitled || entitled.Any(e => e.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase)
            ? who.Groups.Contains(e[GroupPrefix.Length..], StringComparer.OrdinalIgnoreCase)
            : string.Equals(e, who.ServiceLevel, StringComparison.OrdinalIgnoreCase));

    /// <summary>The items of the catalog <paramref name="who"/> is entitled to, in name order.</summary>
    public static IReadOnlyList<string> ItemsFor(this CatalogOptions catalog, CatalogStanding who) =>
        [.. catalog.Items.Keys.Order(StringComparer.Ordinal).Where(item => catalog.Entitles(item, who))];

    /// <summary>The groups whose members include one of <paramref name="verified"/> (stored addresses: e-mail in lower case, phones E.164).</summary>
    public static IReadOnlyList<string> GroupsOf(this CatalogOptions catalog, IReadOnlyCollection<string> verified) =>
        [.. catalog.Groups.Where(g => g.Value.Any(member => verified.Any(address => Holds(member.Trim(), address))))
            .Select(g => g.Key.ToLowerInvariant()).Order(StringComparer.Ordinal)];

    // "@finance.example.org" is that domain exactly (not its subdomains); anything else is one address.
    static bool Holds(string member, string address) => member.StartsWith('@')
        ? address.EndsWith(member, StringComparison.OrdinalIgnoreCase)
        : string.Equals(member, address, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with the configured groups and entitlements, one message each, naming the key to fix.</summary>
    public static IEnumerable<string> Problems(Dictionary<string, string[]> entitlements, Dictionary<string, string[]> groups)
    {
        foreach (var (name, members) in groups)
        {
            if (!GroupName().IsMatch(name))
                yield return $"Catalog:Groups:{name}: a group name is letters, digits, '-' and '_' only.";
            if (members.Length == 0 || members.Any(string.IsNullOrWhiteSpace))
                yield return $"Catalog:Groups:{name} needs its members: e-mail domains (@finance.example.org), e-mail addresses or phone numbers (+4420…).";
            foreach (var member in members.Where(m => !string.IsNullOrWhiteSpace(m) && !Member().IsMatch(m.Trim())))
                yield return $"Catalog:Groups:{name} names '{member}', which is not an e-mail domain (@finance.example.org), "
                    + "an e-mail address or a phone number in international form (+442079460958).";
        }
        foreach (var (item, entitled) in entitlements)
            foreach (var who in entitled)
            {
                if (who.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    if (!groups.ContainsKey(who[GroupPrefix.Length..]))
                        yield return $"Catalog:Entitlements:{item} names '{who}', but there is no Catalog:Groups:{who[GroupPrefix.Length..]}"
                            + (groups.Count == 0 ? "." : $" (groups: {string.Join(", ", groups.Keys.Order(StringComparer.Ordinal))}).");
                }
                else if (!ServiceLevels.All.Contains(who))
                    yield return $"Catalog:Entitlements:{item} names '{who}', which is not a service level ({string.Join(", ", ServiceLevels.All)}) "
                        + "nor a group (group:<name> of Catalog:Groups).";
            }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupName();

    // A domain (@a.b), an address (x@a.b) or E.164; stored addresses are compared as ContactAddresses keeps them.
    [GeneratedRegex(@"^([^@\s]+)?@([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,63}$|^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex Member();
}
