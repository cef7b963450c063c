using System.Net.Http.Json;
using Dapper;
using Desk.Api.Email;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>What a mail keeps: HTML read as text, the original, attachments up to the limit, and all of it erased with the contact.</summary>
public sealed partial class EmailTests
{
    [Fact]
    public async Task AnHtmlOnlyMail_BecomesText_AndItsOriginalIsKept()
    {
        var from = NewAddress("hal");
        var id = NewId();
        var mail = Mail(from, id, "Teams camera", "");
        mail.Body = new TextPart("html")
        {
            Text = "<html><head><style>p { color: red }</style></head><body><p>My <b>camera</b> is black in Teams &amp; Zoom.</p>"
                + "<script>alert('x')</script><div>Laptop: T14</div></body></html>",
        };

        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(mail));

        var reference = await desk.ReferenceOfAsync(id);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal("Teams camera\n\nMy camera is black in Teams & Zoom.\n\nLaptop: T14",
            await db.ExecuteScalarAsync<string>("select text from queries where reference = @reference", new { reference }));
        var original = await db.ExecuteScalarAsync<byte[]>("select raw from email_originals where message_id = @id", new { id });
        Assert.Contains("<b>camera</b>", System.Text.Encoding.UTF8.GetString(original!));
    }

    [Fact]
    public async Task Attachments_AreKeptUpToTheLimit_AndStaffDownloadThemAsFiles()
    {
        var from = NewAddress("ida");
        var id = NewId();
        var body = new BodyBuilder { TextBody = "The installer stops, log and screenshot attached." };
        body.Attachments.Add("install.log", System.Text.Encoding.UTF8.GetBytes("error 1603 at step 4"), new ContentType("text", "plain"));
        body.Attachments.Add("page.html", System.Text.Encoding.UTF8.GetBytes("<script>alert(1)</script>"), new ContentType("text", "html"));
        body.Attachments.Add("screen.bmp", new byte[MailDesk.MaxAttachmentBytes + 1], new ContentType("image", "bmp"));
        var mail = Mail(from, id, "Installer fails", "");
        mail.Body = body.ToMessageBody();

        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(mail));

        var reference = await desk.ReferenceOfAsync(id);
        using var agent = await desk.SignInAsync("agent2");
        var listed = (await (await agent.GetAsync($"/api/queries/{reference}/attachments")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["install.log", "page.html"], listed.Select(a => a.Str("fileName")));
        // The one over the limit is not kept, and the staff read so on the timeline.
        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        var left = Assert.Single(timeline, e => e.Str("kind") == "note" && e.Str("actor") == "system"
            && e.GetProperty("data").Str("says") == "attachments_too_large");
        Assert.StartsWith("The user's mail had screen.bmp (65 KB) attached, over the 64 KB the desk keeps", left.Str("body"));
        Assert.Equal((20, "text/plain"), (listed[0].GetProperty("sizeBytes").GetInt32(), listed[0].Str("contentType")));
        var log = await agent.GetAsync($"/api/queries/{reference}/attachments/{listed[0].GetProperty("id").GetInt64()}");
        Assert.Equal("error 1603 at step 4", await log.Content.ReadAsStringAsync());
        Assert.Equal(("attachment", "install.log"), (log.Content.Headers.ContentDisposition?.DispositionType, log.Content.Headers.ContentDisposition?.FileName));
        var page = await agent.GetAsync($"/api/queries/{reference}/attachments/{listed[1].GetProperty("id").GetInt64()}");
        Assert.Equal("application/octet-stream", page.Content.Headers.ContentType?.MediaType);
        var other = await desk.ReferenceOfAsync((await NewQueryAsync()).Id);
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await agent.GetAsync($"/api/queries/{other}/attachments/{listed[0].GetProperty("id").GetInt64()}")).StatusCode);
    }

    [Fact]
    public async Task ErasingTheContact_RemovesTheOriginalsAndAttachmentsOfItsMail()
    {
        var (from, id) = await NewQueryAsync("The original mail and attachment must go.", attachment: true);
        long contact;
        await using (var db = await desk.OpenDbAsync())
            contact = await db.ExecuteScalarAsync<long>("select contact_id from contact_identities where channel = 'email' and address = @from", new { from });
        using var admin = await desk.SignInAsync("admin");

        (await admin.PostAsJsonAsync($"/api/contacts/{contact}/erase", new { reason = "asked to be forgotten", confirm = $"{contact}" })).EnsureSuccessStatusCode();

        await using var after = await desk.OpenDbAsync();
        Assert.Equal(0, await after.ExecuteScalarAsync<int>("select count(*) from email_originals where message_id = @id", new { id }));
        Assert.Equal(0, await after.ExecuteScalarAsync<int>("select count(*) from email_attachments where message_id = @id", new { id }));
        Assert.Equal(0, await after.ExecuteScalarAsync<int>("select count(*) from email_messages where address = @from", new { from }));
    }
}
