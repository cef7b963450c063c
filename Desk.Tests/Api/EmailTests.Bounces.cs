using System.Net.Http.Json;
using Dapper;
using Desk.Api.Email;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>Bounces: a delivery report marks a recipient only for mail the desk sent it, and mail from the address clears the mark.</summary>
public sealed partial class EmailTests
{
    [Fact]
    public async Task ABounce_MarksTheAddressUndeliverable_AndTheNextMailToItFails()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("fay");
        var id = NewId();
        await desk.DeliverAsync(Mail(from, id, "Monitor flickers", "The second monitor flickers."));
        var reference = await desk.ReferenceOfAsync(id);
        var acknowledgement = await servers.SentToAsync(from);

        Assert.Equal([MailOutcome.Bounce], await desk.DeliverAsync(Bounce(from, acknowledgement)));

        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(1, await db.ExecuteScalarAsync<int>("select count(*) from email_undeliverable where address = @from", new { from }));
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Which cable do you use?" })).EnsureSuccessStatusCode();
        var state = await desk.DeliveryStateAsync(reference, "Which cable do you use?");
        Assert.Equal("failed", state);
        Assert.Single(servers.Received(), m => m.To.Mailboxes.Any(t => t.Address == from));
    }

    [Fact]
    public async Task ABounceOnMailTheDeskDidNotSend_MarksNothing_AndMailFromAMarkedAddressClearsIt()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("gus");
        await desk.DeliverAsync(Mail(from, NewId(), "Dock unplugged", "The dock keeps dropping."));
        var acknowledgement = await servers.SentToAsync(from);
        var forged = Mail(MailDesk.DeskAddress, NewId(), "Looks like the desk's", "It is not.");

        Assert.Equal([MailOutcome.Bounce], await desk.DeliverAsync(Bounce(from, forged)));
        Assert.Equal(0, await UndeliverableAsync(from));
        Assert.Equal([MailOutcome.Bounce], await desk.DeliverAsync(Bounce(from, acknowledgement)));
        Assert.Equal(1, await UndeliverableAsync(from));
        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(Mail(from, NewId(), "Another thing", "My mailbox was full, sorry.")));
        Assert.Equal(0, await UndeliverableAsync(from));
    }

    async Task<int> UndeliverableAsync(string address)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<int>("select count(*) from email_undeliverable where address = @address", new { address });
    }

    // A delivery status notification (RFC 3464) as a mail server sends it when it cannot deliver the desk's mail.
    static MimeMessage Bounce(string recipient, MimeMessage bounced)
    {
        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.example.org" } };
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", $"rfc822; {recipient}" }, { "Action", "failed" }, { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 User unknown" },
        };
        status.StatusGroups.Add(perMessage);
        status.StatusGroups.Add(perRecipient);
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = $"Delivery to {recipient} failed permanently." },
            status,
            new MessagePart { Message = bounced },
        };
        var mail = new MimeMessage { MessageId = NewId(), Subject = "Undelivered Mail Returned to Sender", Body = report };
        mail.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.org"));
        mail.To.Add(MailboxAddress.Parse(MailDesk.DeskAddress));
        mail.Headers.Add("Auto-Submitted", "auto-replied");
        return mail;
    }
}
