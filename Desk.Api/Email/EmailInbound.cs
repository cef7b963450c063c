using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Desk.Api.BotChannel;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Surveys;
using Desk.Classifier.Text;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Desk.Api.Email;

internal enum MailOutcome { Query, Message, Automatic, Bounce, Unusable, Replayed }

/// <summary>
/// What a received mail does, in one transaction. A Message-ID seen before changes nothing. Mail from a machine
/// (auto-replies, lists, bulk) gets no query and no answer, so two robots never write to each other for ever; a
/// bounce marks the address it could not reach undeliverable. A person's mail answering the desk (In-Reply-To or
/// References naming a mail of one of their queries, else "[INC-1042]" in the subject of one of their queries) is a
/// message on that query; any other mail is a new query, acknowledged by mail with its reference and time frame.
/// The timeline gets the cleaned text (no quoted history, no signature, HTML reduced to text); the original is kept.
/// </summary>
internal sealed partial class EmailInbound(
    DeskDb db, EmailStore store, Intake intake, QueryStore queries, TimelineStore timeline, ChatCasework casework, ContactAddresses addresses,
    UserReach reach, SmtpEmailChannel channel, OutboxSender sender, DeskNotifier notifier,
    IOptions<EmailOptions> options, TimeProvider clock)
{
    const string Principal = "email";
    const int MaxIdLength = 400;
    const int MaxSubjectLength = 1000;
    const int MaxFileName = 255;
    const int MaxContentType = 127;

    public async Task<MailOutcome> TakeAsync(MimeMessage mail, byte[] raw, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = IdOf(mail.MessageId, raw);
        var sender = mail.From.Mailboxes.FirstOrDefault();
        var from = addresses.Normalise(SmtpEmailChannel.ChannelName, sender?.Address, out _);
        var subject = Storable(mail.Subject ?? "", MaxSubjectLength).Trim();
        var kind = from is null ? MailOutcome.Unusable
            : MachineMail.IsBounce(mail, from) ? MailOutcome.Bounce
            : MachineMail.IsAutomatic(mail) || IsDesk(from) ? MailOutcome.Automatic
            : MailOutcome.Query;

        var after = new List<Func<Task>>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (!await store.FirstSightAsync(tx, id, from ?? "", subject, kind.ToString().ToLowerInvariant(), now, ct))
            return MailOutcome.Replayed;
        if (raw.Length <= options.Value.MaxAttachmentBytes)
            await store.KeepOriginalAsync(tx, id, raw, ct);

        var outcome = kind;
        if (kind == MailOutcome.Bounce)
        {
            // Only a report on mail the desk sent to that recipient marks it: anyone can send a report naming any address.
            var returned = ReturnedMessageIds(mail);
            foreach (var recipient in FailedRecipients(mail))
                if (await store.SentToAsync(tx, returned, recipient, ct))
                    await store.MarkUndeliverableAsync(tx, recipient, Storable($"bounced: {subject}", MaxSubjectLength), now, ct);
        }
        else if (kind == MailOutcome.Query)
        {
            // Mail from the address: it works again (a mailbox restored, a full one emptied).
            await store.ClearUndeliverableAsync(tx, from!, ct);
            var written = Storable(BodyText(mail), Limits.TextLength);
            // A forward is what the user wants read: its header block and text stay, where a reply's quoted history goes.
            var body = (IsForward(subject, written) ? written : MessageCleaner.Clean(written)).Trim();
            var answered = await AnsweredQueryAsync(tx, mail, from!, subject, ct);
            if (answered is { } open && casework.TakesFollowUps(open, now))
            {
                var text = TextRules.HasVisible(body) ? body : subject;
                if (TextRules.HasVisible(text))
                {
                    await casework.UserWroteAsync(tx, open, text, Principal, SmtpEmailChannel.ChannelName, "The user wrote by e-mail.", now, after, ct);
                    await store.LinkAsync(tx, id, open.Id, "message", ct);
                    await KeepAttachmentsAsync(tx, mail, open.Id, id, now, after, ct);
                    outcome = MailOutcome.Message;
                }
                else
                    outcome = MailOutcome.Unusable;
            }
            else if (await NewQueryAsync(tx, id, from!, sender!.Name, subject, body, answered, now, after, ct) is { } created)
                await KeepAttachmentsAsync(tx, mail, created, id, now, after, ct);
            else
                outcome = MailOutcome.Unusable;
        }
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        foreach (var push in after)
            await push();
        return outcome;
    }

    /// <summary>A new query of the mail; <paramref name="earlier"/>: the sender's query it answers, which takes no more words.</summary>
    async Task<long?> NewQueryAsync(System.Data.Common.DbTransaction tx, string id, string from, string? name, string subject, string body,
        QueryRow? earlier, DateTimeOffset now, List<Func<Task>> after, CancellationToken ct)
    {
        var text = Storable(string.Join("\n\n", new[] { subject, body }.Where(TextRules.HasVisible)), Limits.TextLength);
        // A display name holding an address ("servicedesk@desk.example.org" <mallory@...>) would pass the sender off as
        // someone else in every list: the address alone names them.
        var displayName = string.IsNullOrWhiteSpace(name) || name.Contains('@') ? null : Storable(TextRules.PlainName(name.Trim())!, Limits.NameLength);
        var submission = new SubmitQuery(text, SmtpEmailChannel.ChannelName, new ContactIdentity(SmtpEmailChannel.ChannelName, from, displayName));
        if (intake.Validate(submission).Count > 0)
            return null;
        var (query, _) = await intake.TakeAsync(tx, submission, Principal, null, ChannelHints.None, now, ct);
        await store.LinkAsync(tx, id, query.Id, "query", ct);
        var links = earlier is null ? [] : await FollowUpAsync(tx, earlier, query, now, ct);
        if (await LookalikeNoteAsync(tx, query, from, name, now, ct) is { } warning)
            links.Add((warning, query.Queue));
        var entry = await reach.SayAsync(tx, new Reach(channel.Name, null, channel, from), query, Acknowledgement(query, earlier), null, now, ct,
            Automatic.Replied);
        var summary = query.ToSummary();
        after.Add(async () =>
        {
            await notifier.QueryCreatedAsync(summary);
            foreach (var (link, queue) in links)
                await notifier.TimelineAppendedAsync(link, queue);
            await notifier.TimelineAppendedAsync(entry, summary.Queue);
            sender.Wake();
        });
        return query.Id;
    }

    /// <summary>A staff-only note when the sender passes for the desk or its staff (<see cref="SenderLookalike"/>).</summary>
    async Task<TimelineEntry?> LookalikeNoteAsync(System.Data.Common.DbTransaction tx, QueryRow query, string from, string? name,
        DateTimeOffset now, CancellationToken ct)
    {
        var staff = await StaffStore.ActiveNamesAsync(tx, ct);
        var signs = SenderLookalike.Check(from, name, MailboxAddress.Parse(options.Value.FromAddress!).Address, options.Value.FromName, staff);
        if (signs.Count == 0)
            return null;
        return await timeline.AppendAsync(tx, query, TimelineKinds.Note, "system",
            $"Check the sender before acting on this mail. {string.Join(" ", signs.Select(s => s.Sentence))}",
            new { says = "sender_lookalike", address = from, signs = signs.Select(s => new { s.Kind, s.Names }) }, now, ct);
    }

    // Each attachment up to the limit, with its name and type as the mail gave them. A larger one is not kept (nor is the
    // original, which is larger still): the staff read on the timeline what the user sent that they cannot open.
    async Task KeepAttachmentsAsync(System.Data.Common.DbTransaction tx, MimeMessage mail, long queryId, string messageId, DateTimeOffset now,
        List<Func<Task>> after, CancellationToken ct)
    {
        var limit = options.Value.MaxAttachmentBytes;
        var left = new List<string>();
        foreach (var part in mail.Attachments.OfType<MimePart>())
        {
            if (part.Content is null)
                continue;
            using var content = new MemoryStream();
            await part.Content.DecodeToAsync(content, ct);
            var name = Storable(part.FileName ?? "", MaxFileName).Trim();
            name = name.Length == 0 ? "attachment" : name;
            if (content.Length > limit)
            {
                left.Add($"{name} ({Size(content.Length)})");
                continue;
            }
            var type = Storable(part.ContentType.MimeType.ToLowerInvariant(), MaxContentType);
            await store.KeepAttachmentAsync(tx, queryId, messageId, name, type, content.ToArray(), now, ct);
        }
        if (left.Count == 0)
            return;
        var query = await queries.GetAsync(tx, queryId, ct);
        var note = await timeline.AppendAsync(tx, query, TimelineKinds.Note, "system",
            $"The user's mail had {string.Join(", ", left)} attached, over the {Size(limit)} the desk keeps (Email:MaxAttachmentBytes): "
            + "it was not kept; ask them to share it another way if it is needed.",
            new { says = "attachments_too_large", files = left, limit = Size(limit) }, now, ct);
        after.Add(() => notifier.TimelineAppendedAsync(note, query.Queue));
    }

    static string Size(long bytes) => bytes >= 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1024.0)} KB");

    // Each query names the other, so whoever reads either sees the whole story.
    async Task<List<(TimelineEntry Entry, string Queue)>> FollowUpAsync(System.Data.Common.DbTransaction tx, QueryRow earlier, QueryRow query,
        DateTimeOffset now, CancellationToken ct) =>
    [
        (await timeline.AppendAsync(tx, query, TimelineKinds.FollowUp, Principal,
            $"The user answered the mail of {earlier.Reference} after it was {QueryStatus.Words(earlier.Status)}: their words are this new query.",
            new { followsUp = earlier.Reference, says = "follows_up" }, now, ct), query.Queue),
        (await timeline.AppendAsync(tx, earlier, TimelineKinds.FollowUp, Principal,
            $"The user answered this query's mail after it was {QueryStatus.Words(earlier.Status)}: their words are a new query, {query.Reference}.",
            new { followedUpIn = query.Reference, says = "followed_up_in" }, now, ct), earlier.Queue),
    ];

    // The sender's query this mail answers, whatever its state.
    async Task<QueryRow?> AnsweredQueryAsync(System.Data.Common.DbTransaction tx, MimeMessage mail, string from, string subject,
        CancellationToken ct)
    {
        if (await store.ContactOfAsync(tx, from, ct) is not { } contact)
            return null;
        var ids = new[] { mail.InReplyTo }.Concat(mail.References.Reverse()).OfType<string>().Where(i => i.Length <= MaxIdLength).Distinct().ToList();
        var reference = await store.ThreadAsync(tx, ids, contact, ct);
        if (reference is null && SubjectReference().Match(subject) is { Success: true } match)
            reference = await store.ContactsQueryAsync(tx, match.Groups[1].Value.ToUpperInvariant(), contact, ct);
        return reference is null ? null : await queries.ClaimAsync(tx, reference, ct);
    }

    // The desk's own mail come back (a forward, a misrouted copy) would start a loop.
    bool IsDesk(string from) => string.Equals(from, MailboxAddress.Parse(options.Value.FromAddress!).Address, StringComparison.OrdinalIgnoreCase);

    /// <summary>The recipients a delivery status notification (RFC 3464) reports as failed.</summary>
    IEnumerable<string> FailedRecipients(MimeMessage mail)
    {
        foreach (var status in mail.BodyParts.OfType<MessageDeliveryStatus>())
        {
            foreach (var group in status.StatusGroups.Skip(1))
            {
                if (!string.Equals(group["Action"]?.Trim(), "failed", StringComparison.OrdinalIgnoreCase))
                    continue;
                var recipient = (group["Final-Recipient"] ?? group["Original-Recipient"])?.Split(';', 2) is [_, var address] ? address : null;
                if (addresses.Normalise(SmtpEmailChannel.ChannelName, recipient, out _) is { } normal)
                    yield return normal;
            }
        }
    }

    /// <summary>The Message-IDs of the mail a report returns (whole, or its headers alone: RFC 3462).</summary>
    static string[] ReturnedMessageIds(MimeMessage mail) =>
        [.. mail.BodyParts.OfType<MessagePart>().Select(p => p.Message?.MessageId).OfType<string>().Where(id => id.Length is > 0 and <= MaxIdLength)];

    /// <summary>"Fwd:", "FW:" or "转发:" before the subject, or a mail client's forwarded-message line in the text.</summary>
    static bool IsForward(string subject, string text) => ForwardSubject().IsMatch(subject) || ForwardLine().IsMatch(text);

    [GeneratedRegex(@"\A\s*(?:fwd?|转发)\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardSubject();

    [GeneratedRegex(@"^\s*(?:-{3,}\s*(?:Forwarded message|Forwarded Message|转发的邮件|转发邮件信息?)\s*-{3,}|Begin forwarded message:)\s*$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardLine();

    static string BodyText(MimeMessage mail) =>
        mail.TextBody is { } text && !string.IsNullOrWhiteSpace(text) ? text
        : mail.HtmlBody is { } html ? HtmlText.From(html)
        : "";

    // A mail without a Message-ID (or with an absurd one) is known by its bytes.
    static string IdOf(string? messageId, byte[] raw) =>
        messageId is { Length: > 0 and <= MaxIdLength } ? messageId : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

    /// <summary>Text as the desk stores it: no control characters but tab and new lines, no lone surrogates, at most <paramref name="max"/> long.</summary>
    static string Storable(string text, int max)
    {
        var kept = new StringBuilder(Math.Min(text.Length, max));
        foreach (var rune in text.Replace("\r\n", "\n").EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n'))
                continue;
            if (kept.Length + rune.Utf16SequenceLength > max)
                break;
            kept.Append(rune.ToString());
        }
        return kept.ToString();
    }

    static string Acknowledgement(QueryRow query, QueryRow? earlier) => query.Language == "zh"
        ? (earlier is null ? "" : $"{earlier.Reference} 已不再接收回复，因此您的邮件成为新工单。")
            + $"{query.Reference}：我们已收到您的邮件，将在 {query.FirstResponseDue:yyyy-MM-dd HH:mm} (UTC) 前回复，并在 {query.ResolutionDue:yyyy-MM-dd HH:mm} (UTC) 前解决。直接回复本邮件即可补充信息。"
        : (earlier is null ? "" : $"{earlier.Reference} no longer takes replies, so your mail starts a new query. ")
            + $"{query.Reference}: we have your query and will answer by {query.FirstResponseDue:yyyy-MM-dd HH:mm} UTC, resolving it by {query.ResolutionDue:yyyy-MM-dd HH:mm} UTC. Reply to this mail to add to it.";

    // "[INC-1042]" anywhere in a subject, as the desk writes it or as a person retyped it ("[inc-1042]").
    [GeneratedRegex(@"\[([A-Z]{2,8}-[0-9]+)\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    internal static partial Regex SubjectReference();
}
