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
        ("supervisor", "PUT", "/api/admin/agents/agent/queues", """{"queues":["incident-management"]}"""),
        ("admin", "PUT", "/api/admin/queues/service-desk/restriction", """{"restricted":false}"""),
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
        foreach (var row in FeatureRows())
            yield return row;
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
