using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Desk.Tests.Api;

/// <summary>
/// A hostile request and the 4xx it must get. <c>{ref}</c> in the path is a real query's reference, <c>{article}</c> a
/// seeded knowledge article's id.
/// </summary>
public sealed record HostileCase(
    string Caller, string Method, string Path, int Status, Func<HttpContent?>? Content, string? IdempotencyKey = null, string? IfMatch = null);

/// <summary>
/// The hostile-input table. A new JSON endpoint is one line in <see cref="JsonEndpoints"/> (it then gets every
/// malformed shape); a field rule is one line in <see cref="FieldRows"/>.
/// </summary>
internal static partial class HostileCases
{
    const string Json = "application/json";

    // Who may call each JSON endpoint, and a body it would accept.
    static readonly (string Caller, string Method, string Path, string Body)[] JsonEndpoints =
    [
        ("agent", "POST", "/api/queries", Query),
        ("intake", "POST", "/api/queries", Query),
        ("agent", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?","visibility":"public"}"""),
        ("intake", "POST", "/api/queries/{ref}/messages", """{"text":"Any news?"}"""),
        ("agent", "PATCH", "/api/queries/{ref}", """{"priority":"P3","reason":"checked with the user"}"""),
        ("admin", "POST", "/api/admin/api-keys", """{"name":"portal","scopes":["intake"]}"""),
        ("anonymous", "POST", "/api/auth/sign-in", """{"username":"agent","password":"not-the-password"}"""),
        ("agent", "POST", "/api/auth/password", Password),
        ("admin", "POST", "/api/admin/staff", NewStaff),
        ("admin", "PATCH", "/api/admin/staff/agent2", """{"displayName":"Agent Two"}"""),
        ("bot", "POST", "/api/messages", Activity),
        ("agent", "POST", "/api/knowledge", NewArticle),
        ("agent", "PUT", "/api/knowledge/{article}", ArticleEdit),
        ("agent", "POST", "/api/queries/{ref}/survey/skip", Skip),
        ("supervisor", "PATCH", "/api/improvements/999999", ImprovementChange),
        ("anonymous", "POST", $"/api/surveys/{NoToken}", Answer),
        ("agent", "PUT", "/api/me/availability", """{"availability":"online"}"""),
        ("supervisor", "PUT", "/api/admin/agents/agent2/routing", """{"languages":["en"],"maxLoad":5}"""),
        ("agent", "POST", "/api/queries/{ref}/moments", Moment),
        ("agent", "POST", "/api/queries/{ref}/moments/999999/recovered", Recovered),
        ("supervisor", "POST", "/api/overrides/999999/review", Review),
        ("agent", "POST", "/api/queries/{ref}/merge", Merge),
        ("agent", "POST", "/api/contacts/999999/merge", ContactMerge),
        ("agent", "POST", "/api/contacts/999999/unmerge", ContactUnmerge),
        ("admin", "POST", "/api/contacts/999999/erase", ContactErase),
        ("agent", "POST", "/api/outages", Outage),
        ("agent", "POST", "/api/outages/999999/links", Links),
        ("agent", "POST", "/api/outages/999999/notices", Notice),
        ("agent", "POST", "/api/outages/999999/resolve", Resolve),
        ("agent", "POST", "/api/canned-replies", CannedReply),
        ("agent", "PUT", "/api/canned-replies/999999", CannedReply),
        ("agent", "POST", "/api/me/views", View),
        ("agent", "PUT", "/api/me/views/999999", View),
    ];

    const string Merge = """{"into":"INC-999999","reason":"The same fault."}""";

    const string ContactMerge = """{"from":999998,"reason":"The same person."}""";

    const string ContactUnmerge = """{"merge":999999,"reason":"Two people after all."}""";

    const string ContactErase = """{"reason":"Asked to be forgotten.","confirm":"999999"}""";

    const string Outage = """{"title":"Payroll is down","description":"No payslips.","service":"payroll"}""";

    const string Links = """{"references":["INC-999999"]}""";

    const string Notice = """{"text":"We are on it."}""";

    const string Resolve = """{"resolution":"It is back.","resolveQueries":true}""";

    const string View = """{"name":"My P1s","shared":false,"filters":{"priority":"P1","sort":"urgency"}}""";

    const string Moment = """{"kind":"other","polarity":"negative","note":"On hold twice."}""";

    const string Recovered = """{"note":"Called back and fixed it."}""";

    const string Review = """{"decision":"propose_change","note":"Widen the window."}""";

    const string Skip = """{"reason":"The user asked not to be surveyed."}""";

    const string ImprovementChange = """{"status":"accepted","note":"Thanks.","owner":"agent2"}""";

    const string Answer = """{"score":4,"comment":"Quick and kind."}""";

    // Shaped like a survey token (43 base64url characters), given to no survey: the body is refused before it is looked up.
    const string NoToken = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    const string NewArticle = """{"slug":"hostile-probe","language":"en","title":"Probe","summary":"A probe.","body":"Probe body.","keywords":"probe","published":false}""";

    const string ArticleEdit = """{"title":"Probe","summary":"A probe.","body":"Probe body.","keywords":"probe","published":false}""";

    const string Query = """{"text":"VPN drops every ten minutes","channel":"web","contact":{"channel":"email","address":"ana@example.org","displayName":"Ana"}}""";

    const string Activity = """
        {"type":"message","id":"act-1","channelId":"directline","serviceUrl":"http://127.0.0.1:9/connector/",
         "from":{"id":"user-7","name":"Ana Silva"},"recipient":{"id":"desk-bot"},"conversation":{"id":"conv-1"},
         "text":"The printer is jammed","locale":"en-US"}
        """;

    const string Password = """{"currentPassword":"agent-pass-1","newPassword":"a-much-longer-passphrase"}""";

    const string NewStaff = """{"username":"new-member","displayName":"New Member","role":"agent","password":"a-much-longer-passphrase"}""";

    static readonly string Long10001 = new('x', 10_001);

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
        foreach (var (field, raw, status) in CasefileFields())
            yield return (field.Caller, "POST", field.Path, field.Body, field.Name, raw, status);
        foreach (var (field, raw) in KeyFields())
            yield return ("admin", "POST", "/api/admin/api-keys", """{"name":"portal","scopes":["intake"]}""", field, raw, 400);
        foreach (var (field, raw) in SignInFields())
            yield return ("anonymous", "POST", "/api/auth/sign-in", """{"username":"agent","password":"x"}""", field, raw, 400);
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
        ("contact", null), ("contact", "\"ana@example.org\""), ("contact", "[]"),
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
        ("assignee", "\"nobody-at-all\""), ("assignee", "[]"),
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
        ("channelId", null, 400), ("channelId", "\" \"", 400),
        ("serviceUrl", null, 400), ("serviceUrl", "\"http://evil.example/\"", 400), ("serviceUrl", "\"file:///etc/passwd\"", 400),
        ("serviceUrl", "\"http://127.0.0.1:9/connector/?to=elsewhere\"", 400),
        ("from", null, 400), ("from.id", null, 400), ("from.id", "\"\"", 400), ("from.id", Str(new string('f', 400)), 400),
        ("from.id", "\"user\\u0000\"", 400), ("from.name", Str(new string('n', 5_000)), 400), ("from.name", "\"Ana\\u0007\"", 400),
        ("conversation", null, 400), ("conversation.id", null, 400), ("conversation.id", Str(new string('c', 1_025)), 400),
        ("conversation.id", "\"conv\\u0000\"", 400),
        ("text", "\"\\u0000\"", 400), ("text", "\"\\u200b\\u200c\\u200d\\ufeff\"", 400), ("text", "\"\\ud800\"", 400),
        ("text", "\"help\\u001b[31m\"", 400), ("text", "[]", 400),
    ];

    // Shapes every JSON endpoint must refuse.
    static IEnumerable<(string Label, Func<string, Func<HttpContent?>> Content, Func<string, int> Status)> Shapes() =>
    [
        ("malformed JSON", _ => Text("{\"text\": \"unterminated", Json), _ => 400),
        ("truncated JSON", body => Text(body[..(body.Length / 2)], Json), _ => 400),
        ("empty body", _ => Text("", Json), _ => 400),
        ("white space body", _ => Text("  \n ", Json), _ => 400),
        ("JSON null", _ => Text("null", Json), _ => 400),
        ("JSON array", body => Text("[" + body + "]", Json), _ => 400),
        ("JSON number", _ => Text("42", Json), _ => 400),
        ("JSON string", _ => Text("\"hello\"", Json), _ => 400),
        ("JSON true", _ => Text("true", Json), _ => 400),
        ("first field an array", body => Text(FirstField(body, "[1,2]"), Json), _ => 400),
        ("first field an object", body => Text(FirstField(body, "{\"a\":1}"), Json), _ => 400),
        ("duplicate key", body => Text(DuplicateFirst(body), Json), _ => 400),
        ("text/plain", body => Text(body, "text/plain"), _ => 415),
        ("form-urlencoded", _ => Text("text=help", "application/x-www-form-urlencoded"), _ => 415),
        ("no content type", body => () => new ByteArrayContent(Encoding.UTF8.GetBytes(body)), _ => 415),
        ("unknown charset", body => Text(body, Json + "; charset=bogus"), _ => 415),
        ("300 KB with Content-Length", body => Text(Padded(body, 300 * 1024), Json), _ => 413),
        ("1 MB chunked", body => () => new ChunkedContent(Encoding.UTF8.GetBytes(Padded(body, 1 << 20)), Json), _ => 413),
    ];

    static IEnumerable<(string Name, HostileCase Case)> Rows()
    {
        foreach (var (caller, method, path, body) in JsonEndpoints)
            foreach (var (label, content, status) in Shapes())
                yield return Named(label, new HostileCase(caller, method, path, status(path), content(body)));
        foreach (var (caller, method, path, body, field, raw, status) in FieldRows().Concat(CannedReplyFieldRows()))
            yield return Named($"{field} {(raw is null ? "missing" : Shown(raw))}", new HostileCase(caller, method, path, status, Text(Set(body, field, raw), Json)));

        // Query strings of the list.
        foreach (var query in new[]
                 {
                     "limit=0", "limit=201", "limit=-1", "limit=abc", "limit=99999999999", "after=abc", "after=0", "after=-5",
                     "after=%00", "after=1%27%20or%201=1", "queue=nowhere", "queue=..%2F..", "status=sleeping", "type=rant",
                     "priority=P9", "channel=fax", "status=%00", "sort=oldest", "sort=%00", "sla=late", "language=fr", "q=%00",
                     "q=" + new string('q', 201), "offset=-1", "offset=abc", "offset=1000001", "after=5", "after=5&sort=urgency",
                     "after=5&sort=newest&offset=0", "assignee=%00",
                 })
        {
            yield return Named(query, new HostileCase("agent", "GET", "/api/queries?" + query, 400, null));
            yield return Named(query, new HostileCase("reader", "GET", "/api/queries?" + query, 400, null));
        }

        // Odd references. [after access merge]: 404 ProblemDetails with traceId comes with the access helper's QueriesApi.
        foreach (var reference in new[] { "INC-999999", "..%2F..%2Fadmin", "INC-" + new string('9', 300), "INC-%D9%A1%D9%A2%D9%A3", "%E2%80%8B" })
        {
            const string Pending = "[after access merge] ";
            yield return Named(Pending + reference, new HostileCase("agent", "GET", $"/api/queries/{reference}", 404, null));
            yield return Named(Pending + reference, new HostileCase("agent", "PATCH", $"/api/queries/{reference}", 404, Text("""{"status":"open"}""", Json)));
            yield return Named(Pending + reference, new HostileCase("agent", "POST", $"/api/queries/{reference}/messages", 404, Text("""{"text":"hello"}""", Json)));
            yield return Named(reference, new HostileCase("agent", "GET", $"/api/queries/{reference}/assignees", 404, null));
        }

        // Idempotency-Key.
        yield return Named("Idempotency-Key of 201 characters", new HostileCase("intake", "POST", "/api/queries", 400, Text(Query, Json), new string('k', 201)));
        yield return Named("empty Idempotency-Key", new HostileCase("intake", "POST", "/api/queries", 400, Text(Query, Json), ""));

        // The classifier's import and model activation.
        const string Import = "/api/classifier/examples/import";
        foreach (var (label, content, status) in ImportBodies())
            yield return Named(label, new HostileCase("supervisor", "POST", Import, status, content));
        foreach (var version in new[] { "..%2F..%2Fdesk.db", "bad%20version!", new string('v', 201), "%E2%80%AE" })
            yield return Named(version, new HostileCase("admin", "POST", $"/api/classifier/models/{version}/activate", 400, null));
        yield return Named("unknown version", new HostileCase("admin", "POST", "/api/classifier/models/v999999/activate", 404, null));
        foreach (var query in new[] { "limit=0", "limit=201", "limit=x", "after=0", "after=abc", "kind=everything", "kind=%00" })
            yield return Named(query, new HostileCase("admin", "GET", "/api/admin/audit-events?" + query, 400, null));
        yield return Named("unknown member", new HostileCase("admin", "PATCH", "/api/admin/staff/nobody-here", 404, Text("""{"disabled":true}""", Json)));
        yield return Named("disable yourself", new HostileCase("admin", "PATCH", "/api/admin/staff/admin", 409, Text("""{"disabled":true}""", Json)));
        yield return Named("demote yourself", new HostileCase("admin", "PATCH", "/api/admin/staff/admin", 409, Text("""{"role":"agent"}""", Json)));
        yield return Named("existing username", new HostileCase("admin", "POST", "/api/admin/staff", 409,
            Text("""{"username":"agent","displayName":"Second Agent","role":"agent","password":"a-much-longer-passphrase"}""", Json)));
        yield return Named("wrong type for disabled", new HostileCase("admin", "PATCH", "/api/admin/staff/agent2", 400, Text("""{"disabled":"yes"}""", Json)));
        yield return Named("key id not a number", new HostileCase("admin", "DELETE", "/api/admin/api-keys/abc", 404, null));
        yield return Named("unknown key id", new HostileCase("admin", "DELETE", "/api/admin/api-keys/999999", 404, null));

        // The knowledge base: its list's query string, odd ids, versions and slugs.
        foreach (var query in new[] { "language=fr", "language=EN", "language=%00", "published=maybe", "published=2", "q=%00", "q=esc%1B", "q=" + new string('q', 501) })
            yield return Named(query, new HostileCase("agent", "GET", "/api/knowledge?" + query, 400, null));
        foreach (var id in new[] { "abc", "999999", "-1", "99999999999999999999", "..%2F..%2Fadmin", "%E2%80%8B" })
        {
            yield return Named(id, new HostileCase("agent", "GET", $"/api/knowledge/{id}", 404, null));
            yield return Named(id, new HostileCase("agent", "PUT", $"/api/knowledge/{id}", 404, Text(ArticleEdit, Json), IfMatch: "\"1\""));
            yield return Named(id, new HostileCase("supervisor", "DELETE", $"/api/knowledge/{id}", 404, null));
        }
        // Saved views: odd ids.
        foreach (var id in new[] { "abc", "999999", "-1", "99999999999999999999", "%E2%80%8B" })
        {
            yield return Named(id, new HostileCase("agent", "PUT", $"/api/me/views/{id}", 404, Text(View, Json)));
            yield return Named(id, new HostileCase("agent", "DELETE", $"/api/me/views/{id}", 404, null));
        }
        yield return Named("without If-Match", new HostileCase("agent", "PUT", "/api/knowledge/{article}", 428, Text(ArticleEdit, Json)));
        yield return Named("stale If-Match", new HostileCase("agent", "PUT", "/api/knowledge/{article}", 409, Text(ArticleEdit, Json), IfMatch: "\"999\""));
        foreach (var ifMatch in new[] { "abc", "\"0\"", "\"-1\"", "\"1\", \"2\"" })
            yield return Named($"If-Match {ifMatch}", new HostileCase("agent", "PUT", "/api/knowledge/{article}", 400, Text(ArticleEdit, Json), IfMatch: ifMatch));
        yield return Named("slug taken", new HostileCase("agent", "POST", "/api/knowledge", 409,
            Text("""{"slug":"vpn-certificate-error","language":"en","title":"VPN","summary":"Again.","body":"Again.","published":true}""", Json)));
        yield return Named("agent deletes", new HostileCase("agent", "DELETE", "/api/knowledge/{article}", 403, null));
        foreach (var row in CannedReplyRows())
            yield return row;
        foreach (var row in SmsRows())
            yield return row;
        foreach (var row in EmailRows())
            yield return row;
        foreach (var row in PortalRows())
            yield return row;
        foreach (var row in CatalogRows())
            yield return row;
        foreach (var row in MetricsRows())
            yield return row;

        // The live queue: odd conversation ids, and bodies nobody asked for.
        foreach (var id in new[] { "abc", "999999", "-1", "99999999999999999999", "..%2F1", "%E2%80%8B", "1.5" })
        {
            yield return Named(id, new HostileCase("agent", "POST", $"/api/conversations/{id}/take", 404, null));
            yield return Named(id, new HostileCase("agent", "POST", $"/api/conversations/{id}/release", 404, null));
        }
        yield return Named("take with a body", new HostileCase("agent", "POST", "/api/conversations/999999/take", 404, Text("""{"agent":"admin"}""", Json)));
        // SLA policies and calendars: wrong types, names and durations.
        const string Policy = """{"type":"*","priority":"P3","serviceLevel":"*","firstResponse":"04:00:00","nextResponse":"08:00:00","resolution":"3.00:00:00","calendar":"24x7"}""";
        foreach (var (label, body) in new[]
                 {
                     ("unknown type", Policy.Replace("\"type\":\"*\"", "\"type\":\"everything\"")),
                     ("priority P9", Policy.Replace("P3", "P9")),
                     ("negative target", Policy.Replace("\"04:00:00\"", "\"-04:00:00\"")),
                     ("target not a duration", Policy.Replace("\"04:00:00\"", "\"soon\"")),
                     ("huge target", Policy.Replace("\"3.00:00:00\"", "\"9999.00:00:00\"")),
                     ("target under a second", Policy.Replace("\"04:00:00\"", "\"00:00:00.0000001\"")),
                     ("target with a fraction of a second", Policy.Replace("\"04:00:00\"", "\"04:00:00.5\"")),
                     ("no calendar", Policy.Replace("\"24x7\"", "\"nowhere\"")),
                     ("service level with spaces", Policy.Replace("\"serviceLevel\":\"*\"", "\"serviceLevel\":\"very gold\"")),
                     ("move to an unknown queue", Policy.Replace("}", ",\"escalation\":{\"moveTo\":\"the-moon\"}}")),
                 })
            yield return Named(label, new HostileCase("supervisor", "PUT", "/api/sla/policies", 400, Text(body, Json)));
        foreach (var (label, name, body) in new[]
                 {
                     ("zone", "x", """{"timeZone":"Mars/Olympus","holidays":[]}"""),
                     ("window backwards", "x", """{"timeZone":"Etc/UTC","windows":{"mon":["18:00-09:00"]},"holidays":[]}"""),
                     ("window text", "x", """{"timeZone":"Etc/UTC","windows":{"mon":["all day"]},"holidays":[]}"""),
                     ("no windows at all", "x", """{"timeZone":"Etc/UTC","windows":{"mon":[]},"holidays":[]}"""),
                     ("windows that overlap", "x", """{"timeZone":"Etc/UTC","windows":{"mon":["09:00-12:00","11:00-17:00"]},"holidays":[]}"""),
                     ("a window twice", "x", """{"timeZone":"Etc/UTC","windows":{"tue":["09:00-17:00","09:00-17:00"]},"holidays":[]}"""),
                     ("a window after one to midnight", "x", """{"timeZone":"Etc/UTC","windows":{"fri":["20:00-24:00","22:00-23:00"]},"holidays":[]}"""),
                     ("holiday", "x", """{"timeZone":"Etc/UTC","holidays":["tomorrow"]}"""),
                     ("name", "Not%20A%20Token", """{"timeZone":"Etc/UTC","holidays":[]}"""),
                 })
            yield return Named(label, new HostileCase("supervisor", "PUT", $"/api/sla/calendars/{name}", 400, Text(body, Json)));

        // Experience metrics and the improvement register: dates, dimensions, statuses and cursors that are not.
        foreach (var query in new[] { "by=mood", "by=", "by=%00", "from=yesterday", "to=2026-02-30", "from=2026-11-30&to=2026-11-01",
                     "from=2024-01-01&to=2026-01-01", "to=9999-12-31", "from=9999-12-25&to=9999-12-31" })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/experience?" + query, 400, null));
        foreach (var query in new[] { "status=sleeping", "status=%00", "limit=0", "limit=201", "limit=x", "after=abc", "after=0" })
            yield return Named(query, new HostileCase("agent", "GET", "/api/improvements?" + query, 400, null));
        foreach (var id in new[] { "abc", "999999", "-1", "99999999999999999999", "%E2%80%8B" })
        {
            yield return Named(id, new HostileCase("agent", "GET", $"/api/improvements/{id}", 404, null));
            yield return Named(id, new HostileCase("supervisor", "PATCH", $"/api/improvements/{id}", 404, Text("""{"status":"accepted"}""", Json)));
        }
        // Survey links: tokens of the wrong shape, or of the right shape given to no survey, lead nowhere.
        foreach (var token in new[] { "abc", "..%2F..%2Fadmin", new string('A', 42), new string('A', 44), NoToken, new string('~', 43) })
        {
            yield return Named(token, new HostileCase("anonymous", "GET", $"/api/surveys/{token}", 404, null));
            yield return Named(token, new HostileCase("anonymous", "POST", $"/api/surveys/{token}", 404, Text(Answer, Json)));
        }
        foreach (var reference in new[] { "INC-999999", "..%2F..%2Fadmin" })
        {
            yield return Named(reference, new HostileCase("agent", "GET", $"/api/queries/{reference}/survey", 404, null));
            yield return Named(reference, new HostileCase("agent", "POST", $"/api/queries/{reference}/survey/skip", 404, Text(Skip, Json)));
        }

        // The bot's measures: dates that are not dates, ranges backwards or too long, channels that are not tokens.
        foreach (var query in new[] { "from=yesterday", "from=2026-13-01", "to=2026-02-30", "from=2026-11-30&to=2026-11-01",
                     "from=2025-01-01&to=2026-01-01", "to=9999-12-31", "from=9999-12-25&to=9999-12-31", "channel=Web%20Chat", "channel=%00", "channel=" + new string('c', 40) })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/bot/measures?" + query, 400, null));

        // The team's moments of truth: days that are not, or whose bounds fall off the calendar.
        foreach (var query in new[] { "day=14/03/2025", "day=2025-02-30", "day=9999-12-31", "day=0001-01-01", "day=%00" })
            yield return Named(query, new HostileCase("agent", "GET", "/api/moments?" + query, 400, null));

        // The board: how many feed lines, only.
        foreach (var query in new[] { "feed=0", "feed=201", "feed=-1", "feed=abc", "feed=%00", "feed=99999999999", "feed=1e3" })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/board?" + query, 400, null));
        // The SLA scorecard: dates that are not dates, ranges backwards, too long or off the calendar, groupings and formats it has not.
        foreach (var query in new[] { "from=yesterday", "from=2026-13-01", "to=2026-02-30", "from=2026-11-01T00:00:00Z", "from=2026-11-30&to=2026-11-01",
                     "from=2025-01-01&to=2026-01-02", "from=0001-01-01", "to=9999-12-31&from=9999-12-30", "by=assignee", "by=Priority", "by=%00",
                     "by=type;drop%20table%20queries", "by=" + new string('b', 500), "format=xml", "format=CSV", "format=%00" })
            yield return Named(query, new HostileCase("supervisor", "GET", "/api/sla/scorecard?" + query, 400, null));
    }

    static IEnumerable<(string Label, Func<HttpContent?> Content, int Status)> ImportBodies()
    {
        const string csv = "text/csv";
        yield return ("multipart body without its boundary", () => Raw("just some text, no parts\r\n", "multipart/form-data; boundary=----probe"), 400);
        yield return ("multipart without a boundary parameter", () => Raw("--x\r\n\r\n--x--\r\n", "multipart/form-data"), 400);
        yield return ("multipart part never closed", () => Raw("------probe\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ntext,type\nhi,incident\n", "multipart/form-data; boundary=----probe"), 400);
        yield return ("multipart without a file", () => new MultipartFormDataContent { { new StringContent("x"), "note" } }, 400);
        yield return ("JSON instead of CSV", Text("{\"text\":\"hi\"}", Json), 415);
        yield return ("empty CSV", Text("", csv), 400);
        yield return ("header only", Text("text,type\n", csv), 400);
        yield return ("no label column", Text("text\nhello\n", csv), 400);
        yield return ("NUL byte in a text", Text("text,type\n\"printer\0jammed\",incident\n", csv), 400);
        yield return ("escape character in a text", Text("text,type\n\"printer\u001b[2Jjammed\",incident\n", csv), 400);
        yield return ("invisible text", Text("text,type\n\u200b\u200c\u200d\ufeff,incident\n", csv), 400);
        yield return ("extra column", Text("text,type,lang,secret\nVPN down,incident,en,x\n", csv), 400);
        yield return ("unknown lang", Text("text,type,lang\nVPN down,incident,klingon-xx\n", csv), 400);
        yield return ("text of 10,001 characters", Text($"text,type\n{Long10001},incident\n", csv), 400);
        yield return ("unknown label", Text("text,type\nVPN down,outage\n", csv), 400);
        yield return ("fields missing", Text("text,type,lang\nVPN down,incident\n", csv), 400);
        yield return ("unclosed quote", Text("text,type\n\"VPN down,incident\n", csv), 400);
        yield return ("not UTF-8", () => Bytes([0x74, 0x65, 0x78, 0x74, 0x2C, 0x74, 0x79, 0x70, 0x65, 0x0A, 0xC3, 0x28, 0x2C, 0x69, 0x0A], csv), 400);
        yield return ("over the import cap, Content-Length", () => Bytes(Encoding.UTF8.GetBytes("text,type\n" + new string('x', (int)HostileDesk.ImportCap))), 413);
        yield return ("over the import cap, chunked", () => new ChunkedContent(Encoding.UTF8.GetBytes("text,type\n" + new string('x', (int)HostileDesk.ImportCap)), csv), 413);
    }

    public static readonly IReadOnlyDictionary<string, HostileCase> All = Build();

    static Dictionary<string, HostileCase> Build()
    {
        var all = new Dictionary<string, HostileCase>();
        foreach (var (name, hostile) in Rows())
        {
            var unique = name;
            for (var n = 2; all.ContainsKey(unique); n++) unique = $"{name} #{n}";
            all[unique] = hostile;
        }
        return all;
    }

    static (string Name, HostileCase Case) Named(string label, HostileCase hostile) =>
        ($"{hostile.Method} {Shorten(hostile.Path, 60)} as {hostile.Caller}: {label}", hostile);
}
