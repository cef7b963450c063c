using System.Net.Http.Json;
using Dapper;
using Desk.Api.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>
/// E-mail against real servers: mail put into the desk's IMAP folder on Dovecot is read by the poller, and what the desk
/// sends goes through aiosmtpd into a maildir the test reads. Threading, loop safety, bounces, redelivery, HTML-only mail.
/// </summary>
public sealed partial class EmailTests(EmailTests.MailDesk desk) : IClassFixture<EmailTests.MailDesk>
{
    // Unique in the process: the classes share one SMTP server, and a mail to another class's address would be read as ours.
    static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@example.org";

    static string NewId() => $"{Guid.NewGuid():n}@client.example.org";

    [Fact]
    public async Task ANewMail_BecomesAQuery_AndTheUserGetsAThreadedAcknowledgement()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("ana");
        var id = NewId();

        var outcomes = await desk.DeliverAsync(Mail(from, id, "Printer on floor 2 jams", "Every print job stops with error 49.\n\nThanks,\nAna"));

        Assert.Equal([MailOutcome.Query], outcomes);
        var reference = await desk.ReferenceOfAsync(id);
        var acknowledgement = await servers.SentToAsync(from);
        Assert.Equal($"[{reference}] Printer on floor 2 jams", acknowledgement.Subject);
        Assert.Equal(id, acknowledgement.InReplyTo);
        Assert.Contains(id, acknowledgement.References);
        Assert.Equal("auto-replied", acknowledgement.Headers["Auto-Submitted"]);
        Assert.Equal(MailDesk.DeskAddress, acknowledgement.From.Mailboxes.Single().Address);
        Assert.StartsWith($"{reference}: we have your query and will answer by ", acknowledgement.TextBody);
        using var agent = await desk.SignInAsync("agent2");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("email", query.Str("channel"));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("Printer on floor 2 jams\n\nEvery print job stops with error 49.",
            await db.ExecuteScalarAsync<string>("select text from queries where reference = @reference", new { reference }));
    }

    [Fact]
    public async Task AReplyWithInReplyTo_LandsOnTheSameQuery_WithoutTheQuotedHistory()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("bo");
        var first = NewId();
        await desk.DeliverAsync(Mail(from, first, "VPN drops every hour", "The VPN client disconnects every hour."));
        var reference = await desk.ReferenceOfAsync(first);
        var acknowledgement = await servers.SentToAsync(from);

        var reply = Mail(from, NewId(), $"Re: {acknowledgement.Subject}",
            $"It happens on Wi-Fi only.\n\nOn Mon, 30 Nov 2026 at 10:00, Service Desk <{MailDesk.DeskAddress}> wrote:\n> {acknowledgement.TextBody}");
        reply.InReplyTo = acknowledgement.MessageId;
        reply.References.Add(acknowledgement.MessageId!);
        Assert.Equal([MailOutcome.Message], await desk.DeliverAsync(reply));

        using var agent = await desk.SignInAsync("agent2");
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        var message = Assert.Single(timeline, e => e.Str("kind") == "message_in");
        Assert.Equal("It happens on Wi-Fi only.", message.Str("body"));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("""
            select count(distinct q.id) from queries q join contact_identities i on i.contact_id = q.contact_id
            where i.channel = 'email' and i.address = @from
            """, new { from }));
    }

    [Fact]
    public async Task TheReferenceInTheSubject_FindsTheSendersQuery_ButNotSomeoneElses()
    {
        var from = NewAddress("cy");
        var first = NewId();
        await desk.DeliverAsync(Mail(from, first, "Outlook keeps asking for my password", "Since the update."));
        var reference = await desk.ReferenceOfAsync(first);

        Assert.Equal([MailOutcome.Message], await desk.DeliverAsync(Mail(from, NewId(), $"More on [{reference}]", "Also on my phone.")));
        var stranger = NewId();
        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(Mail(NewAddress("eve"), stranger, $"Re: [{reference}]", "Add this to that one.")));
        Assert.NotEqual(reference, await desk.ReferenceOfAsync(stranger));
    }

    [Fact]
    public async Task AnAgentReply_GoesOutBySmtp_InTheUsersThread()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("di");
        var id = NewId();
        await desk.DeliverAsync(Mail(from, id, "Need access to the finance share", "Please grant me access."));
        var reference = await desk.ReferenceOfAsync(id);
        using var agent = await desk.SignInAsync("agent2");

        var written = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Access granted, please sign out and in again." });

        written.EnsureSuccessStatusCode();
        var reply = await servers.SentToAsync(from, m => m.TextBody?.Contains("Access granted", StringComparison.Ordinal) == true);
        Assert.Equal($"[{reference}] Need access to the finance share", reply.Subject);
        Assert.Equal(id, reply.InReplyTo);
        Assert.Null(reply.Headers["Auto-Submitted"]);
        Assert.EndsWith($"@{MailDesk.DeskDomain}", reply.MessageId);
    }

    [Fact]
    public async Task TheSurvey_GoesOutBySmtp_InTheUsersThread_WithItsLink_AsAutomaticMail()
    {
        var servers = await desk.ServersAsync();
        var (from, id) = await NewQueryAsync("The laptop will not charge.");
        var reference = await desk.ReferenceOfAsync(id);
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in new[] { "in_progress", "resolved" })
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();

        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await SurveyTests.RunSenderAsync(desk);

        string token;
        await using (var db = await desk.OpenDbAsync())
        {
            token = await db.QuerySingleAsync<string>("""
                select s.token from surveys s join queries q on q.id = s.query_id where q.reference = @reference and s.status = 'sent' and s.channel = 'email'
                """, new { reference });
        }
        // The default answer link is a path, put after the desk's own address (the in-memory test host's is http://localhost).
        var link = $"http://localhost/survey/{token}";
        var survey = await servers.SentToAsync(from, m => m.TextBody?.Contains(link, StringComparison.Ordinal) == true);
        Assert.Equal("auto-generated", survey.Headers["Auto-Submitted"]);
        Assert.Equal($"[{reference}] A query", survey.Subject);
        Assert.Equal(id, survey.InReplyTo);
        Assert.Contains(id, survey.References);
        Assert.EndsWith($"@{MailDesk.DeskDomain}", survey.MessageId);
    }

    [Fact]
    public async Task AMailDeliveredTwice_IsTakenOnce()
    {
        var from = NewAddress("gil");
        var id = NewId();

        Assert.Equal([MailOutcome.Query, MailOutcome.Replayed],
            await desk.DeliverAsync(Mail(from, id, "Keyboard missing keys", "The E key came off."), Mail(from, id, "Keyboard missing keys", "The E key came off.")));

        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from email_messages where message_id = @id", new { id }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("""
            select count(*) from queries q join contact_identities i on i.contact_id = q.contact_id
            where i.channel = 'email' and i.address = @from
            """, new { from }));
    }

    async Task<(string From, string Id)> NewQueryAsync(string text = "Something else entirely.", bool attachment = false)
    {
        var from = NewAddress("jo");
        var id = NewId();
        var body = new BodyBuilder { TextBody = text };
        if (attachment)
            body.Attachments.Add("notes.txt", System.Text.Encoding.UTF8.GetBytes("private notes"), new ContentType("text", "plain"));
        var mail = Mail(from, id, "A query", "");
        mail.Body = body.ToMessageBody();
        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(mail));
        return (from, id);
    }

    static MimeMessage Mail(string from, string id, string subject, string text)
    {
        var mail = new MimeMessage { MessageId = id, Subject = subject, Body = new TextPart("plain") { Text = text } };
        mail.From.Add(new MailboxAddress("A User", from));
        mail.To.Add(MailboxAddress.Parse(MailDesk.DeskAddress));
        return mail;
    }

    /// <summary>A desk reading and sending mail through the shared test mail servers; the test polls when it has put mail in.</summary>
    public sealed class MailDesk : DeskApplication
    {
        public const string DeskDomain = "desk.example.org";
        public const string DeskAddress = "servicedesk@" + DeskDomain;
        public const int MaxAttachmentBytes = 64 * 1024;

        readonly MailServers servers = MailServers.SharedAsync().GetAwaiter().GetResult();

        internal Task<MailServers> ServersAsync() => Task.FromResult(servers);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            UseServers(builder, servers);
            UseMailbox(builder, servers, "Email:Imap", "INBOX");
            builder.UseSetting("Email:Imap:Poll", "false");
            builder.UseSetting("Email:MaxAttachmentBytes", MaxAttachmentBytes.ToString());
        }

        /// <summary>Sends through the test SMTP server as <see cref="DeskAddress"/>.</summary>
        internal static void UseServers(IWebHostBuilder builder, MailServers servers)
        {
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", servers.SmtpPort.ToString());
            builder.UseSetting("Email:Smtp:Security", "None");
            builder.UseSetting("Email:FromAddress", DeskAddress);
        }

        /// <summary>Reads <paramref name="folder"/> on the test Dovecot, as the mailbox whose settings are under <paramref name="section"/>.</summary>
        internal static void UseMailbox(IWebHostBuilder builder, MailServers servers, string section, string folder)
        {
            builder.UseSetting($"{section}:Host", "127.0.0.1");
            builder.UseSetting($"{section}:Port", servers.ImapPort.ToString());
            builder.UseSetting($"{section}:Security", "None");
            builder.UseSetting($"{section}:User", MailServers.User);
            builder.UseSetting($"{section}:Password", MailServers.Password);
            builder.UseSetting($"{section}:Folder", folder);
        }

        /// <summary>Puts the mails into the desk's IMAP folder, then has the desk read it once.</summary>
        internal async Task<IReadOnlyList<MailOutcome>> DeliverAsync(params MimeMessage[] mails)
        {
            await servers.AppendAsync("INBOX", mails);
            return await Services.GetRequiredService<EmailPoller>().RunOnceAsync(CancellationToken.None);
        }

        internal async Task<string> ReferenceOfAsync(string messageId)
        {
            await using var db = await OpenDbAsync();
            return await db.ExecuteScalarAsync<string?>("""
                select q.reference from email_messages m join queries q on q.id = m.query_id where m.message_id = @messageId
                """, new { messageId }) ?? throw new Xunit.Sdk.XunitException($"No query for mail {messageId}.");
        }

        /// <summary>Waits until the outbox message to <paramref name="address"/> is in <paramref name="wanted"/> or a final state.</summary>
        internal async Task<string> OutboxStateAsync(string address, string wanted)
        {
            for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(50))
            {
                await using var db = await OpenDbAsync();
                var state = await db.ExecuteScalarAsync<string?>("select state from outbox_messages where address = @address", new { address });
                if (state == wanted || state is "sent" or "failed" or "unknown")
                    return state;
            }
            throw new Xunit.Sdk.XunitException($"The outbox did not deal with the mail to {address} within 20 s.");
        }

        /// <summary>Waits until the outbox has dealt with the reply (sent, failed or unknown) and says which.</summary>
        internal async Task<string> DeliveryStateAsync(string reference, string body)
        {
            for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(50))
            {
                await using var db = await OpenDbAsync();
                var state = await db.ExecuteScalarAsync<string?>("""
                    select o.state from outbox_messages o join queries q on q.id = o.query_id
                    join timeline_entries t on t.id = o.timeline_entry_id
                    where q.reference = @reference and t.body = @body
                    """, new { reference, body });
                if (state is "sent" or "failed" or "unknown")
                    return state;
            }
            throw new Xunit.Sdk.XunitException("The outbox did not deal with the reply within 20 s.");
        }
    }
}
