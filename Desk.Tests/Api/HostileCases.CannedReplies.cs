namespace Desk.Tests.Api;

/// <summary>Canned replies in the hostile table: bad fields on POST and PUT, odd ids, the team's reply an agent may not change.</summary>
internal static partial class HostileCases
{
    const string CannedReply = """{"title":"Probe","body":"Hello {contact.name}.","language":"en","queue":"incident-management"}""";

    static IEnumerable<(string, string?)> CannedReplyFields() =>
    [
        ("title", null), ("title", "\"\""), ("title", "\"\\u200b\\ufeff\""), ("title", "\"a\\u0000b\""), ("title", "\"two\\nlines\""),
        ("title", "\"\\ud800\""), ("title", Str(new string('t', 101))), ("title", "[]"), ("title", "\"evil\\u202Etxt.exe\""),
        ("body", null), ("body", "\"   \""), ("body", "\"esc\\u001b[2J\""), ("body", "\"\\udfff\""), ("body", Str(new string('b', 4_001))),
        ("body", "{}"),
        ("language", null), ("language", "\"fr\""), ("language", "\"EN\""), ("language", "\"en\\u0000\""), ("language", "1"),
        ("queue", "\"the-moon\""), ("queue", "\"INCIDENT-MANAGEMENT\""), ("queue", "\"information-security\""), ("queue", "\"../triage\""),
        ("queue", "5"),
    ];

    static IEnumerable<(string Caller, string Method, string Path, string Body, string Field, string? Raw, int Status)> CannedReplyFieldRows()
    {
        // Checked before the reply is looked up, so a missing one still gets the 400.
        foreach (var (field, raw) in CannedReplyFields())
        {
            yield return ("agent", "POST", "/api/canned-replies", CannedReply, field, raw, 400);
            yield return ("agent", "PUT", "/api/canned-replies/999999", CannedReply, field, raw, 400);
        }
    }

    static IEnumerable<(string Name, HostileCase Case)> CannedReplyRows()
    {
        foreach (var query in new[] { "language=fr", "language=EN", "language=%00" })
            yield return Named(query, new HostileCase("agent", "GET", "/api/canned-replies?" + query, 400, null));
        foreach (var id in new[] { "abc", "999999", "-1", "99999999999999999999", "..%2F1", "%E2%80%8B" })
        {
            yield return Named(id, new HostileCase("agent", "PUT", $"/api/canned-replies/{id}", 404, Text(CannedReply, Json)));
            yield return Named(id, new HostileCase("supervisor", "DELETE", $"/api/canned-replies/{id}", 404, null));
        }
        // Reply 1 is the first the migration seeds: the team's, offered in every queue.
        yield return Named("agent changes the team's", new HostileCase("agent", "PUT", "/api/canned-replies/1", 403, Text(CannedReply, Json)));
        yield return Named("agent deletes the team's", new HostileCase("agent", "DELETE", "/api/canned-replies/1", 403, null));
    }
}
