using System.Net.Http.Json;
using Dapper;
using Desk.Api.Email;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>Machines on both sides: mail a machine sent gets no query and no answer; SMTP's 5xx fails a mail, its 4xx tries it again.</summary>
public sealed partial class EmailTests
{
    [Fact]
    public async Task MailFromMachines_GetsNoQueryAndNoAnswer()
    {
        var mails = new List<(string From, MimeMessage Mail)>();
        foreach (var (name, value) in new[] { ("Auto-Submitted", "auto-replied"), ("Precedence", "bulk"), ("X-Autoreply", "yes") })
        {
            var from = NewAddress("away");
            var mail = Mail(from, NewId(), "Out of office", "I am away until Monday.");
            mail.Headers.Add(name, value);
            mails.Add((from, mail));
        }

        Assert.Equal([MailOutcome.Automatic, MailOutcome.Automatic, MailOutcome.Automatic], await desk.DeliverAsync([.. mails.Select(m => m.Mail)]));

        await using var db = await desk.OpenDbAsync();
        foreach (var (from, _) in mails)
        {
            Assert.Equal(0, await db.ExecuteScalarAsync<int>(
                "select count(*) from contact_identities where channel = 'email' and address = @from", new { from }));
            Assert.Equal(0, await db.ExecuteScalarAsync<int>("select count(*) from outbox_messages where address = @from", new { from }));
        }
    }

    [Fact]
    public async Task AReadReceiptAnAbuseReportOrANullReturnPath_IsAMachines_AndReopensNothing()
    {
        var (from, _, reference) = await ResolvedByMailAsync("ida", "Badge reader", "The badge reader at door 3 does not open.");
        using var agent = await desk.SignInAsync("agent2");

        var receipt = Mail(from, NewId(), $"Read: [{reference}] Badge reader", "");
        receipt.Body = Report("disposition-notification", "Reporting-UA: mail.example.org\r\nDisposition: automatic-action/MDN-sent-automatically; displayed\r\n");
        var abuse = Mail(NewAddress("abuse"), NewId(), "Abuse report", "");
        abuse.Body = Report("feedback-report", "Feedback-Type: abuse\r\nUser-Agent: reporter/1.0\r\nVersion: 1\r\n");
        var away = Mail(NewAddress("away"), NewId(), "Automatic reply: Out of Office", "I am away until Monday. For urgent matters call the office.");
        away.Headers.Add("Return-Path", "<>");

        Assert.Equal([MailOutcome.Automatic, MailOutcome.Automatic, MailOutcome.Automatic], await desk.DeliverAsync(receipt, abuse, away));
        Assert.Equal("resolved", (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("status"));
        // A person who retypes the reference in small letters still reaches the query.
        Assert.Equal([MailOutcome.Message], await desk.DeliverAsync(Mail(from, NewId(), $"re: [{reference.ToLowerInvariant()}]", "It stopped again.")));
        Assert.Equal("open", (await (await agent.GetAsync($"/api/queries/{reference.ToLowerInvariant()}")).JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task AnAutoReplyNamedOnlyInItsSubject_IsAMachinesWhenItReplies_AndANewMailSoBegunIsAPersons()
    {
        var (from, id, reference) = await ResolvedByMailAsync("ola", "Docking station", "My docking station does not charge the laptop.");
        using var agent = await desk.SignInAsync("agent2");

        // No Auto-Submitted, no Precedence, no X-Autoreply: only the subject says what wrote them.
        var english = Mail(from, NewId(), $"Automatic reply: [{reference}] Docking station", "I am away until Monday.");
        english.InReplyTo = id;
        var chinese = Mail(from, NewId(), $"自动答复：[{reference}] Docking station", "我休假到周一。");
        chinese.References.Add(id);
        // Some auto-responders thread by nothing but the subject they answer: the desk's reference marks it a reply.
        var unthreaded = Mail(from, NewId(), $"Out of Office: [{reference}] Docking station", "Back on Monday.");
        var asking = Mail(NewAddress("pia"), NewId(), "Out of office: how do I set mine up?", "I am away next week and want an automatic answer.");

        Assert.Equal([MailOutcome.Automatic, MailOutcome.Automatic, MailOutcome.Automatic, MailOutcome.Query],
            await desk.DeliverAsync(english, chinese, unthreaded, asking));
        Assert.Equal("resolved", (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).Str("status"));
    }

    /// <summary>A query mailed in by a new address and resolved by an agent: the sender, the mail's id, the reference.</summary>
    async Task<(string From, string Id, string Reference)> ResolvedByMailAsync(string name, string subject, string text)
    {
        var from = NewAddress(name);
        var id = NewId();
        await desk.DeliverAsync(Mail(from, id, subject, text));
        var reference = await desk.ReferenceOfAsync(id);
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "in_progress" })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "resolved", reason = "Put right." })).EnsureSuccessStatusCode();
        return (from, id, reference);
    }

    static MultipartReport Report(string type, string fields)
    {
        var report = new MultipartReport(type) { new TextPart("plain") { Text = "This is an automatic report." } };
        report.Add(new MimePart("message", type == "feedback-report" ? "feedback-report" : "disposition-notification")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(fields))),
        });
        return report;
    }

    [Fact]
    public async Task AnSmtp5xx_FailsTheMail_A4xx_TriesItAgain_AndMailFromTheDeskItselfIsIgnored()
    {
        var refused = NewAddress("refused.kim");
        var busy = NewAddress("busy.lee");
        Assert.Equal([MailOutcome.Query, MailOutcome.Query, MailOutcome.Automatic], await desk.DeliverAsync(
            Mail(refused, NewId(), "Scanner offline", "The scanner is offline."),
            Mail(busy, NewId(), "Scanner offline too", "Ours as well."),
            Mail(MailDesk.DeskAddress, NewId(), "[INC-1] Looped", "The desk's own mail, come back.")));

        Assert.Equal("failed", await desk.OutboxStateAsync(refused, "failed"));
        Assert.Equal("retrying", await desk.OutboxStateAsync(busy, "retrying"));
        await using var db = await desk.OpenDbAsync();
        Assert.Contains("550", await db.ExecuteScalarAsync<string>("select last_error from outbox_messages where address = @refused", new { refused }));
    }
}
