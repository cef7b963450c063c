namespace Desk.Tests.Api;

/// <summary>The hostile-input table's field rules: each field of each JSON endpoint, with the values it must refuse.</summary>
internal static partial class HostileCases
{
    // Field by field: (caller, method, path, the valid body, field path, the bad value as raw JSON or null to remove it, status).
    static IEnumerable<(string Caller, string Method, string Path, string Body, string Field, string? Raw, int Status)> FieldRows()
    {
        foreach (var caller in new[] { "agent", "intake" })
        {
            foreach (var (field, raw) in QueryFields())
                yield return (caller, "POST", "/api/queries", Query, field, raw, 400);
        }
        foreach (var (field, raw) in MessageFields())
            yield return ("agent", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?"}""", field, raw, 400);
        yield return ("intake", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?"}""", "visibility", "\"internal\"", 400);
        yield return ("intake", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?"}""", "text", "\"\\u0000\"", 400);
        // The entry a reply was written after (collision warning): an id, 1 or more; confirm a boolean.
        foreach (var (field, raw) in new[] { ("seenEntry", "0"), ("seenEntry", "-5"), ("seenEntry", "1.5"), ("confirm", "\"yes\"") })
            yield return ("agent", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?","seenEntry":1}""", field, raw, 400);
        // A phone call on the record: channel "phone", public, by staff; anything else is refused.
        foreach (var raw in new[] { "\"fax\"", "\"\"", "\"PHONE\"", "1", "[]" })
            yield return ("agent", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?"}""", "channel", raw, 400);
        yield return ("agent", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?","visibility":"internal"}""", "channel", "\"phone\"", 400);
        yield return ("intake", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?"}""", "channel", "\"phone\"", 400);
        foreach (var (field, raw) in PatchFields())
            yield return ("agent", "PATCH", "/api/queries/{ref}", """{"priority":"P3","reason":"checked with the user"}""", field, raw, 400);
        foreach (var raw in new[] { "\"asleep\"", "null", "\"\"", "\"ONLINE\"", "\"online\\u0000\"" })
            yield return ("agent", "PUT", "/api/me/availability", """{"availability":"online"}""", "availability", raw, 400);
        foreach (var (field, raw) in new[] { ("languages", "[]"), ("languages", "[\"en-GB-x\"]"), ("languages", "[null]"), ("languages", "[\"<b>\"]"),
                     ("maxLoad", "0"), ("maxLoad", "-1"), ("maxLoad", "1001") })
            yield return ("supervisor", "PUT", "/api/admin/agents/agent2/routing", """{"languages":["en"],"maxLoad":5}""", field, raw, 400);
        foreach (var raw in new[] { "[\"canteen\"]", "[null]", "[\"\"]", "[\"incident-management\\u0000\"]", "\"incident-management\"", "[1]", "{}" })
            yield return ("supervisor", "PUT", "/api/admin/agents/agent/queues", """{"queues":["incident-management"]}""", "queues", raw, 400);
        foreach (var raw in new[] { null, "null", "\"yes\"", "\"true\"", "1", "[]", "{}" })
            yield return ("admin", "PUT", "/api/admin/queues/service-desk/restriction", """{"restricted":false}""", "restricted", raw, 400);
        foreach (var (field, raw, status) in CasefileFields())
            yield return (field.Caller, "POST", field.Path, field.Body, field.Name, raw, status);
        foreach (var (field, raw) in KeyFields())
            yield return ("admin", "POST", "/api/admin/api-keys", """{"name":"portal","scopes":["intake"]}""", field, raw, 400);
        foreach (var (field, raw) in SignInFields())
            yield return ("anonymous", "POST", "/api/auth/sign-in", """{"username":"agent","password":"x"}""", field, raw, 400);
        // No username holds a NUL: a wrong name like any other (PostgreSQL cannot even look one up).
        yield return ("anonymous", "POST", "/api/auth/sign-in", """{"username":"agent","password":"x"}""", "username", "\"agent\\u0000\"", 401);
        // The current password stays right: a wrong one counts towards the account's lockout.
        foreach (var raw in new[] { "null", "\"\"", "\"short\"", Str(new string('p', 201)), "\"agent-agent-agent\"", "\"            \"",
                     "\"passphrase\\u0000with-nul\"", "\"passphrase-\\ud800-broken\"", "12345678901234" })
            yield return ("agent", "POST", "/api/auth/password", Password, "newPassword", raw, 400);
        foreach (var (field, raw) in StaffFields())
            yield return ("admin", "POST", "/api/admin/staff", NewStaff, field, raw, 400);
        foreach (var (field, raw) in StaffFields().Where(f => f.Item1 != "username" && f.Item2 is not null && !f.Item2.Contains("new-member")))
            yield return ("admin", "PATCH", "/api/admin/staff/agent2", """{"displayName":"Agent Two"}""", field, raw, 400);
        foreach (var (field, raw, status) in ActivityFields())
            yield return ("bot", "POST", "/api/messages", Activity, field, raw, status);
        foreach (var (field, raw) in ArticleFields())
            yield return ("agent", "POST", "/api/knowledge", NewArticle, field, raw, 400);
        foreach (var raw in new[] { null, "\"\"", "\"   \"", "\"why\\u0000\"", "\"\\ud800\"", Str(new string('r', 1001)), "5", "[]" })
            yield return ("agent", "POST", "/api/queries/{ref}/survey/skip", Skip, "reason", raw, 400);
        // Checked before the entry is looked up, so a missing one still gets the 400.
        foreach (var (field, raw) in new (string, string?)[]
                 {
                     ("status", "\"sleeping\""), ("status", "\"DONE\""), ("status", "3"), ("note", Str(new string('n', 1001))),
                     ("note", "\"bell\\u0007\""), ("note", "\"\\udfff\""), ("owner", Str(new string('o', 201))), ("owner", "\"a\\u0000b\""),
                     ("owner", "[]"),
                 })
            yield return ("supervisor", "PATCH", "/api/improvements/999999", ImprovementChange, field, raw, 400);
        foreach (var (field, raw) in new (string, string?)[]
                 {
                     ("score", null), ("score", "null"), ("score", "\"four\""), ("score", "4.5"), ("score", "[4]"),
                     ("comment", "\"\\u0000\""), ("comment", "\"esc\\u001b[2J\""), ("comment", "\"\\ud800\""), ("comment", Str(Long10001)),
                     ("comment", "7"),
                 })
            yield return ("anonymous", "POST", $"/api/surveys/{NoToken}", Answer, field, raw, 400);
        foreach (var (field, raw) in new (string, string?)[]
                 {
                     ("kind", null), ("kind", "\"mood\""), ("kind", "\"OTHER\""), ("kind", "3"), ("polarity", null), ("polarity", "\"neutral\""),
                     ("polarity", "true"), ("note", Str(new string('n', 1001))), ("note", "\"bell\\u0007\""), ("note", "\"\\ud800\""), ("note", "[]"),
                 })
            yield return ("agent", "POST", "/api/queries/{ref}/moments", Moment, field, raw, 400);
        // Checked before the moment or the override is looked up, so a missing one still gets the 400.
        foreach (var raw in new[] { null, "\"\"", "\"   \"", "\"a\\u0000b\"", "\"\\udfff\"", Str(new string('r', 1001)), "5" })
            yield return ("agent", "POST", "/api/queries/{ref}/moments/999999/recovered", Recovered, "note", raw, 400);
        foreach (var (field, raw) in new (string, string?)[]
                 {
                     ("decision", null), ("decision", "\"reject\""), ("decision", "\"ACCEPT\""), ("decision", "1"), ("note", null),
                     ("note", "\"   \""), ("note", "\"esc\\u001b[2J\""), ("note", Str(new string('n', 1001))),
                 })
            yield return ("supervisor", "POST", "/api/overrides/999999/review", Review, field, raw, 400);
        // An override must name a rule the desk can break and say why; a patch that breaks nothing may not carry one.
        foreach (var raw in new[]
                 {
                     """{"rule":"priority.matrix"}""", """{"rule":"priority.matrix","justification":"  "}""",
                     """{"rule":"priority.matrix","justification":"why\u0000"}""", """{"rule":"made.up","justification":"because"}""",
                     """{"rule":"sla.policy","justification":"because"}""", """{"justification":"because"}""",
                     """{"rule":"priority.matrix","justification":"no rule is broken"}""", "[]", "\"sla.reopen-window\"",
                     """{"rule":"catalog.entitlement","justification":"no item is granted"}""",
                 })
            yield return ("agent", "PATCH", "/api/queries/{ref}", """{"priority":"P3","reason":"checked with the user"}""", "override", raw, 400);
        // A hold on the SLA clocks is a boolean; putting one on without an sla.policy override is refused, naming the rule.
        foreach (var raw in new[] { "\"yes\"", "\"true\"", "1", "[]", "{}", "true" })
            yield return ("agent", "PATCH", "/api/queries/{ref}", """{"reason":"the user is on leave"}""", "slaHold", raw, 400);
        // Saved views: refused before the view is looked up, so PUT on one that is not there still gets the 400.
        foreach (var path in new[] { "/api/me/views", "/api/me/views/999999" })
            foreach (var (field, raw) in ViewFields())
                yield return ("agent", path.EndsWith("views", StringComparison.Ordinal) ? "POST" : "PUT", path, View, field, raw, 400);
        // Slug and language are fixed at creation; PUT replaces the rest. Refused before If-Match is looked at.
        foreach (var (field, raw) in ArticleFields().Where(f => f.Item1 is not ("slug" or "language")))
            yield return ("agent", "PUT", "/api/knowledge/{article}", ArticleEdit, field, raw, 400);
    }

    static IEnumerable<(string, string?)> ViewFields() =>
    [
        ("name", null), ("name", "\"\""), ("name", "\"   \""), ("name", "\"a\\u0000b\""), ("name", Str(new string('v', 101))), ("name", "5"),
        ("filters", null), ("filters", "[]"), ("filters", "\"priority=P1\""), ("filters.queue", "\"nowhere\""), ("filters.status", "\"sleeping\""),
        ("filters.type", "\"rant\""), ("filters.priority", "\"P9\""), ("filters.channel", "\"fax\""), ("filters.language", "\"fr\""),
        ("filters.sla", "\"late\""), ("filters.sort", "\"oldest\""), ("filters.q", Str(new string('q', 201))), ("filters.q", "\"esc\\u001b[2J\""),
        ("filters.assignee", "\"a\\u0000b\""), ("filters.priority", "7"), ("shared", "\"yes\""),
    ];

    static IEnumerable<(string, string?)> ArticleFields() =>
    [
        ("slug", null), ("slug", "\"\""), ("slug", "\"Bad Slug\""), ("slug", "\"../admin\""), ("slug", "\"-probe\""), ("slug", "\"pro--be\""),
        ("slug", Str(new string('s', 101))), ("slug", "5"),
        ("language", null), ("language", "\"fr\""), ("language", "\"EN\""), ("language", "\"en\\u0000\""), ("language", "1"),
        ("title", null), ("title", "\"\""), ("title", "\"\\u200b\\ufeff\""), ("title", "\"a\\u0000b\""), ("title", "\"two\\nlines\""),
        ("title", "\"\\ud800\""), ("title", Str(new string('t', 201))), ("title", "[]"), ("title", "\"evil\\u202Etxt.exe\""),
        ("summary", null), ("summary", "\"   \""), ("summary", "\"bell\\u0007\""), ("summary", Str(new string('s', 501))),
        ("body", null), ("body", "\"\\u3164\\u2800\""), ("body", "\"esc\\u001b[2J\""), ("body", "\"\\udfff\""), ("body", Str(new string('b', 16_001))),
        ("body", "{}"),
        ("keywords", "\"\\u0000\""), ("keywords", "\"one\\ntwo\""), ("keywords", Str(new string('k', 501))), ("keywords", "7"),
        ("published", null), ("published", "\"yes\""), ("published", "1"),
    ];

    static IEnumerable<(string, string?)> QueryFields() =>
    [
        ("text", null), ("text", "\"\""), ("text", "\"   \""), ("text", "\"\\u0000\""), ("text", "\"\\u200b\\u200c\\u200d\\ufeff\""),
        ("text", "\"\\u3164\\u2800\""), ("text", "\"help\\u0007me\""), ("text", "\"\\ud800 help\""), ("text", "\"help \\udc00\""),
        ("text", Str(Long10001)), ("text", "42"), ("text", "null"), ("text", "[\"a\"]"), ("text", "{}"),
        ("channel", null), ("channel", "\"pigeon\""), ("channel", "\"WEB\""), ("channel", "7"),
        ("contact", null), ("contact", "\"ana@example.org\""), ("contact", "[]"), ("subject", "\"VPN\""), ("contact.name", "\"Ana\""),
        ("contact.channel", null), ("contact.channel", "\"E Mail!\""), ("contact.channel", Str(new string('e', 33))),
        ("contact.channel", "\"email\\u0000\""),
        ("contact.address", null), ("contact.address", "\"\""), ("contact.address", "\"x@y.z\\r\\nBcc: victim@evil.example\""),
        ("contact.address", "\"javascript:alert(1)\""), ("contact.address", "\"Ana <ana@example.org>\""),
        ("contact.address", "\"ana @example.org\""), ("contact.address", "\"ana@\""), ("contact.address", "\"@example.org\""),
        ("contact.address", "\"ana@example\""), ("contact.address", "\"ana@@example.org\""), ("contact.address", "\"ana@exa_mple.org\""),
        ("contact.address", Str(new string('a', 300) + "@example.org")), ("contact.address", "\"\\u0000@example.org\""),
        ("contact.displayName", Str(new string('n', 201))), ("contact.displayName", "\"Ana\\u0000\""), ("contact.displayName", "\"\\ud83d\""),
        ("contact.displayName", "5"), ("contact.displayName", "\"Ana\\u202Eavlis\""), ("contact.displayName", "\"Ana\\r\\nSilva\""),
        ("catalogItem", "\"pony\""), ("catalogItem", Str(new string('c', 101))), ("catalogItem", "3"),
        ("impact", "\"huge\""), ("impact", "1"), ("urgency", "\"now\""), ("urgency", "true"),
    ];

    static IEnumerable<(string, string?)> MessageFields() =>
    [
        ("text", null), ("text", "\"\""), ("text", "\"\\u0000\""), ("text", "\"\\u200b\\ufeff\""), ("text", "\"\\udfff\""),
        ("text", "\"bell\\u0007\""), ("text", Str(Long10001)), ("text", "1"),
        ("visibility", "\"secret\""), ("visibility", "\"\""), ("visibility", "2"), ("visibility", "null"),
        // A field the desk does not know is refused, not ignored: {"internal":true} was sent to the user as a public reply.
        ("internal", "true"), ("public", "false"),
    ];

    static IEnumerable<(string, string?)> PatchFields() =>
    [
        ("status", "\"sleeping\""), ("status", "5"), ("priority", "\"P9\""), ("priority", "\"p1\""), ("type", "\"rant\""),
        ("reason", Str(new string('r', 1001))), ("reason", "\"because\\u0000\""), ("reason", "\"\\ud800\""),
        ("assignee", "\"nobody-at-all\""), ("assignee", "[]"), ("assignee", "\"a\\u0000b\""),
        // catalog.entitlement: only an item of the request catalog can be granted.
        ("catalogItem", "\"pony\""), ("catalogItem", "\" new-laptop\""), ("catalogItem", Str(new string('c', 101))), ("catalogItem", "5"),
        ("assignedTo", "\"agent\""), ("prio", "\"P1\""),
    ];

    static IEnumerable<(string, string?)> KeyFields() =>
    [
        ("name", null), ("name", "\"\""), ("name", "\"   \""), ("name", Str(new string('k', 101))), ("name", "5"),
        ("scopes", null), ("scopes", "[]"), ("scopes", "[\"root\"]"), ("scopes", "[\"INTAKE\"]"), ("scopes", "\"intake\""),
        ("scopes", "[1]"), ("scopes", "null"),
    ];

    static IEnumerable<(string, string?)> StaffFields() =>
    [
        ("username", null), ("username", "\"\""), ("username", "\"New Member\""), ("username", "\"NEW\""), ("username", "\"../admin\""),
        ("username", Str(new string('u', 101))), ("username", "7"),
        ("displayName", null), ("displayName", "\"\""), ("displayName", "\"\\u200b\\ufeff\""), ("displayName", "\"Eve\\u0000\""),
        ("displayName", Str(new string('d', 201))), ("displayName", "[]"), ("displayName", "\"Eve\\u202Enimda\""),
        ("displayName", "\"Eve\\u2066Admin\\u2069\""), ("displayName", "\"Eve\\nAdmin\""), ("displayName", "\"Eve\\tAdmin\""),
        ("role", null), ("role", "\"root\""), ("role", "\"ADMIN\""), ("role", "3"),
        ("password", null), ("password", "\"short\""), ("password", "\"new-member-passphrase\""), ("password", Str(new string('p', 201))),
        ("password", "\"passphrase\\u0007bell\""),
    ];

    static IEnumerable<(string, string?)> SignInFields() =>
    [
        ("username", null), ("password", null), ("username", "5"), ("password", "[]"),
        ("username", Str(new string('u', 101))), ("password", Str(new string('p', 201))),
    ];

    static IEnumerable<(string, string?, int)> ActivityFields() =>
    [
        ("type", null, 400), ("type", "\"\"", 400), ("type", "7", 400),
        ("id", null, 400), ("id", "\"\"", 400), ("id", Str(new string('i', 257)), 400), ("id", "\"act\\u0000\"", 400),
        ("channelId", null, 400), ("channelId", "\" \"", 400), ("channelId", "\"web\\u0000chat\"", 400), ("channelId", Str(new string('c', 33)), 400),
        ("serviceUrl", null, 400), ("serviceUrl", "\"http://evil.example/\"", 400), ("serviceUrl", "\"file:///etc/passwd\"", 400),
        ("serviceUrl", "\"http://127.0.0.1:9/connector/?to=elsewhere\"", 400),
        ("from", null, 400), ("from.id", null, 400), ("from.id", "\"\"", 400), ("from.id", Str(new string('f', 400)), 400),
        ("from.id", "\"user\\u0000\"", 400), ("from.name", Str(new string('n', 5_000)), 400), ("from.name", "\"Ana\\u0007\"", 400),
        ("conversation", null, 400), ("conversation.id", null, 400), ("conversation.id", Str(new string('c', 1_025)), 400),
        ("conversation.id", "\"conv\\u0000\"", 400),
        // Text a channel sent is kept, not refused (ChatTextTests): only text that is not a string is.
        ("text", "[]", 400),
    ];

    // Merges and outages: each text required where it is, refused when blank, too long or not storable (casefile).
    static IEnumerable<((string Caller, string Path, string Body, string Name) Field, string? Raw, int Status)> CasefileFields()
    {
        string?[] blank = ["null", "\"\"", "\"   \"", "\"a\\u0000b\"", "\"\\ud800\"", "5", "[]"];
        foreach (var raw in blank.Prepend(null).Append(Str(new string('R', 33))))
            yield return (("agent", "/api/queries/{ref}/merge", Merge, "into"), raw, 400);
        foreach (var raw in blank.Prepend(null).Append(Str(new string('r', 1001))))
            yield return (("agent", "/api/queries/{ref}/merge", Merge, "reason"), raw, 400);
        // Contacts: checked before the contacts are looked up, so unknown ids still get the 400.
        foreach (var raw in blank.Prepend(null).Append(Str(new string('r', 1001))))
        {
            yield return (("agent", "/api/contacts/999999/merge", ContactMerge, "reason"), raw, 400);
            yield return (("agent", "/api/contacts/999999/unmerge", ContactUnmerge, "reason"), raw, 400);
            yield return (("admin", "/api/contacts/999999/erase", ContactErase, "reason"), raw, 400);
        }
        foreach (var raw in new[] { null, "null", "\"x\"", "1.5", "[]", "999999" })
            yield return (("agent", "/api/contacts/999999/merge", ContactMerge, "from"), raw, 400);
        foreach (var raw in new[] { null, "null", "\"x\"", "1.5", "[]" })
            yield return (("agent", "/api/contacts/999999/unmerge", ContactUnmerge, "merge"), raw, 400);
        foreach (var raw in blank.Prepend(null).Append(Str(new string('c', 321))))
            yield return (("admin", "/api/contacts/999999/erase", ContactErase, "confirm"), raw, 400);
        foreach (var raw in blank.Prepend(null).Append(Str(new string('t', 201))))
            yield return (("agent", "/api/outages", Outage, "title"), raw, 400);
        foreach (var raw in blank.Prepend(null).Append(Str(new string('d', 4001))))
            yield return (("agent", "/api/outages", Outage, "description"), raw, 400);
        foreach (var raw in new[] { "\"a\\u0000b\"", Str(new string('s', 201)), "5" })
            yield return (("agent", "/api/outages", Outage, "service"), raw, 400);
        foreach (var raw in new[] { null, "null", "[]", "[null]", "[\"\"]", "[\"INC-\\u0000\"]", "\"INC-1\"", "[5]",
                     "[" + string.Join(",", Enumerable.Repeat("\"INC-1\"", 201)) + "]", "[" + Str(new string('9', 33)) + "]" })
            yield return (("agent", "/api/outages/999999/links", Links, "references"), raw, 400);
        foreach (var raw in blank.Prepend(null).Append(Str(new string('n', 2001))))
            yield return (("agent", "/api/outages/999999/notices", Notice, "text"), raw, 400);
        foreach (var raw in new[] { "\"a\\u0000b\"", Str(new string('r', 2001)), "5" })
            yield return (("agent", "/api/outages/999999/resolve", Resolve, "resolution"), raw, 400);
        yield return (("agent", "/api/outages/999999/resolve", Resolve, "resolveQueries"), "\"yes\"", 400);
    }
}
