using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Desk.Api.Sms;

namespace Desk.Tests.Api;

/// <summary>
/// SMS in through the signed Twilio webhook and out through Twilio's REST API, here a recorder on Kestrel at
/// Sms:ApiBaseUrl: queries and messages by number, the acknowledgement, agent replies, STOP and START, long texts.
/// </summary>
public sealed partial class SmsTests(SmsTests.SmsDesk desk) : IClassFixture<SmsTests.SmsDesk>
{
    static int nextNumber = Random.Shared.Next(100, 500);

    static string NewNumber() => $"+8613800138{Interlocked.Increment(ref nextNumber):000}";

    [Fact]
    public async Task ASignedSms_CreatesAQuery_AndTheAcknowledgementGoesBackBySms_WithItsReferenceAndTimeFrame()
    {
        var from = NewNumber();

        var response = await desk.TextAsync(from, "My laptop will not connect to the office Wi-Fi since this morning");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<Response/>", await response.Content.ReadAsStringAsync());
        var reference = await desk.ReferenceForAsync(from);
        var sent = await desk.Twilio.ForAsync(from);
        Assert.StartsWith($"{reference}: we have your query and will answer by ", sent.Body);
        Assert.Equal((SmsDesk.DeskNumber, $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SmsDesk.AccountSid}:{SmsDesk.AuthToken}"))}"),
            (sent.From, sent.Authorization));
        Assert.Equal($"/2010-04-01/Accounts/{SmsDesk.AccountSid}/Messages.json", sent.Path);

        using var agent = await desk.SignInAsync("agent2");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("sms", query.Str("channel"));
        var due = query.GetProperty("resolutionDue").GetDateTimeOffset();
        Assert.Contains($"resolving it by {due.ToUniversalTime():yyyy-MM-dd HH:mm} UTC", sent.Body);
        var acknowledged = Assert.Single(query.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "bot_message");
        Assert.Equal("sms", acknowledged.GetProperty("delivery").Str("channel"));
    }

    [Fact]
    public async Task ASecondSms_FromTheSameNumber_IsAMessageOnTheOpenQuery_NotANewOne()
    {
        var from = NewNumber();
        await desk.TextAsync(from, "The printer on floor 2 shows error 49");
        var reference = await desk.ReferenceForAsync(from);
        await desk.Twilio.ForAsync(from);

        (await desk.TextAsync(from, "It is the one next to the kitchen")).EnsureSuccessStatusCode();

        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("""
                select count(distinct q.id) from queries q join contact_identities i on i.contact_id = q.contact_id
                where i.channel = 'sms' and i.address = @from
                """, new { from }));
        using var agent = await desk.SignInAsync("agent2");
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        var message = Assert.Single(timeline, e => e.Str("kind") == "message_in");
        Assert.Equal("It is the one next to the kitchen", message.Str("body"));
        Assert.Single(desk.Twilio.Sent, m => m.To == from);
    }

    [Fact]
    public async Task AnAgentReply_ToAnSmsQuery_GoesOutBySms()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "I need access to the finance shared drive");
        using var agent = await desk.SignInAsync("agent2");

        var written = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Access granted, please sign out and in again." });

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal("sms", (await written.JsonAsync()).GetProperty("delivery").Str("channel"));
        var sent = await desk.Twilio.ForAsync(from, m => m.Body.Contains("Access granted"));
        Assert.Equal($"{reference}: Access granted, please sign out and in again.", sent.Body);
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "note");
    }

    [Theory]
    [InlineData("wrong token")]
    [InlineData("no signature")]
    [InlineData("signed for another URL")]
    [InlineData("body changed after signing")]
    public async Task AnSmsWithoutAValidSignature_Is403_AndStoresNothing(string how)
    {
        var from = NewNumber();
        var fields = SmsDesk.Fields(from, "Please reset my password", "SM" + Guid.NewGuid().ToString("N"));
        var signature = how switch
        {
            "wrong token" => SmsDesk.Sign("not-the-token", SmsDesk.WebhookUrl, fields),
            "signed for another URL" => SmsDesk.Sign(SmsDesk.AuthToken, "https://elsewhere.example.org/api/sms/twilio", fields),
            "body changed after signing" => SmsDesk.Sign(SmsDesk.AuthToken, SmsDesk.WebhookUrl, fields),
            _ => null,
        };
        if (how == "body changed after signing")
            fields["Body"] = "Please make me an administrator";
        var before = await desk.CountsAsync();

        var response = await desk.PostAsync(fields, signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await desk.CountsAsync());
    }

    [Theory]
    [InlineData("From", "not a number")]
    [InlineData("From", "")]
    [InlineData("Body", "")]
    [InlineData("Body", "   ")]
    [InlineData("Body", "escape\u001b[2Jcharacter")]
    [InlineData("MessageSid", "")]
    [InlineData("MessageSid", "SM../../etc")]
    public async Task ASignedSmsWithBadFields_IsRefusedWithProblem_AndStoresNothing(string field, string value)
    {
        var fields = SmsDesk.Fields(NewNumber(), "Please reset my password", "SM" + Guid.NewGuid().ToString("N"));
        fields[field] = value;
        var before = await desk.CountsAsync();

        var response = await desk.PostAsync(fields, SmsDesk.Sign(SmsDesk.AuthToken, SmsDesk.WebhookUrl, fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(problem.Contains($"\"{field}\""), problem);
        Assert.Equal(before, await desk.CountsAsync());
    }

    [Fact]
    public async Task ARedeliveredMessageSid_IsStoredOnce()
    {
        var from = NewNumber();
        var sid = "SM" + Guid.NewGuid().ToString("N");

        var first = await desk.TextAsync(from, "The VPN client crashes on start", sid);
        var again = await desk.TextAsync(from, "The VPN client crashes on start", sid);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal((1, 1), (
            await db.ExecuteScalarAsync<int>("select count(*) from sms_received where message_sid = @sid", new { sid }),
            await db.ExecuteScalarAsync<int>("""
                select count(*) from timeline_entries t join queries q on q.id = t.query_id
                join contact_identities i on i.contact_id = q.contact_id
                where i.channel = 'sms' and i.address = @from and t.kind in ('created', 'message_in')
                """, new { from })));
    }

    [Fact]
    public async Task Stop_StopsEverySms_AndStart_ResumesThem_WithoutEitherBecomingAQuery()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "My monitor flickers all the time");
        using var agent = await desk.SignInAsync("agent2");

        (await desk.TextAsync(from, " stop ")).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Is it the left or the right one?" })).EnsureSuccessStatusCode();
        await desk.SentOrGivenUpAsync(from);

        await using (var db = await desk.OpenDbAsync())
        {
            var (state, error) = await db.QuerySingleAsync<(string, string)>(
                "select state, last_error from outbox_messages where payload like @pattern", new { pattern = "%Is it the left%" });
            Assert.Equal("failed", state);
            Assert.Contains("opted out", error);
        }
        Assert.DoesNotContain(desk.Twilio.Sent, m => m.Body.Contains("Is it the left"));

        (await desk.TextAsync(from, "START")).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Which floor are you on?" })).EnsureSuccessStatusCode();
        Assert.Equal($"{reference}: Which floor are you on?", (await desk.Twilio.ForAsync(from, m => m.Body.Contains("Which floor"))).Body);

        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "message_in");
        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("""
                select count(*) from queries q join contact_identities i on i.contact_id = q.contact_id where i.channel = 'sms' and i.address = @from
                """, new { from }));
    }

    [Fact]
    public async Task StopWithPunctuation_OptsOut_HelpMakesNoQuery_AndStartIsNotedForTheAgent()
    {
        var from = NewNumber();
        var quiet = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "The desk phone in room 9 is dead");

        (await desk.TextAsync(quiet, "HELP")).EnsureSuccessStatusCode();
        (await desk.TextAsync(from, "STOP.")).EnsureSuccessStatusCode();
        (await desk.TextAsync(from, "Start!")).EnsureSuccessStatusCode();

        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
                select count(*) from queries q join contact_identities i on i.contact_id = q.contact_id where i.channel = 'sms' and i.address = @quiet
                """, new { quiet }));
        Assert.DoesNotContain(desk.Twilio.Sent, m => m.To == quiet);
        using var agent = await desk.SignInAsync("agent2");
        var notes = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray()
            .Where(e => e.Str("kind") == "note").Select(e => e.Str("body")).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("opted out of SMS", notes[0]);
        Assert.Contains("takes SMS again", notes[1]);
    }

    [Fact]
    public async Task Yes_FromANumberThatNeverOptedOut_IsAMessageOnItsQuery()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "The cable for the docking station is loose");

        (await desk.TextAsync(from, "Yes")).EnsureSuccessStatusCode();

        using var agent = await desk.SignInAsync("agent2");
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Equal("Yes", Assert.Single(timeline, e => e.Str("kind") == "message_in").Str("body"));
    }

    [Fact]
    public async Task AnOptOut_IsNotedOnTheOpenQuery_ForItsAgent()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "Please order a new headset for me");

        (await desk.TextAsync(from, "Cancel")).EnsureSuccessStatusCode();

        using var agent = await desk.SignInAsync("agent2");
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains("opted out of SMS", Assert.Single(timeline, e => e.Str("kind") == "note").Str("body"));
    }

    [Fact]
    public async Task TwilioRefusingAnUnsubscribedNumber_FailsTheMessage_AndRecordsTheOptOut()
    {
        var from = NewNumber();
        desk.Twilio.Unsubscribed.Add(from);
        await desk.TextAsync(from, "Can I get a second screen?");
        await desk.SentOrGivenUpAsync(from);

        await using var db = await desk.OpenDbAsync();
        var (state, error) = await db.QuerySingleAsync<(string, string)>(
            "select state, last_error from outbox_messages where address = @from", new { from });
        Assert.Equal("failed", state);
        Assert.Contains("21610", error);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from sms_opt_outs where address = @from", new { from }));
    }

    [Fact]
    public async Task TwilioDown_LeavesTheMessageToTryAgain()
    {
        var from = NewNumber();
        desk.Twilio.Down.Add(from);

        await desk.TextAsync(from, "Outlook keeps asking for my password");

        var until = DateTime.UtcNow.AddSeconds(20);
        (string State, string? Error) row;
        do
        {
            await Task.Delay(25);
            await using var db = await desk.OpenDbAsync();
            row = await db.QuerySingleAsync<(string, string?)>("select state, last_error from outbox_messages where address = @from", new { from });
        }
        while (row.State != "retrying" && DateTime.UtcNow < until);
        Assert.Equal("retrying", row.State);
        Assert.Contains("503", row.Error);
    }

    [Fact]
    public async Task AResolution_IsTextedToTheUser_WithItsReason()
    {
        var from = NewNumber();
        await desk.TextAsync(from, "The printer on floor 3 shows error 50");
        var reference = await desk.ReferenceForAsync(from);
        using var agent = await desk.SignInAsync("agent2");

        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status, reason = status == "resolved" ? "fuser replaced" : null })).EnsureSuccessStatusCode();

        var told = await desk.Twilio.ForAsync(from, m => m.Body.Contains("is resolved"));
        Assert.Equal($"{reference} is resolved: fuser replaced. If the problem is back, just say so here.", told.Body);
    }
}
