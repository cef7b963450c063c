using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

/// <summary>A desk that mails its portal codes through the test SMTP server, and the codes read back from there.</summary>
internal static partial class PortalMail
{
    public static void Configure(IWebHostBuilder builder, MailServers servers)
    {
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", servers.SmtpPort.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:FromAddress", "portal@desk.example.org");
    }

    /// <summary>The six digits of the newest code mailed to <paramref name="address"/> (other than <paramref name="except"/>).</summary>
    public static Task<string> CodeSentToAsync(MailServers servers, string address, string? except = null) =>
        CodeSentToAsync(servers, address, except is null ? [] : [except]);

    /// <summary>The six digits of a code mailed to <paramref name="address"/> that is none of <paramref name="used"/>.</summary>
    public static async Task<string> CodeSentToAsync(MailServers servers, string address, IReadOnlyCollection<string> used)
    {
        var mail = await servers.SentToAsync(address, m => m.Subject == "Service desk" && Code().Match(m.TextBody ?? "") is { Success: true } found && !used.Contains(found.Value));
        return Code().Match(mail.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex Code();
}
