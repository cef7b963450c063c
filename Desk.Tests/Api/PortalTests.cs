using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>
/// The end users' portal over HTTP, with its codes sent through the real test mail servers: code sign-in and what it
/// verifies, wrong, expired and reused codes, the lock, the same answer for known and unknown addresses, a user's own
/// queries without internal notes, a message from the portal, linking a second address by code (merging only then),
/// sign-in by SMS through a local Twilio recorder, and the end of an erased contact's sessions.
/// </summary>
public sealed partial class PortalTests(PortalTests.PortalDesk desk) : IClassFixture<PortalTests.PortalDesk>
{
    // Unique in the process: the classes share one SMTP server, and a mail to another class's address would be read as ours.
    static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@example.org";

    [Fact]
    public async Task SignInWithTheMailedCode_VerifiesTheAddress_AndOpensAPortalSessionApartFromStaffs()
    {
        var address = NewAddress("ana");
        using var user = desk.Browser();

        var sent = await user.PostAsJsonAsync("/api/portal/codes", new { address = address.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var code = await desk.CodeSentToAsync(address);
        var signedIn = await user.PostAsJsonAsync("/api/portal/sessions", new { address, code });

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("desk.portal="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var identity = Assert.Single((await signedIn.JsonAsync()).GetProperty("identities").EnumerateArray());
        Assert.Equal(("email", address, true), (identity.Str("channel"), identity.Str("address"), identity.GetProperty("verified").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/portal/me")).StatusCode);
        await using (var db = await desk.OpenDbAsync())
        {
            Assert.NotNull(await db.ExecuteScalarAsync<DateTimeOffset?>(
                "select verified_at from contact_identities where channel = 'email' and address = @address", new { address }));
            Assert.DoesNotContain(code, await db.ExecuteScalarAsync<string>("select code_hash from portal_codes where address = @address", new { address }));
        }
        using var agent = await desk.SignInAsync("agent");
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/portal/me/queries")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync("/api/portal/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/portal/me")).StatusCode);
    }

    [Fact]
    public async Task AKnownAndAnUnknownAddress_GetTheSameAnswer()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var known = NewAddress("known");
        await channel.SubmitAsync(Requests.Query("My laptop will not charge", address: known));
        using var anyone = desk.Anonymous();

        var forKnown = await anyone.PostAsJsonAsync("/api/portal/codes", new { address = known });
        var forUnknown = await anyone.PostAsJsonAsync("/api/portal/codes", new { address = NewAddress("unknown") });

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(forKnown.Headers.Select(h => h.Key).Order(), forUnknown.Headers.Select(h => h.Key).Order());
    }

    [Fact]
    public async Task AUser_SeesOnlyTheirQueries_AndNeverInternalNotes()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        using var agent = await desk.SignInAsync("agent");
        var (mine, theirs) = (NewAddress("mine"), NewAddress("theirs"));
        var reference = (await channel.SubmitAsync(Requests.Query("The printer on floor 4 prints blank pages", address: mine))).Str("reference");
        var other = (await channel.SubmitAsync(Requests.Query("My badge does not open the garage", address: theirs))).Str("reference");
        await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Staff only: toner fraud suspected", visibility = "internal" });
        var reply = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "We are sending a technician.", visibility = "public" });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        using var user = await desk.SignedInAsync(mine);

        var list = (await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray().ToList();
        var detail = await user.GetAsync($"/api/portal/me/queries/{reference}");

        var query = Assert.Single(list);
        Assert.Equal(reference, query.Str("reference"));
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var body = await detail.Content.ReadAsStringAsync();
        Assert.DoesNotContain("toner fraud", body);
        var timeline = (await detail.JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.Str("kind") == "message" && e.Str("from") == "desk" && e.Str("text") == "We are sending a technician.");
        Assert.All(timeline, e => Assert.Contains(e.Str("kind"), new[] { "message", "status" }));
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/portal/me/queries/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.PostAsJsonAsync($"/api/portal/me/queries/{other}/messages", new { text = "mine now" })).StatusCode);
        var staffView = await (await agent.GetAsync($"/api/queries/{other}")).JsonAsync();
        Assert.DoesNotContain(staffView.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "message_in");
    }

    [Fact]
    public async Task AMessageFromThePortal_LandsOnTheTimeline_AsTheUsers()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var address = NewAddress("writer");
        var reference = (await channel.SubmitAsync(Requests.Query("Teams crashes when I share my screen", address: address))).Str("reference");
        using var user = await desk.SignedInAsync(address);

        var written = await user.PostAsJsonAsync($"/api/portal/me/queries/{reference}/messages", new { text = "It also happens <b>in</b> Zoom." });
        var blank = await user.PostAsJsonAsync($"/api/portal/me/queries/{reference}/messages", new { text = " \u200b " });

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        using var agent = await desk.SignInAsync("agent");
        var staffTimeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        var message = Assert.Single(staffTimeline, e => e.Str("kind") == "message_in");
        Assert.Equal("It also happens <b>in</b> Zoom.", message.Str("body"));
        Assert.Equal("portal", message.GetProperty("data").Str("channel"));
        var portalTimeline = (await (await user.GetAsync($"/api/portal/me/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(portalTimeline, e => e.Str("from") == "you" && e.Str("text") == "It also happens <b>in</b> Zoom.");
    }

    [Fact]
    public async Task ConfirmingASecondAddressByCode_MergesTheContactThatHeldIt()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var (first, second) = (NewAddress("mei"), NewAddress("mei.home"));
        var earlier = (await channel.SubmitAsync(Requests.Query("The Wi-Fi at home drops", address: second))).Str("reference");
        var holder = await ContactOfAsync(second);
        using var user = await desk.SignedInAsync(first);
        var signedInAs = await ContactOfAsync(first);

        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsJsonAsync("/api/portal/me/identities", new { address = second })).StatusCode);
        var code = await desk.CodeSentToAsync(second);
        var confirmed = await user.PostAsJsonAsync("/api/portal/me/identities/confirm", new { address = second, code });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(holder, (await confirmed.JsonAsync()).GetProperty("mergedContact").GetInt64());
        var list = (await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray();
        Assert.Contains(list, q => q.Str("reference") == earlier);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(signedInAs, await ContactOfAsync(second));
        Assert.Equal($"verified by email code", await db.ExecuteScalarAsync<string>(
            "select reason from contact_merges where survivor_id = @signedInAs and merged_id = @holder", new { signedInAs, holder }));
        Assert.NotNull(await db.ExecuteScalarAsync<DateTimeOffset?>(
            "select verified_at from contact_identities where channel = 'email' and address = @second", new { second }));
        using var agent = await desk.SignInAsync("agent");
        var card = await (await agent.GetAsync($"/api/contacts/{signedInAs}")).JsonAsync();
        var verified = card.GetProperty("identities").EnumerateArray().ToDictionary(i => i.Str("address"), i => i.GetProperty("verifiedAt").ValueKind);
        Assert.Equal((JsonValueKind.String, JsonValueKind.String), (verified[first], verified[second]));
    }

    [Fact]
    public async Task ALinkCode_SaysWhatItLinks_UnlikeASignInCode()
    {
        var (first, second) = (NewAddress("kim"), NewAddress("kim.other"));
        using var user = await desk.SignedInAsync(first);

        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsJsonAsync("/api/portal/me/identities", new { address = second })).StatusCode);

        var text = await desk.MailTextSentToAsync(second);
        Assert.Contains("link this address to a service desk account", text);
        Assert.Contains("never give this code to anyone", text);
    }

    [Fact]
    public async Task AnUnverifiedClaim_NeverMerges()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var (first, second) = (NewAddress("lee"), NewAddress("lee.other"));
        var theirs = (await channel.SubmitAsync(Requests.Query("Excel macros are blocked", address: second))).Str("reference");
        var holder = await ContactOfAsync(second);
        using var user = await desk.SignedInAsync(first);
        // A code sent to sign in with the second address is no proof for linking it.
        await desk.Anonymous().PostAsJsonAsync("/api/portal/codes", new { address = second });
        var signInCode = await desk.CodeSentToAsync(second);
        await user.PostAsJsonAsync("/api/portal/me/identities", new { address = second });
        var linkCode = await desk.CodeSentToAsync(second, except: signInCode);
        var wrong = linkCode == "000000" ? "111111" : "000000";

        var withWrong = await user.PostAsJsonAsync("/api/portal/me/identities/confirm", new { address = second, code = wrong });
        var withSignInCode = signInCode == linkCode ? null : await user.PostAsJsonAsync("/api/portal/me/identities/confirm", new { address = second, code = signInCode });
        // The same person typing the address into a new query from the API claims it too, without proof.
        await channel.SubmitAsync(Requests.Query("Still blocked", address: second));

        Assert.Equal(HttpStatusCode.BadRequest, withWrong.StatusCode);
        if (withSignInCode is not null)
            Assert.Equal(HttpStatusCode.BadRequest, withSignInCode.StatusCode);
        Assert.Equal(holder, await ContactOfAsync(second));
        Assert.DoesNotContain((await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray(), q => q.Str("reference") == theirs);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("select count(*) from contact_merges where merged_id = @holder", new { holder }));
        using var agent = await desk.SignInAsync("agent");
        var claimed = Assert.Single((await (await agent.GetAsync($"/api/contacts/{holder}")).JsonAsync()).GetProperty("identities").EnumerateArray(),
            i => i.Str("address") == second);
        Assert.Equal(JsonValueKind.Null, claimed.GetProperty("verifiedAt").ValueKind);
    }

    [Fact]
    public async Task SignInWithATextedCode_VerifiesThePhone_AndFindsTheSmsQueries()
    {
        var phone = $"+86138{Random.Shared.Next(10_000_000, 99_999_999)}";
        using var channel = await desk.WithApiKeyAsync("intake");
        var reference = (await channel.SubmitAsync(new
        {
            text = "My phone gets no mail since this morning", channel = "sms", contact = new { channel = "sms", address = phone },
        })).Str("reference");
        using var user = desk.Browser();

        // Written as people type it: spaces and dashes, national groups.
        var national = $"{phone[..3]} {phone[3..6]}-{phone[6..10]}-{phone[10..]}";
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsJsonAsync("/api/portal/codes", new { address = national, language = "zh" })).StatusCode);
        var sms = await desk.Twilio.ForAsync(phone);
        Assert.Contains("验证码", sms.Body);
        var signedIn = await user.PostAsJsonAsync("/api/portal/sessions", new { address = phone, code = Regex.Match(sms.Body, @"\d{6}").Value });

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var identity = Assert.Single((await signedIn.JsonAsync()).GetProperty("identities").EnumerateArray());
        Assert.Equal(("sms", phone, true), (identity.Str("channel"), identity.Str("address"), identity.GetProperty("verified").GetBoolean()));
        var list = (await (await user.GetAsync("/api/portal/me/queries")).JsonAsync()).EnumerateArray();
        Assert.Equal(reference, Assert.Single(list).Str("reference"));
    }

    [Fact]
    public async Task ErasingTheContact_EndsItsPortalSessions()
    {
        var address = NewAddress("leaver");
        using var user = await desk.SignedInAsync(address);
        var contact = await ContactOfAsync(address);
        using var admin = await desk.SignInAsync("admin");

        var erased = await admin.PostAsJsonAsync($"/api/contacts/{contact}/erase", new { reason = "asked to be forgotten", confirm = contact.ToString() });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/portal/me/queries")).StatusCode);
    }

    async Task<long> ContactOfAsync(string address)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>(
            "select contact_id from contact_identities where channel = 'email' and address = @address", new { address });
    }

    public class PortalDesk : DeskApplication
    {
        readonly MailServers servers = MailServers.SharedAsync().GetAwaiter().GetResult();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            PortalMail.Configure(builder, servers);
            builder.UseSetting("Sms:AccountSid", SmsTests.SmsDesk.AccountSid);
            builder.UseSetting("Sms:AuthToken", SmsTests.SmsDesk.AuthToken);
            builder.UseSetting("Sms:FromNumber", SmsTests.SmsDesk.DeskNumber);
            builder.UseSetting("Sms:ApiBaseUrl", Twilio.BaseUrl);
            builder.UseSetting("Sms:WebhookUrl", SmsTests.SmsDesk.WebhookUrl);
        }

        /// <summary>Where the desk's SMS go: Twilio's API as a local recorder.</summary>
        internal TwilioRecorder Twilio { get; } = TwilioRecorder.Start();

        /// <summary>A client that keeps cookies, as a browser does.</summary>
        public HttpClient Browser() => NewClient(cookies: true);

        /// <summary>
        /// A browser signed in to the portal with a code mailed to <paramref name="address"/>; <paramref name="used"/>
        /// holds the codes an earlier sign-in of the same address took, and gets this one.
        /// </summary>
        public async Task<HttpClient> SignedInAsync(string address, HashSet<string>? used = null)
        {
            var client = Browser();
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/portal/codes", new { address })).StatusCode);
            var code = await PortalMail.CodeSentToAsync(servers, address, (IReadOnlyCollection<string>?)used ?? []);
            used?.Add(code);
            var response = await client.PostAsJsonAsync("/api/portal/sessions", new { address, code });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return client;
        }

        public Task<string> CodeSentToAsync(string address, string? except = null) => PortalMail.CodeSentToAsync(servers, address, except);

        public async Task<string> MailTextSentToAsync(string address) =>
            (await servers.SentToAsync(address, m => m.Subject == "Service desk")).TextBody ?? "";

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Twilio.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
