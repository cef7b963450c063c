using System.Net;
using System.Text;

namespace Desk.Tests.Api;

/// <summary>Who may call what: anonymous gets 401, the wrong role or scope 403, everyone else past the door.</summary>
public sealed partial class RoleMatrixTests(RoleMatrixTests.Callers callers) : IClassFixture<RoleMatrixTests.Callers>
{
    const string Query = """{"text":"VPN drops","channel":"web","contact":{"channel":"email","address":"matrix@example.org"}}""";
    const string Activity = """{"type":"message"}""";
    const string CannedReply = """{"title":"Matrix","body":"Hello {contact.name}.","language":"en"}""";
    const string ArticleEdit = """{"title":"Matrix","summary":"A row of the matrix.","body":"Body.","published":false}""";

    // Shaped like a survey token (43 base64url characters), given to no survey.
    static readonly string NoToken = new('A', 43);

    static string Article(string slug) =>
        $$"""{"slug":"{{slug}}","language":"en","title":"Matrix","summary":"A row of the matrix.","body":"Body.","published":false}""";

    public static TheoryData<string, string, string?, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string?, string, int>();
        void Row(string method, string path, string? body, params (string Caller, int Status)[] expected)
        {
            foreach (var (caller, status) in expected)
                data.Add(method, path, body, caller, status);
        }
        const string q = "{ref}";
        Row("POST", "/api/queries", Query, ("anonymous", 401), ("agent", 201), ("supervisor", 201), ("admin", 201),
            ("key:intake", 201), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/queries", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:queries:read", 200),
            ("key:intake", 403), ("key:bot", 403));
        Row("GET", $"/api/queries/{q}", null, ("anonymous", 401), ("agent", 200), ("key:queries:read", 200), ("key:intake", 403));
        Row("POST", $"/api/queries/{q}/messages", """{"text":"more detail"}""", ("anonymous", 401), ("agent", 201),
            ("key:intake", 201), ("key:queries:read", 403), ("key:bot", 403));
        Row("PATCH", $"/api/queries/{q}", """{"priority":"P3"}""", ("anonymous", 401), ("agent", 200), ("supervisor", 200),
            ("key:intake", 403), ("key:queries:read", 403));
        Row("GET", "/api/queues", null, ("anonymous", 401), ("agent", 200), ("key:queries:read", 200), ("key:intake", 403));
        // Saved queue views: staff only, each their own.
        const string view = """{"name":"Matrix","filters":{"sort":"urgency"}}""";
        Row("GET", "/api/me/views", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("admin", 200), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/me/views", view, ("anonymous", 401), ("agent", 201), ("supervisor", 201), ("admin", 201), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403));
        Row("PUT", "/api/me/views/999999", view, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:intake", 403),
            ("key:queries:read", 403));
        Row("DELETE", "/api/me/views/999999", null, ("anonymous", 401), ("agent", 404), ("admin", 404), ("key:intake", 403),
            ("key:queries:read", 403));
        Row("GET", "/api/auth/me", null, ("anonymous", 401), ("agent", 200), ("admin", 200), ("key:intake", 403));
        Row("POST", "/api/auth/sign-out", null, ("anonymous", 401), ("key:intake", 403));
        Row("GET", "/api/admin/api-keys", null, ("anonymous", 401), ("agent", 403), ("supervisor", 403), ("admin", 200),
            ("key:intake", 403));
        Row("POST", "/api/admin/api-keys", """{"name":"x","scopes":["intake"]}""", ("anonymous", 401), ("agent", 403),
            ("supervisor", 403), ("admin", 201));
        Row("DELETE", "/api/admin/api-keys/999999", null, ("anonymous", 401), ("agent", 403), ("admin", 404));
        Row("POST", "/api/messages", Activity, ("anonymous", 401), ("agent", 403), ("key:intake", 403), ("key:bot", 400));
        Row("POST", "/hubs/desk/negotiate?negotiateVersion=1", null, ("anonymous", 401), ("key:intake", 403),
            ("agent", 200), ("supervisor", 200));
        Row("GET", "/api/knowledge", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("admin", 200),
            ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/knowledge/{article}", null, ("anonymous", 401), ("agent", 200), ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/knowledge", Article("matrix-refused"), ("anonymous", 401), ("key:intake", 403), ("key:queries:read", 403),
            ("key:bot", 403));
        foreach (var role in new[] { "agent", "supervisor", "admin" })
            Row("POST", "/api/knowledge", Article($"matrix-{role}"), (role, 201));
        // Past the door, a PUT without If-Match is told to send one.
        Row("PUT", "/api/knowledge/{article}", ArticleEdit, ("anonymous", 401), ("agent", 428), ("supervisor", 428), ("key:intake", 403),
            ("key:queries:read", 403));
        Row("DELETE", "/api/knowledge/999999", null, ("anonymous", 401), ("agent", 403), ("supervisor", 404), ("admin", 404),
            ("key:intake", 403));
        // Canned replies: staff read them; agents write their own, supervisors the team's (CannedReplyTests).
        Row("GET", "/api/canned-replies", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("admin", 200), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/canned-replies", CannedReply, ("anonymous", 401), ("agent", 201), ("supervisor", 201),
            ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        // Admins write the team's too, whose titles are unique in a language: the supervisor's row took "Matrix".
        Row("POST", "/api/canned-replies", CannedReply.Replace("Matrix", "Matrix, admin's"), ("admin", 201));
        Row("PUT", "/api/canned-replies/999999", CannedReply, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:intake", 403),
            ("key:queries:read", 403));
        Row("DELETE", "/api/canned-replies/999999", null, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:intake", 403),
            ("key:bot", 403));
        Row("GET", "/api/conversations/live", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/conversations/999999/take", null, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:bot", 403),
            ("key:intake", 403));
        Row("POST", "/api/conversations/999999/release", null, ("anonymous", 401), ("agent", 404), ("key:bot", 403));
        Row("GET", "/api/bot/measures", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200),
            ("key:bot", 403), ("key:queries:read", 403));
        Row("GET", "/api/sla/policies", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:intake", 403), ("key:bot", 403));
        Row("PUT", "/api/sla/policies", """{"type":"*","priority":"P3","serviceLevel":"*","firstResponse":"04:00:00","nextResponse":"08:00:00","resolution":"3.00:00:00","calendar":"24x7"}""",
            ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:intake", 403));
        Row("GET", "/api/sla/calendars", null, ("anonymous", 401), ("agent", 200), ("key:queries:read", 403));
        Row("PUT", "/api/sla/calendars/matrix", """{"timeZone":"Etc/UTC","windows":null,"holidays":[]}""", ("anonymous", 401), ("agent", 403),
            ("supervisor", 200), ("key:intake", 403));
        Row("GET", "/api/board", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:queries:read", 403),
            ("key:intake", 403), ("key:bot", 403));
        Row("GET", "/api/sla/scorecard", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:queries:read", 403),
            ("key:intake", 403), ("key:bot", 403));
        Row("GET", "/api/sla/scorecard?format=csv", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("key:queries:read", 403));
        Row("POST", "/api/admin/sla/repair", null, ("anonymous", 401), ("agent", 403), ("supervisor", 403), ("admin", 200), ("key:intake", 403));
        // Hangfire's dashboard, behind the desk's sign-in (its read-only and antiforgery checks: JobsDashboardTests).
        Row("GET", "/jobs", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:intake", 403),
            ("key:queries:read", 403));
        // Surveys: staff see and skip a query's survey; the link is the token's alone, so every caller is told the same
        // for a token that leads nowhere.
        Row("GET", "/api/queries/INC-999999/survey", null, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:queries:read", 403),
            ("key:intake", 403));
        Row("POST", $"/api/queries/{q}/survey/skip", """{"reason":"matrix"}""", ("anonymous", 401), ("agent", 200), ("supervisor", 200),
            ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", $"/api/surveys/{NoToken}", null, ("anonymous", 404), ("agent", 404), ("key:bot", 404));
        Row("POST", $"/api/surveys/{NoToken}", """{"score":4}""", ("anonymous", 404), ("agent", 404), ("key:intake", 404));
        Row("GET", "/api/experience", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:queries:read", 403),
            ("key:bot", 403));
        Row("GET", "/api/improvements", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:queries:read", 403),
            ("key:intake", 403));
        Row("GET", "/api/improvements/counts", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:queries:read", 403),
            ("key:intake", 403));
        Row("GET", "/api/improvements/999999", null, ("anonymous", 401), ("agent", 404), ("key:queries:read", 404), ("key:intake", 403),
            ("key:bot", 403));
        Row("PATCH", "/api/improvements/999999", """{"status":"accepted"}""", ("anonymous", 401), ("agent", 403), ("supervisor", 404),
            ("admin", 404), ("key:queries:read", 403), ("key:intake", 403));
        Row("PUT", "/api/me/availability", """{"availability":"away"}""", ("anonymous", 401), ("agent", 200), ("supervisor", 200),
            ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/routing/agents", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200),
            ("key:queries:read", 403), ("key:intake", 403));
        Row("PUT", "/api/admin/agents/agent2/routing", """{"languages":["en","zh"],"maxLoad":4}""", ("anonymous", 401), ("agent", 403),
            ("supervisor", 200), ("admin", 200), ("key:intake", 403));
        Row("GET", "/api/admin/queues", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:queries:read", 403));
        // Opening a queue that is open already: the admin's 200 changes nothing another row depends on.
        Row("PUT", "/api/admin/queues/service-desk/restriction", """{"restricted":false}""", ("anonymous", 401), ("agent", 403),
            ("supervisor", 403), ("admin", 200), ("key:intake", 403));
        Row("DELETE", "/api/admin/queues/service-desk/restriction", null, ("anonymous", 401), ("agent", 403), ("supervisor", 403), ("admin", 200),
            ("key:queries:read", 403));
        Row("POST", "/api/queries/INC-999999/claim", null, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/queries/INC-999999/release", null, ("anonymous", 401), ("agent", 404), ("key:intake", 403), ("key:bot", 403));
        // Moments of truth: staff on the queries they see; overrides: the rules for all staff, the log for supervisors.
        Row("GET", $"/api/queries/{q}/moments", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:queries:read", 403),
            ("key:intake", 403), ("key:bot", 403));
        Row("POST", $"/api/queries/{q}/moments", """{"kind":"other","polarity":"positive"}""", ("anonymous", 401), ("agent", 201),
            ("supervisor", 201), ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", $"/api/queries/{q}/moments/999999/recovered", """{"note":"called back"}""", ("anonymous", 401), ("agent", 404),
            ("supervisor", 404), ("key:intake", 403), ("key:queries:read", 403));
        Row("GET", "/api/moments", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:queries:read", 403), ("key:intake", 403),
            ("key:bot", 403));
        // Who a query may be given to: staff who see the query (the console's reassign control).
        Row("GET", $"/api/queries/{q}/assignees", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("admin", 200),
            ("key:queries:read", 403), ("key:intake", 403), ("key:bot", 403));
        // The request catalog with who is entitled to each item (the console's catalog item control).
        Row("GET", "/api/catalog", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("admin", 200), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/overrides/rules", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:intake", 403),
            ("key:queries:read", 403));
        Row("GET", "/api/overrides", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200), ("key:queries:read", 403),
            ("key:intake", 403), ("key:bot", 403));
        Row("GET", "/api/overrides/counts", null, ("anonymous", 401), ("agent", 403), ("supervisor", 200), ("admin", 200),
            ("key:queries:read", 403));
        Row("POST", "/api/overrides/999999/review", """{"decision":"accept"}""", ("anonymous", 401), ("agent", 403), ("supervisor", 404),
            ("admin", 404), ("key:intake", 403), ("key:queries:read", 403));
        // E-mail attachments: staff who may see the query (the matrix query has none, so the list is empty and an id is 404).
        Row("GET", $"/api/queries/{q}/attachments", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("admin", 200),
            ("key:queries:read", 403), ("key:intake", 403), ("key:bot", 403));
        Row("GET", $"/api/queries/{q}/attachments/999999", null, ("anonymous", 401), ("agent", 404), ("supervisor", 404),
            ("key:queries:read", 403), ("key:intake", 403));
        // The case file: contact cards, merges and major outages are any staff member's (casefile).
        Row("GET", "/api/contacts/999999999", null, ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:queries:read", 403),
            ("key:intake", 403), ("key:bot", 403));
        Row("POST", $"/api/queries/{q}/merge", """{"into":"INC-999999","reason":"matrix"}""", ("anonymous", 401), ("agent", 404),
            ("supervisor", 404), ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        // One person across channels (issue 12): merge and un-merge as the card; erase and export are admins'.
        Row("POST", "/api/contacts/999999999/merge", """{"from":999999998,"reason":"matrix"}""", ("anonymous", 401), ("agent", 404),
            ("supervisor", 404), ("admin", 404), ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/contacts/999999999/unmerge", """{"merge":999999999,"reason":"matrix"}""", ("anonymous", 401), ("agent", 404),
            ("supervisor", 404), ("admin", 404), ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("POST", "/api/contacts/999999999/erase", """{"reason":"matrix","confirm":"999999999"}""", ("anonymous", 401), ("agent", 403),
            ("supervisor", 403), ("admin", 404), ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/contacts/999999999/export", null, ("anonymous", 401), ("agent", 403), ("supervisor", 403), ("admin", 404),
            ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/outages", null, ("anonymous", 401), ("agent", 200), ("supervisor", 200), ("key:queries:read", 403), ("key:intake", 403));
        Row("POST", "/api/outages", """{"title":"Matrix","description":"A row of the matrix."}""", ("anonymous", 401), ("agent", 201),
            ("supervisor", 201), ("admin", 201), ("key:intake", 403), ("key:queries:read", 403), ("key:bot", 403));
        Row("GET", "/api/outages/999999999", null, ("anonymous", 401), ("agent", 404), ("key:queries:read", 403));
        Row("POST", "/api/outages/999999999/links", """{"references":["INC-999999"]}""", ("anonymous", 401), ("agent", 404),
            ("supervisor", 404), ("key:intake", 403));
        Row("DELETE", "/api/outages/999999999/links/INC-999999", null, ("anonymous", 401), ("agent", 404), ("key:intake", 403));
        Row("POST", "/api/outages/999999999/notices", """{"text":"Matrix"}""", ("anonymous", 401), ("agent", 404), ("key:intake", 403),
            ("key:bot", 403));
        Row("POST", "/api/outages/999999999/resolve", "{}", ("anonymous", 401), ("agent", 404), ("supervisor", 404), ("key:intake", 403));
        // Twilio's SMS webhook: no caller gets past it without Twilio's signature (signed requests: SmsTests).
        Row("POST", "/api/sms/twilio", "From=%2B8613800138000&Body=hi&MessageSid=SM1", ("anonymous", 403), ("agent", 403), ("admin", 403),
            ("key:intake", 403), ("key:bot", 403));
        // The end users' portal: open at the door (this desk sends no e-mail or SMS, so no code can go out: 503); behind
        // it only a portal session counts, never a staff cookie or an API key (signed-in calls: PortalTests).
        Row("POST", "/api/portal/codes", """{"address":"matrix@example.org"}""", ("anonymous", 503), ("agent", 503), ("key:intake", 503));
        Row("POST", "/api/portal/sessions", """{"address":"matrix@example.org","code":"123456"}""", ("anonymous", 401), ("agent", 401),
            ("key:intake", 401));
        Row("POST", "/api/portal/sign-out", null, ("anonymous", 204), ("agent", 204), ("key:intake", 204));
        Row("GET", "/api/portal/knowledge?q=vpn", null, ("anonymous", 200), ("agent", 200), ("key:intake", 200));
        Row("GET", "/api/portal/knowledge/{article}", null, ("anonymous", 200), ("agent", 200), ("key:intake", 200));
        foreach (var (method, path, body) in new[]
                 {
                     ("GET", "/api/portal/me", null), ("GET", "/api/portal/me/queries", null), ("GET", $"/api/portal/me/queries/{q}", null),
                     ("POST", "/api/portal/me/identities", """{"address":"matrix@example.org"}"""),
                     ("POST", "/api/portal/me/identities/confirm", """{"address":"matrix@example.org","code":"123456"}"""),
                     ("POST", $"/api/portal/me/queries/{q}/messages", """{"text":"more detail"}"""),
                     ("POST", "/api/portal/me/queries", """{"text":"my printer jams"}"""), ("GET", "/api/portal/me/catalog", null),
                     ("POST", "/api/portal/knowledge/{article}/feedback", """{"helped":true}"""),
                     ("GET", "/api/portal/me/surveys", null), ("POST", "/api/portal/me/surveys/1", """{"score":5}"""),
                 })
            Row(method, path, body, ("anonymous", 401), ("agent", 401), ("admin", 401), ("key:intake", 401), ("key:queries:read", 401), ("key:bot", 401));
        Row("GET", "/health", null, ("anonymous", 200));
        // The Prometheus scrape endpoint (on for this desk; off by default): admins and metrics:read keys (MetricsTests).
        Row("GET", "/metrics", null, ("anonymous", 401), ("agent", 403), ("supervisor", 403), ("admin", 200), ("key:intake", 403),
            ("key:queries:read", 403), ("key:bot", 403), ("key:metrics:read", 200));
        Row("GET", "/openapi/v1.json", null, ("anonymous", 200));
        Row("GET", "/console", null, ("anonymous", 200));
        Row("GET", "/board", null, ("anonymous", 200));
        Row("GET", "/admin", null, ("anonymous", 200));
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_AnswersEachCaller(string method, string path, string? body, string caller, int expected)
    {
        var response = await SendAsync(method, path, body, caller);

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        if (expected is 401 or 403)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Each refusal of the matrix but a Bot Framework channel's (a machine speaking English).</summary>
    public static TheoryData<string, string, string?, string, int> Refusals()
    {
        var data = new TheoryData<string, string, string?, string, int>();
        foreach (var row in Matrix())
            if (row is [string method, string path, var body, string caller, int status] && status >= 400 && caller != "key:bot")
                data.Add(method, path, (string?)body, caller, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusal_IsSaidInChinese_ToAChinesePage(string method, string path, string? body, string caller, int expected)
    {
        var response = await SendAsync(method, path, body, caller, "zh-CN");

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        ChineseRefusals.AssertChinese(await response.Content.ReadAsStringAsync());
    }

    async Task<HttpResponseMessage> SendAsync(string method, string path, string? body, string caller, string? language = null)
    {
        var client = await callers.ClientAsync(caller);
        var target = path.Replace("{ref}", await callers.ReferenceAsync()).Replace("{article}", await callers.ArticleAsync());
        var request = new HttpRequestMessage(new HttpMethod(method), target)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }
}
