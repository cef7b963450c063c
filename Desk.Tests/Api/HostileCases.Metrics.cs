namespace Desk.Tests.Api;

internal static partial class HostileCases
{
    // The Prometheus scrape takes no input: what is refused is every caller but an admin or a metrics:read key, whatever it
    // adds to the request (the endpoint is on for the hostile desk).
    static IEnumerable<(string Name, HostileCase Case)> MetricsRows()
    {
        foreach (var caller in new[] { "agent", "supervisor", "intake", "reader", "bot" })
            yield return Named("not an admin or a metrics key", new HostileCase(caller, "GET", "/metrics", 403, null));
        foreach (var query in new[] { "name[]=%00", "format=..%2F..%2Fetc", "x=" + new string('x', 2000) })
            yield return Named(query, new HostileCase("anonymous", "GET", "/metrics?" + query, 401, null));
        yield return Named("with a body", new HostileCase("intake", "GET", "/metrics", 403, Text("""{"scopes":["metrics:read"]}""", Json)));
    }
}
