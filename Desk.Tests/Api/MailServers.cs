using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Desk.Tests.Api;

/// <summary>
/// A real IMAP server (Dovecot) and a real SMTP server (aiosmtpd, delivering into a maildir), started once per test run
/// on free ports of 127.0.0.1 and stopped when the run ends. test.sh installs them (dovecot-imapd, python3-aiosmtpd);
/// when they are missing or do not start, the tests that use them fail saying why.
/// </summary>
internal sealed class MailServers
{
    public const string User = "desk";
    public const string Password = "desk-imap-secret";

    static readonly Lazy<Task<MailServers>> Started = new(StartAsync);
    readonly List<Process> processes = [];

    public static Task<MailServers> SharedAsync() => Started.Value;

    public required string Folder { get; init; }

    public int ImapPort { get; private init; }

    public int SmtpPort { get; private init; }

    /// <summary>Where the SMTP server puts what the desk sends (a maildir).</summary>
    public string Sent => Path.Combine(Folder, "sent");

    static async Task<MailServers> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "desk-mail", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path.Combine(folder, "run"));
        Directory.CreateDirectory(Path.Combine(folder, "mail"));
        var servers = new MailServers { Folder = folder, ImapPort = FreePort(), SmtpPort = FreePort() };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => servers.Stop();
        try
        {
            servers.StartDovecot();
            servers.StartSmtp();
            await servers.WaitForAsync(servers.ImapPort, "dovecot", Path.Combine(folder, "dovecot.log"));
            await servers.WaitForAsync(servers.SmtpPort, "aiosmtpd", null);
        }
        catch
        {
            servers.Stop();
            throw;
        }
        return servers;
    }

    void StartDovecot()
    {
        var dovecot = new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Dovecot is not installed (apt-get install dovecot-imapd); test.sh installs it.");
        // Dovecot's auth process reads the password file as its own user, and refuses to deliver mail as root.
        Run("chmod", $"755 {Folder}");
        var passwd = Path.Combine(Folder, "passwd");
        File.WriteAllText(passwd, $"{User}:{{PLAIN}}{Password}::::::\n");
        var (uid, gid) = MailOwner();
        if (Environment.UserName == "root")
            Run("chown", $"{uid}:{gid} {Path.Combine(Folder, "mail")}");
        var config = Path.Combine(Folder, "dovecot.conf");
        File.WriteAllText(config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{Folder}}/run
            state_dir = {{Folder}}/state
            log_path = {{Folder}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 1
            mail_location = maildir:{{Folder}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{passwd}}
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{Folder}}/mail/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        Start(dovecot, ["-F", "-c", config]);
    }

    void StartSmtp()
    {
        var python = new[] { "/usr/bin/python3", "/bin/python3" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("/usr/bin/python3 is missing; aiosmtpd needs it (apt-get install python3-aiosmtpd).");
        // Delivers into a maildir, but refuses recipients named refused.* for good (550) and busy.* for now (451).
        File.WriteAllText(Path.Combine(Folder, "desk_smtp.py"), """
            from aiosmtpd.handlers import Mailbox

            class Recipients(Mailbox):
                async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                    if address.startswith('refused.'):
                        return '550 5.1.1 No such user here'
                    if address.startswith('busy.'):
                        return '451 4.3.0 Mailbox busy, try again later'
                    envelope.rcpt_tos.append(address)
                    return '250 OK'
            """);
        Start(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}", "-c", "desk_smtp.Recipients", Sent], Folder);
    }

    void Start(string file, string[] arguments, string? pythonPath = null)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (pythonPath is not null)
            start.Environment["PYTHONPATH"] = pythonPath;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) File.AppendAllText(Path.Combine(Folder, "errors.log"), e.Data + "\n"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    async Task WaitForAsync(int port, string name, string? log)
    {
        for (var until = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < until; await Task.Delay(100))
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
            }
            if (processes.Any(p => p.HasExited))
                break;
        }
        var errors = Path.Combine(Folder, "errors.log");
        throw new InvalidOperationException($"{name} did not listen on 127.0.0.1:{port}. "
            + (File.Exists(errors) ? File.ReadAllText(errors) : "") + (log is not null && File.Exists(log) ? File.ReadAllText(log) : ""));
    }

    /// <summary>Puts mails into a folder of the desk's IMAP account, as a mail server delivering them would.</summary>
    public async Task AppendAsync(string folder, params MimeMessage[] mails)
    {
        using var imap = await SignInAsync();
        var into = folder == "INBOX" ? imap.Inbox : await imap.GetFolderAsync(folder);
        foreach (var mail in mails)
            await into.AppendAsync(mail, MessageFlags.None);
        await imap.DisconnectAsync(true);
    }

    /// <summary>A new, empty folder in the desk's IMAP account, so a test's desk reads only the mail the test puts there.</summary>
    public async Task<string> NewFolderAsync(string prefix)
    {
        using var imap = await SignInAsync();
        var name = $"{prefix}-{Guid.NewGuid():n}";
        await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync(name, true);
        await imap.DisconnectAsync(true);
        return name;
    }

    /// <summary>Drops every IMAP connection of the desk's account (doveadm kick), as a server restart or a network failure would.</summary>
    public void DropConnections()
    {
        var doveadm = new[] { "/usr/bin/doveadm", "/usr/local/bin/doveadm" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("doveadm is missing (it comes with dovecot-core).");
        var kick = Process.Start(new ProcessStartInfo(doveadm) { ArgumentList = { "-c", Path.Combine(Folder, "dovecot.conf"), "kick", User },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var said = kick.StandardOutput.ReadToEnd() + kick.StandardError.ReadToEnd();
        kick.WaitForExit();
        if (kick.ExitCode != 0)
            throw new InvalidOperationException($"doveadm kick failed ({kick.ExitCode}): {said}");
    }

    async Task<ImapClient> SignInAsync()
    {
        var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", ImapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(User, Password);
        return imap;
    }

    /// <summary>The mails the SMTP server received, newest last.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var inbox = Path.Combine(Sent, "new");
        if (!Directory.Exists(inbox))
            return [];
        return [.. new DirectoryInfo(inbox).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name).Select(f => MimeMessage.Load(f.FullName))];
    }

    /// <summary>Waits for a mail to <paramref name="address"/> that <paramref name="wanted"/> accepts.</summary>
    public async Task<MimeMessage> SentToAsync(string address, Func<MimeMessage, bool>? wanted = null)
    {
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(50))
        {
            if (Received().LastOrDefault(m => m.To.Mailboxes.Any(t => t.Address == address) && (wanted?.Invoke(m) ?? true)) is { } mail)
                return mail;
        }
        throw new Xunit.Sdk.XunitException($"No mail to {address} reached the SMTP server within 20 s.");
    }

    void Stop()
    {
        foreach (var process in processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Mail is stored as the dovecot system user when the tests run as root, else as whoever runs them.
    static (string Uid, string Gid) MailOwner() => Environment.UserName == "root"
        ? (Run("id", "-u dovecot"), Run("id", "-g dovecot"))
        : (Run("id", "-u"), Run("id", "-g"));

    static string Run(string file, string arguments)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
