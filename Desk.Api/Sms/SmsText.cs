using System.Text.RegularExpressions;

namespace Desk.Api.Sms;

/// <summary>
/// How long a text is in SMS segments: GSM-7 (160 characters alone, 153 per part of a longer message, the extension
/// characters counting twice) unless one character needs UCS-2 (70 alone, 67 per part), as Chinese does. A text over
/// the limit is cut and ends with a link to its query instead of going out as a wall of texts.
/// </summary>
internal static partial class SmsText
{
    const string Gsm = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    const string GsmExtension = "^{}\\[~]|€\f";
    const string Ellipsis = "... ";

    public static bool IsGsm(string text) => text.All(c => Gsm.Contains(c) || GsmExtension.Contains(c));

    /// <summary>The units a text takes: septets for GSM-7, UTF-16 code units for UCS-2.</summary>
    static int Units(string text, bool gsm) => gsm ? text.Sum(c => GsmExtension.Contains(c) ? 2 : 1) : text.Length;

    public static int Segments(string text)
    {
        var gsm = IsGsm(text);
        var units = Units(text, gsm);
        var (single, part) = gsm ? (160, 153) : (70, 67);
        return units <= single ? 1 : (units + part - 1) / part;
    }

    /// <summary>The text as sent: itself when it fits in <paramref name="maxSegments"/>, else cut, with a link to its query.</summary>
    public static string Fit(string text, int maxSegments, Uri? linkBase)
    {
        if (Segments(text) <= maxSegments)
            return text;
        var reference = Reference().Match(text);
        var suffix = Ellipsis + (linkBase is not null && reference.Success ? new Uri(linkBase, Uri.EscapeDataString(reference.Value)).ToString() : "");
        var gsm = IsGsm(text) && IsGsm(suffix);
        var capacity = maxSegments == 1 ? (gsm ? 160 : 70) : maxSegments * (gsm ? 153 : 67);
        var budget = capacity - Units(suffix.TrimEnd(), gsm);
        var cut = 0;
        for (var used = 0; cut < text.Length; cut++)
        {
            var size = gsm ? Units(text[cut].ToString(), true) : 1;
            if (used + size > budget)
                break;
            used += size;
        }
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
            cut--; // never half a character
        return (text[..cut].TrimEnd() + suffix).TrimEnd();
    }

    // A query reference (INC-1042) in the text; the desk's messages lead with theirs.
    [GeneratedRegex(@"\b[A-Z]{2,8}-[0-9]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
