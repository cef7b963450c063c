using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Desk.Api.Email;

/// <summary>
/// Reads the desk's IMAP folder every <see cref="ImapServer.PollInterval"/>: each unseen mail is taken
/// (<see cref="EmailInbound"/>), then marked \Seen. A mail that fails stays unseen and is tried again next round; one
/// taken but not yet marked (a crash between) is known by its Message-ID and changes nothing the second time.
/// </summary>
internal sealed partial class EmailPoller(EmailInbound inbound, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var o = options.Value;
        if (!o.Receives || !o.Imap.Poll)
            return;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogRoundFailed(e, o.Imap.Host!);
            }
            try
            {
                await Task.Delay(o.Imap.PollInterval, clock, stopping);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>One round over the folder; returns what came of each unseen mail.</summary>
    public async Task<IReadOnlyList<MailOutcome>> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        using var imap = new ImapClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        await imap.ConnectAsync(o.Imap.Host!, o.Imap.Port, SmtpEmailChannel.Socket(o.Imap.Security), ct);
        await imap.AuthenticateAsync(o.Imap.User!, o.Imap.Password!, ct);
        var folder = await imap.GetFolderAsync(o.Imap.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var outcomes = new List<MailOutcome>();
        foreach (var uid in await folder.SearchAsync(SearchQuery.NotSeen, ct))
        {
            try
            {
                using var raw = new MemoryStream();
                await using (var stream = await folder.GetStreamAsync(uid, ct))
                    await stream.CopyToAsync(raw, ct);
                raw.Position = 0;
                var mail = await MimeMessage.LoadAsync(raw, ct);
                outcomes.Add(await inbound.TakeAsync(mail, raw.ToArray(), ct));
                await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not IOException && e is not ImapProtocolException)
            {
                LogMailFailed(e, uid.Id);
            }
        }
        await imap.DisconnectAsync(true, ct);
        return outcomes;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the mailbox at {Host} failed; the next round tries again")]
    partial void LogRoundFailed(Exception exception, string host);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {Uid} could not be taken; it stays unseen and is tried again")]
    partial void LogMailFailed(Exception exception, uint uid);
}
