using System.Net.Sockets;
using System.Text.Json;
using Desk.Api.Outbox;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Desk.Api.Email;

/// <summary>
/// E-mail as a channel plug-in: out through SMTP (MailKit), plain text, in the user's thread: the subject carries the
/// query's reference and In-Reply-To/References name the user's last mail about it, so their client threads it and
/// their answer finds the query again. In through <see cref="EmailPoller"/>.
/// </summary>
internal sealed class SmtpEmailChannel(EmailStore store, IOptions<EmailOptions> options, TimeProvider clock) : IDeskChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public ChannelFeatures Features => ChannelFeatures.Proactive | ChannelFeatures.Threads;

    /// <summary>
    /// Mail the desk sends on its own says so (Auto-Submitted: auto-replied for an acknowledgement, auto-generated for a
    /// survey or a code), so the user's auto-responder stays quiet.
    /// </summary>
    public string Compose(string address, OutgoingText text) =>
        JsonSerializer.Serialize(new MailPayload(address, text.Text, text.Automatic != Automatic.No, AutoSubmitted(text.Automatic)),
            JsonSerializerOptions.Web);

    static string? AutoSubmitted(Automatic automatic) => automatic switch
    {
        Automatic.Replied => "auto-replied",
        Automatic.Generated => "auto-generated",
        _ => null,
    };

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var mail = JsonSerializer.Deserialize<MailPayload>(message.Payload, JsonSerializerOptions.Web)!;
        if (await store.UndeliverableAsync(mail.To, ct) is { } reason)
            return new DeliveryResult.Failed($"The address bounced earlier ({reason}); it gets no more mail.");
        var o = options.Value;
        var thread = await store.ThreadOfOutboxAsync(message.Id, ct);
        var mime = Build(o, message, mail, thread, clock.GetUtcNow());
        await store.RecordSentAsync(mime.MessageId!, mail.To, thread?.QueryId, mime.Subject!, clock.GetUtcNow(), ct);
        using var smtp = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(o.Smtp.Host!, o.Smtp.Port, Socket(o.Smtp.Security), ct);
            if (!string.IsNullOrEmpty(o.Smtp.User))
                await smtp.AuthenticateAsync(o.Smtp.User, o.Smtp.Password ?? "", ct);
            await smtp.SendAsync(mime, ct);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return new DeliveryResult.Failed($"The mail server refused the message ({(int)e.StatusCode}): {e.Message}");
        }
        catch (SmtpCommandException e)
        {
            return new DeliveryResult.Retry($"The mail server could not take the message now ({(int)e.StatusCode}): {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or SslHandshakeException
            or AuthenticationException or ServiceNotConnectedException or TimeoutException && !ct.IsCancellationRequested)
        {
            return new DeliveryResult.Retry($"The mail server could not be reached: {e.Message}");
        }
        // The server took the mail: a failure to say goodbye must not send it again.
        try
        {
            await smtp.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
        {
        }
        return new DeliveryResult.Delivered();
    }

    static MimeMessage Build(EmailOptions o, OutboxMessage message, MailPayload mail, MailThread? thread, DateTimeOffset now)
    {
        var from = MailboxAddress.Parse(o.FromAddress!);
        var mime = new MimeMessage
        {
            // The outbox's own id makes the Message-ID, so a retry sends the same mail, not a second one.
            MessageId = $"{message.MessageId}@{from.Domain}",
            Subject = thread is null ? "Service desk" : $"[{thread.Reference}] {Unprefixed(thread.Subject, thread.Reference)}",
            Body = new TextPart("plain") { Text = mail.Text },
            Date = now,
        };
        mime.From.Add(new MailboxAddress(o.FromName, from.Address));
        mime.To.Add(MailboxAddress.Parse(mail.To));
        if (thread is { Received.Count: > 0 })
        {
            mime.InReplyTo = thread.Received[^1];
            foreach (var id in thread.Received.TakeLast(10))
                mime.References.Add(id);
        }
        // Mail queued before AutoSubmitted was kept says only Automatic: then an acknowledgement or a code.
        if ((mail.AutoSubmitted ?? (mail.Automatic ? "auto-replied" : null)) is { } submitted)
            mime.Headers.Add("Auto-Submitted", submitted);
        return mime;
    }

    // "Re: [INC-1042] Printer" answered keeps one reference and no "Re:" chain.
    static string Unprefixed(string subject, string reference)
    {
        var s = subject.Trim();
        for (var again = true; again;)
        {
            again = false;
            foreach (var prefix in new[] { "re:", "aw:", "fw:", "fwd:", "回复:", "回复：", $"[{reference.ToLowerInvariant()}]" })
            {
                if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    (s, again) = (s[prefix.Length..].TrimStart(), true);
            }
        }
        return s.Length == 0 ? reference : s;
    }

    internal static SecureSocketOptions Socket(MailSecurity security) => security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    internal sealed record MailPayload(string To, string Text, bool Automatic, string? AutoSubmitted = null);
}
