namespace Desk.Tests.Api;

internal static partial class HostileCases
{
    const string PortalCode = """{"address":"ana@example.org","language":"en"}""";
    const string PortalAnswer = """{"address":"ana@example.org","code":"123456"}""";

    // The portal's open door (codes, sessions) gets every malformed shape and bad field; behind it, without a portal
    // session (a staff cookie is none), 401. Signed-in bad input (blank messages, wrong codes): PortalTests.
    static IEnumerable<(string Name, HostileCase Case)> PortalRows()
    {
        foreach (var (path, body) in new[] { ("/api/portal/codes", PortalCode), ("/api/portal/sessions", PortalAnswer) })
            foreach (var (label, content, status) in Shapes())
                yield return Named(label, new HostileCase("anonymous", "POST", path, status(path), content(body)));
        foreach (var (field, raw) in new[]
                 {
                     ("address", null), ("address", "\"\""), ("address", "\"not an address\""), ("address", "42"), ("address", "\"ana@example.org\\u0000\""),
                     ("address", Str(new string('a', 400) + "@example.org")), ("address", "\"+1 555\""), ("language", "\"fr\""), ("language", "7"),
                 })
            yield return Named($"{field} {(raw is null ? "missing" : Shown(raw))}", new HostileCase("anonymous", "POST", "/api/portal/codes", 400, Text(Set(PortalCode, field, raw), Json)));
        foreach (var (field, raw) in new[]
                 {
                     ("code", null), ("code", "\"12345\""), ("code", "\"1234567\""), ("code", "\"12a456\""), ("code", "123456"),
                     ("code", "\"\\uff11\\uff12\\uff13\\uff14\\uff15\\uff16\""), ("address", null), ("address", "\"nobody\""),
                 })
            yield return Named($"{field} {(raw is null ? "missing" : Shown(raw))}", new HostileCase("anonymous", "POST", "/api/portal/sessions", 400, Text(Set(PortalAnswer, field, raw), Json)));
        // A code nobody was sent: refused like a wrong one, and no try is recorded anywhere.
        yield return Named("language fr", new HostileCase("anonymous", "GET", "/api/portal/knowledge?q=vpn&language=fr", 400, null));
        yield return Named("search too long", new HostileCase("anonymous", "GET", $"/api/portal/knowledge?q={new string('a', 501)}", 400, null));
        foreach (var id in new[] { "999999999", "abc", "-1" })
            yield return Named($"article {id}", new HostileCase("anonymous", "GET", $"/api/portal/knowledge/{id}", 404, null));
        yield return Named("code never sent", new HostileCase("anonymous", "POST", "/api/portal/sessions", 401, Text(PortalAnswer, Json)));
        foreach (var caller in new[] { "anonymous", "agent", "intake" })
        {
            yield return Named("no portal session", new HostileCase(caller, "POST", "/api/portal/me/identities", 401, Text(PortalCode, Json)));
            yield return Named("no portal session", new HostileCase(caller, "POST", "/api/portal/me/identities/confirm", 401, Text(PortalAnswer, Json)));
            yield return Named("no portal session", new HostileCase(caller, "GET", "/api/portal/me/queries/{ref}", 401, null));
            yield return Named("no portal session", new HostileCase(caller, "POST", "/api/portal/me/queries/{ref}/messages", 401, Text("""{"text":"hello"}""", Json)));
            yield return Named("no portal session", new HostileCase(caller, "POST", "/api/portal/me/queries", 401,
                Text("""{"text":"hello","catalogItem":"new-laptop","fields":{"model":"X1"}}""", Json)));
            yield return Named("no portal session", new HostileCase(caller, "GET", "/api/portal/me/catalog", 401, null));
            yield return Named("no portal session", new HostileCase(caller, "GET", "/api/portal/me/surveys", 401, null));
            yield return Named("no portal session", new HostileCase(caller, "POST", "/api/portal/knowledge/1/feedback", 401, Text("""{"helped":true}""", Json)));
            yield return Named("no portal session", new HostileCase(caller, "POST", "/api/portal/me/surveys/1", 401, Text("""{"score":5}""", Json)));
        }
        foreach (var reference in new[] { "INC-999999", "..%2F..%2Fadmin", "%E2%80%8B" })
            yield return Named($"no portal session for {reference}", new HostileCase("anonymous", "GET", $"/api/portal/me/queries/{reference}", 401, null));
    }
}
