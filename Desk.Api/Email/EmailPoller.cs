using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Desk.Api.Email;

/// <summary>
/// Reads each of the desk's IMAP folders on its own (<see cref="EmailOptions.Watched"/>): where the server offers IDLE,
/// on a kept connection that wakes when mail arrives, else every <see cref="ImapServer.PollInterval"/>. Each unseen mail
/// is taken (<see cref="EmailInbound"/>), then marked \Seen. A mail that fails stays unseen and is tried again on the
/// next wake or round; one taken but not yet marked (a crash between) is known by its Message-ID and changes nothing
/// the second time. IDLE only says when to look: what to take is always the folder's unseen mail.
/// </summary>
internal sealed partial class EmailPoller(EmailInbound inbound, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailPoller> logger)
    : BackgroundService
{
    /// <summary>RFC 2177 asks a client to end IDLE and start it again at least every 29 minutes; routers drop quiet connections sooner.</summary>
    static readonly TimeSpan IdleRefresh = TimeSpan.FromMinutes(9);

    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stopping)
    {
        var o = options.Value;
        if (!o.Receives)
            return Task.CompletedTask;
        return Task.WhenAll(o.Watched.Where(w => w.Mailbox.Poll).Select(w => WatchAsync(w.Mailbox, stopping)));
    }

    /// <summary>Every watched folder once, as a poll round reads it; returns what came of each unseen mail.</summary>
    public async Task<IReadOnlyList<MailOutcome>> RunOnceAsync(CancellationToken ct)
    {
        var outcomes = new List<MailOutcome>();
        foreach (var (_, mailbox) in options.Value.Watched)
        {
            using var imap = await ConnectAsync(mailbox, ct);
            outcomes.AddRange(await TakeUnseenAsync(await OpenAsync(imap, mailbox, ct), ct));
            await imap.DisconnectAsync(true, ct);
        }
        return outcomes;
    }

    // One folder for as long as the desk runs. A failed round or a dropped connection is tried again after a wait that
    // doubles from a second up to the poll interval, and starts from a second again once a round has gone through.
    async Task WatchAsync(ImapServer mailbox, CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            var wait = mailbox.PollInterval;
            try
            {
                await SessionAsync(mailbox, () => failures = 0, stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(mailbox.PollInterval.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 20)));
                LogRoundFailed(e, mailbox.Host!, mailbox.Folder, wait);
            }
            try
            {
                await Task.Delay(wait, clock, stopping);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    // One connection: a poll round, or IDLE until the desk stops (or the connection fails).
    async Task SessionAsync(ImapServer mailbox, Action roundDone, CancellationToken stopping)
    {
        using var imap = await ConnectAsync(mailbox, stopping);
        var folder = await OpenAsync(imap, mailbox, stopping);
        if (!mailbox.UseIdle || !imap.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await TakeUnseenAsync(folder, stopping);
            roundDone();
            await imap.DisconnectAsync(true, stopping);
            return;
        }
        // The server tells of new mail in IDLE, but also in the answer to any other command, so mail that arrives while
        // the desk is taking others is noted and looked at before idling again.
        var arrived = false;
        CancellationTokenSource? idling = null;
        folder.CountChanged += (_, _) =>
        {
            arrived = true;
            idling?.Cancel();
        };
        var timeout = imap.Timeout;
        while (!stopping.IsCancellationRequested)
        {
            arrived = false;
            await TakeUnseenAsync(folder, stopping);
            roundDone();
            if (arrived)
                continue;
            using var done = new CancellationTokenSource(IdleRefresh, clock);
            using var stop = stopping.Register(done.Cancel);
            idling = done;
            // Quiet is what IDLE is for: the read timeout only has to catch a server that does not end it when asked.
            imap.Timeout = (int)(IdleRefresh + TimeSpan.FromMilliseconds(timeout)).TotalMilliseconds;
            try
            {
                await imap.IdleAsync(done.Token, stopping);
            }
            finally
            {
                idling = null;
                imap.Timeout = timeout;
            }
        }
        await imap.DisconnectAsync(true, CancellationToken.None);
    }

    async Task<ImapClient> ConnectAsync(ImapServer mailbox, CancellationToken ct)
    {
        var imap = new ImapClient { Timeout = (int)options.Value.Timeout.TotalMilliseconds };
        try
        {
            await imap.ConnectAsync(mailbox.Host!, mailbox.Port, SmtpEmailChannel.Socket(mailbox.Security), ct);
            await imap.AuthenticateAsync(mailbox.User!, mailbox.Password!, ct);
            return imap;
        }
        catch
        {
            imap.Dispose();
            throw;
        }
    }

    static async Task<IMailFolder> OpenAsync(ImapClient imap, ImapServer mailbox, CancellationToken ct)
    {
        var folder = await imap.GetFolderAsync(mailbox.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        return folder;
    }

    async Task<IReadOnlyList<MailOutcome>> TakeUnseenAsync(IMailFolder folder, CancellationToken ct)
    {
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
                var outcome = await inbound.TakeAsync(mail, raw.ToArray(), ct);
                // Mail the desk does not answer is still said, once: a support address behind a mailing list or a group
                // that adds List-Id would otherwise lose every user's mail without a trace.
                if (outcome is MailOutcome.Automatic or MailOutcome.Unusable)
                    LogSetAside(uid.Id, outcome, mail.From.ToString(), mail.Subject ?? "");
                outcomes.Add(outcome);
                await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not IOException && e is not ImapProtocolException)
            {
                LogMailFailed(e, uid.Id);
            }
        }
        return outcomes;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the folder {Folder} at {Host} failed; trying again in {Wait}")]
    partial void LogRoundFailed(Exception exception, string host, string folder, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Mail {Uid} was set aside as {Outcome} (an auto-reply, a list or bulk mail, the desk's own, or no usable sender): from {From}, subject {Subject}")]
    partial void LogSetAside(uint uid, MailOutcome outcome, string from, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {Uid} could not be taken; it stays unseen and is tried again")]
    partial void LogMailFailed(Exception exception, uint uid);
}
