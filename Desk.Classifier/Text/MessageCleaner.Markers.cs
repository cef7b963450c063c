using System.Text.RegularExpressions;

namespace Desk.Classifier.Text;

// What one line is, judged on its own; MessageCleaner.cs decides from the lines around it what to cut.
public static partial class MessageCleaner
{
    const int MaxSignatureLines = 6;
    const int MaxSignatureLineLength = 72;
    const int MaxDeviceLineLength = 40;
    const int HeaderBlockReach = 6;
    const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;

    enum Kind : byte
    {
        Text, Blank, Quote, Attribution, OriginalMessage, Underscores, From, Header, SignatureDash, Disclaimer, SentFrom, SignOff,
    }

    static readonly string[] FromFields = ["From", "发件人", "Von"];
    static readonly string[] OtherFields =
        ["Sent", "Date", "To", "Cc", "Subject", "发送时间", "时间", "日期", "收件人", "抄送", "主题", "Gesendet", "Datum", "An", "Betreff"];

    static readonly string[] SignOffs =
    [
        "Best regards", "Kind regards", "Warm regards", "Warmest regards", "Best wishes", "All the best", "Regards", "Best",
        "Thanks", "Thank you", "Thanks again", "Thanks in advance", "Many thanks", "Thanks and regards", "Thanks & regards",
        "Cheers", "Sincerely", "Yours sincerely", "Sincerely yours", "Yours faithfully", "Yours truly",
        "此致", "敬礼", "此致敬礼", "此致 敬礼", "祝好", "顺祝商祺", "顺颂商祺", "谢谢", "多谢", "谢谢您",
        "Mit freundlichen Grüßen", "Mit freundlichen Grüssen", "Freundliche Grüße", "Viele Grüße", "Beste Grüße", "Liebe Grüße",
        "Herzliche Grüße", "Schöne Grüße", "Gruß", "Grüße", "MfG", "LG", "VG", "Danke", "Vielen Dank",
    ];

    static readonly string[] DevicePrefixes =
        ["Sent from my ", "Sent from Outlook", "Sent from Mail for ", "Get Outlook for ", "发自我的", "来自我的", "Von meinem ", "Gesendet von "];
    static readonly string[] DisclaimerOpenings = ["This e-mail", "This email", "This message", "This communication"];
    static readonly string[] DisclaimerOpeningsZh = ["本邮件", "此邮件", "该邮件", "本电子邮件"];

    static Kind KindOf(ReadOnlySpan<char> line)
    {
        if (line is "--" or "-- ") return Kind.SignatureDash;
        var t = line.Trim();
        if (t.IsEmpty) return Kind.Blank;
        if (t[0] == '>') return Kind.Quote;
        if (t[0] == '_' && t.Length >= 10 && !t.ContainsAnyExcept('_')) return Kind.Underscores;
        if (t[0] == '-' && OriginalMessageLine().IsMatch(t)) return Kind.OriginalMessage;
        if (IsAttribution(t)) return Kind.Attribution;
        if (StartsWithField(t, FromFields)) return Kind.From;
        if (StartsWithField(t, OtherFields)) return Kind.Header;
        if (IsDisclaimer(t)) return Kind.Disclaimer;
        if (t.Length <= MaxDeviceLineLength && StartsWithAny(t, DevicePrefixes)) return Kind.SentFrom;
        if (IsSignOff(t)) return Kind.SignOff;
        return Kind.Text;
    }

    /// <summary>
    /// "On Tue, 3 Mar 2026 at 10:12, Name &lt;a@b&gt; wrote:", "在 2026年3月3日 10:12，某某 写道：" or "Am 03.03.2026 um 10:12 schrieb
    /// Name &lt;a@b&gt;:", on one line or wrapped over two.
    /// </summary>
    static bool IsAttribution(ReadOnlySpan<char> t) =>
        (t.StartsWith("On ") || t.StartsWith('在') || t.StartsWith("Am ")) && t.ContainsAnyInRange('0', '9') && AttributionLine().IsMatch(t);

    static bool EndsAttribution(ReadOnlySpan<char> t) => t.EndsWith("wrote:") || t.EndsWith("写道：") || t.EndsWith("写道:");

    static bool StartsWithField(ReadOnlySpan<char> t, string[] names)
    {
        foreach (var name in names)
        {
            if (!t.StartsWith(name, IgnoreCase)) continue;
            var rest = t[name.Length..].TrimStart();
            if (!rest.IsEmpty && rest[0] is ':' or '：') return true;
        }
        return false;
    }

    static bool IsDisclaimer(ReadOnlySpan<char> t) =>
        t.StartsWith("CONFIDENTIALITY NOTICE", IgnoreCase)
        || t.StartsWith("DISCLAIMER", StringComparison.Ordinal)
        || StartsWithAny(t, DisclaimerOpenings) && (t.Contains("confidential", IgnoreCase) || t.Contains("privileged", IgnoreCase) || t.Contains("intended recipient", IgnoreCase))
        || StartsWithAny(t, DisclaimerOpeningsZh) && (t.Contains("保密", StringComparison.Ordinal) || t.Contains("机密", StringComparison.Ordinal));

    /// <summary>A sign-off alone on its line, with or without its comma or exclamation mark; "Thanks, that worked" is a sentence.</summary>
    static bool IsSignOff(ReadOnlySpan<char> t)
    {
        t = t.TrimEnd(",，!！.。");
        if (t.Length > 24) return false;
        foreach (var signOff in SignOffs)
            if (t.Equals(signOff, IgnoreCase)) return true;
        return false;
    }

    /// <summary>Name, title, company, phone, e-mail, URL: short, and not a sentence or a question.</summary>
    static bool IsSignatureLine(ReadOnlySpan<char> t)
    {
        if (t.Length > MaxSignatureLineLength) return false;
        return t[^1] switch
        {
            '?' or '？' or '。' or '！' => false,
            '.' or '!' => t.Count(' ') < 4,
            _ => true,
        };
    }

    static bool StartsWithAny(ReadOnlySpan<char> t, string[] prefixes)
    {
        foreach (var prefix in prefixes)
            if (t.StartsWith(prefix, IgnoreCase)) return true;
        return false;
    }

    [GeneratedRegex(@"\A(?:On\s.{1,300}?\swrote|在.{1,300}?写道|Am\s.{1,300}?\sschrieb(?:\s.{1,300}?)?)\s*[:：]\z",
        RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AttributionLine();

    [GeneratedRegex(@"\A-{3,}\s*(?:Original Message|原始邮件|原始郵件|Ursprüngliche Nachricht)\s*-{3,}\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessageLine();
}
