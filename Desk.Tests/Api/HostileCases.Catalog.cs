namespace Desk.Tests.Api;

internal static partial class HostileCases
{
    // The staff catalog for one contact: an id that is no number is 400, one that is no contact 404.
    static IEnumerable<(string Name, HostileCase Case)> CatalogRows()
    {
        foreach (var contact in new[] { "abc", "1.5", "99999999999999999999", "%00" })
            yield return Named($"contact {contact}", new HostileCase("agent", "GET", $"/api/catalog?contact={contact}", 400, null));
        foreach (var contact in new[] { "999999999", "-1", "0" })
            yield return Named($"contact {contact}", new HostileCase("agent", "GET", $"/api/catalog?contact={contact}", 404, null));
    }
}
