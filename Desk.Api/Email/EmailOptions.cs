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

    /// <summary>
    /// Where the server offers IDLE (RFC 2177), keep the connection and wait for new mail instead of asking every
    /// <see cref="PollInterval"/>; false polls whatever the server offers.
    /// </summary>
    public bool UseIdle { get; set; } = true;
}

/// <summary>
/// E-mail in through IMAP folders and out through SMTP. Off unless <see cref="Smtp"/>'s host is set; then
/// <see cref="FromAddress"/> must be too. IMAP is optional (a desk may only send); <see cref="Imap"/> and each of
/// <see cref="Mailboxes"/> with a host is a folder the desk reads, each on its own.
/// </summary>
internal sealed class EmailOptions
{
    public const string Section = "Email";

    public ImapServer Imap { get; set; } = new();

    /// <summary>More folders to read, on the same server as <see cref="Imap"/> or others (support@, it@).</summary>
    public List<ImapServer> Mailboxes { get; set; } = [];

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

    public bool Receives => Enabled && Watched.Count > 0;

    /// <summary>The folders the desk reads, with the name their settings go by.</summary>
    public IReadOnlyList<(string Name, ImapServer Mailbox)> Watched =>
    [
        .. string.IsNullOrWhiteSpace(Imap.Host) ? [] : new[] { ($"{Section}:Imap", Imap) },
        .. Mailboxes.Select((m, i) => ($"{Section}:Mailboxes:{i}", m)),
    ];
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
        if (o.Smtp.Port is < 1 or > 65535)
            problems.Add("Email:Smtp:Port must be between 1 and 65535.");
        // Data annotations do not reach nested objects: each folder is checked here.
        foreach (var (setting, mailbox) in o.Watched)
        {
            if (string.IsNullOrWhiteSpace(mailbox.Host))
                problems.Add($"{setting}:Host must name the IMAP server.");
            if (mailbox.Port is < 1 or > 65535)
                problems.Add($"{setting}:Port must be between 1 and 65535.");
            if (mailbox.PollInterval < TimeSpan.FromSeconds(1) || mailbox.PollInterval > TimeSpan.FromHours(1))
                problems.Add($"{setting}:PollInterval must be between one second and one hour.");
            if (string.IsNullOrWhiteSpace(mailbox.User) || string.IsNullOrEmpty(mailbox.Password))
                problems.Add($"{setting}:User and {setting}:Password are required.");
            if (string.IsNullOrWhiteSpace(mailbox.Folder))
                problems.Add($"{setting}:Folder must name the folder the desk reads (INBOX).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
