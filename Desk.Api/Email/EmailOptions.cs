using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Desk.Api.Email;

/// <summary>How the desk talks to a mail server: TLS from the first byte, STARTTLS after connecting, or none (a local relay).</summary>
internal enum MailSecurity { None, SslOnConnect, StartTls }

internal sealed class MailServer
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; }

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }
}

internal sealed class ImapServer
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>False: this node does not poll the mailbox (another node does, or a test polls when it wants).</summary>
    public bool Poll { get; set; } = true;
}

/// <summary>
/// E-mail in through an IMAP folder and out through SMTP. Off unless <see cref="Smtp"/>'s host is set; then
/// <see cref="FromAddress"/> must be too. IMAP is optional (a desk may only send).
/// </summary>
internal sealed class EmailOptions
{
    public const string Section = "Email";

    public ImapServer Imap { get; set; } = new();

    public MailServer Smtp { get; set; } = new() { Port = 587 };

    /// <summary>The desk's address (servicedesk@example.org); its domain also names the Message-IDs the desk makes.</summary>
    public string? FromAddress { get; set; }

    public string FromName { get; set; } = "Service Desk";

    /// <summary>The largest received mail kept whole (as .eml) next to its cleaned text; a larger one keeps only the text.</summary>
    [Range(0, 50 * 1024 * 1024)]
    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    public bool Receives => Enabled && !string.IsNullOrWhiteSpace(Imap.Host);
}

internal sealed class EmailOptionsCheck : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions o)
    {
        if (!o.Enabled)
            return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (o.FromAddress is null || !MimeKit.MailboxAddress.TryParse(o.FromAddress, out var from) || from.Address.IndexOf('@') < 1)
            problems.Add("Email:FromAddress must be the desk's e-mail address (servicedesk@example.org) when Email:Smtp:Host is set.");
        if (o.Smtp.Port is < 1 or > 65535 || o.Imap.Port is < 1 or > 65535)
            problems.Add("Email:Smtp:Port and Email:Imap:Port must be between 1 and 65535.");
        if (o.Imap.PollInterval < TimeSpan.FromSeconds(1))
            problems.Add("Email:Imap:PollInterval must be at least one second.");
        if (o.Receives && (string.IsNullOrWhiteSpace(o.Imap.User) || string.IsNullOrEmpty(o.Imap.Password)))
            problems.Add("Email:Imap:User and Email:Imap:Password are required when Email:Imap:Host is set.");
        if (o.Receives && string.IsNullOrWhiteSpace(o.Imap.Folder))
            problems.Add("Email:Imap:Folder must name the folder the desk reads (INBOX).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
