using System.Text;
using Dapper;
using Desk.Api.Email;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>
/// Mail as clients send it: legacy charsets (GB2312 from Foxmail and Outlook in China, Windows-1252 from Outlook), a
/// forward whose content is the point, and a display name that holds someone else's address.
/// </summary>
public sealed partial class EmailTests
{
    [Fact]
    public async Task GB2312AndWindows1252Mail_IsReadInItsOwnCharset()
    {
        // Raw bytes, as a mail client sends them: 打印机卡纸 / 三楼的打印机每页都卡纸。 / 王芳 in GB2312, and curly quotes and a dash in Windows-1252.
        var (chinese, western) = (NewAddress("wang"), NewAddress("chloe"));
        var (chineseId, westernId) = (NewId(), NewId());
        var gb2312 = Load($"""
            From: =?gb2312?b?zfW3vA==?= <{chinese}>
            To: {MailDesk.DeskAddress}
            Subject: =?gb2312?b?tPLTobv6v6jWvQ==?=
            Message-ID: <{chineseId}>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=gb2312
            Content-Transfer-Encoding: base64

            yP3CpbXEtPLTobv6w7/Ss7a8v6jWvaGj
            """);
        var cp1252 = Load($"""
            From: Chloe <{western}>
            To: {MailDesk.DeskAddress}
            Subject: Printer error
            Message-ID: <{westernId}>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=windows-1252
            Content-Transfer-Encoding: base64

            Q2Fm6SCTcHJpbnRlcpQgliBlcnJvciA1MC40
            """);

        Assert.Equal([MailOutcome.Query, MailOutcome.Query], await desk.DeliverAsync(gb2312, cp1252));

        await using var db = await desk.OpenDbAsync();
        var read = await db.QuerySingleAsync<(string Subject, string Text, string Name)>("""
            select q.subject, q.text, c.display_name from queries q join contacts c on c.id = q.contact_id where q.reference = @reference
            """, new { reference = await desk.ReferenceOfAsync(chineseId) });
        Assert.Equal(("打印机卡纸", "王芳"), (read.Subject, read.Name));
        Assert.Contains("三楼的打印机每页都卡纸。", read.Text);
        Assert.Contains("Café “printer” – error 50.4", await db.ExecuteScalarAsync<string>(
            "select text from queries where reference = @reference", new { reference = await desk.ReferenceOfAsync(westernId) }));
    }

    [Fact]
    public async Task AForwardedMail_KeepsWhatItForwards_AndADisplayNameHoldingAnAddressIsNotUsed()
    {
        var from = NewAddress("fred");
        var id = NewId();
        var mail = Mail(from, id, "Fwd: Your mailbox is full", """
            Is this genuine?

            ---------- Forwarded message ---------
            From: IT Support <support@mailbox-quota.example.net>
            Date: Mon, 30 Nov 2026 at 09:12
            Subject: Your mailbox is full
            To: <fred@example.org>

            Click http://mailbox-quota.example.net/restore within 24 hours or lose your mail.
            """);
        mail.From.Clear();
        mail.From.Add(new MailboxAddress(MailDesk.DeskAddress, from));

        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(mail));

        await using var db = await desk.OpenDbAsync();
        var (text, name) = await db.QuerySingleAsync<(string, string?)>("""
            select q.text, c.display_name from queries q join contacts c on c.id = q.contact_id where q.reference = @reference
            """, new { reference = await desk.ReferenceOfAsync(id) });
        Assert.Contains("Is this genuine?", text);
        Assert.Contains("http://mailbox-quota.example.net/restore", text);
        Assert.NotEqual(MailDesk.DeskAddress, name);
        using var agent = await desk.SignInAsync("agent2");
        var note = Assert.Single((await (await agent.GetAsync($"/api/queries/{await desk.ReferenceOfAsync(id)}")).JsonAsync())
            .GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "note");
        Assert.Equal(("system", "sender_lookalike"), (note.Str("actor"), note.GetProperty("data").Str("says")));
        Assert.Equal($"Check the sender before acting on this mail. The sender's name is an address, {MailDesk.DeskAddress}, not the one the mail came from ({from}).",
            note.Str("body"));
    }

    [Fact]
    public async Task MailInTheNameOfAStaffMember_FromADomainLikeTheDesks_IsTaken_WithANoteForTheAgent_AndOrdinaryMailHasNone()
    {
        var id = NewId();
        var mail = Mail($"sam.{id[..6]}@desk.examp1e.org", id, "Urgent: reset my password", "Reset the password of the finance account now.");
        mail.From.Clear();
        mail.From.Add(new MailboxAddress("Sam Supervisor", $"sam.{id[..6]}@desk.examp1e.org"));
        var honest = NewId();

        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(mail));
        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(Mail(NewAddress("ivy"), honest, "Printer", "The printer jams.")));

        using var agent = await desk.SignInAsync("agent2");
        var note = Assert.Single((await (await agent.GetAsync($"/api/queries/{await desk.ReferenceOfAsync(id)}")).JsonAsync())
            .GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "note");
        Assert.Equal(["domain", "staff_name"], note.GetProperty("data").GetProperty("signs").EnumerateArray().Select(s => s.Str("kind")));
        Assert.Contains("looks like the desk's own, desk.example.org", note.Str("body"));
        Assert.DoesNotContain((await (await agent.GetAsync($"/api/queries/{await desk.ReferenceOfAsync(honest)}")).JsonAsync())
            .GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "note");
    }

    static MimeMessage Load(string raw) => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw.Replace("\n", "\r\n"))));
}
