using MimeKit;

namespace Desk.Api.Email;

/// <summary>Mail a machine wrote: a bounce, which marks an address, or any other, which gets no query and no answer.</summary>
internal static class MachineMail
{
    static readonly string[] Machines = ["mailer-daemon", "postmaster"];

    public static bool IsBounce(MimeMessage mail, string from) =>
        mail.Body is MultipartReport { ReportType: { } type } && type.Equals("delivery-status", StringComparison.OrdinalIgnoreCase)
        || Machines.Contains(from.Split('@')[0]);

    /// <summary>
    /// Written by a machine: RFC 3834's Auto-Submitted, list and bulk precedence, the common auto-responder headers, a
    /// report (a read receipt, RFC 8098; an abuse report, RFC 5965: a bounce is told apart before), or a null return path
    /// (RFC 5321's for notifications, which RFC 3834 asks auto-responders to use).
    /// </summary>
    public static bool IsAutomatic(MimeMessage mail)
    {
        var headers = mail.Headers;
        if (mail.Body is MultipartReport || headers["Return-Path"]?.Trim() == "<>")
            return true;
        var submitted = headers["Auto-Submitted"]?.Trim();
        if (!string.IsNullOrEmpty(submitted) && !submitted.Equals("no", StringComparison.OrdinalIgnoreCase))
            return true;
        var precedence = headers["Precedence"]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "list" or "auto_reply")
            return true;
        return headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("List-Id")
            || string.Equals(headers["X-Auto-Response-Suppress"]?.Trim(), "All", StringComparison.OrdinalIgnoreCase)
            || IsAutoReplySubject(mail);
    }

    static readonly string[] AutoReplyPrefixes =
        ["automatic reply", "auto reply", "auto-reply", "autoreply", "out of office", "réponse automatique", "abwesenheitsnotiz", "自动回复", "自动答复"];

    /// <summary>
    /// An auto-responder that sets none of those headers still names itself in the subject ("Automatic reply: …"). Only a
    /// reply counts (threaded, or naming a desk reference such as "[INC-1042]" in the subject it answers): a person may
    /// begin a new mail with "Out of office:" to ask about theirs.
    /// </summary>
    static bool IsAutoReplySubject(MimeMessage mail)
    {
        var subject = mail.Subject?.TrimStart() ?? "";
        if (mail.InReplyTo is null && mail.References.Count == 0 && !EmailInbound.SubjectReference().IsMatch(subject))
            return false;
        return AutoReplyPrefixes.Any(prefix => subject.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && subject.AsSpan(prefix.Length).TrimStart() is [':' or '：', ..]);
    }
}
