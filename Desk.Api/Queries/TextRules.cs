using System.Globalization;
using System.Text;

namespace Desk.Api.Queries;

/// <summary>
/// What stored text may hold, the same for every way in (API, bot, import): no control characters other than tab,
/// CR and LF, no lone surrogates, and when text is required, at least one visible character.
/// </summary>
internal static class TextRules
{
    /// <summary>Why <paramref name="text"/> is refused as a field called <paramref name="name"/>, or null when it is fine.</summary>
    public static string? Problem(string? text, string name, int maxLength, bool required = true)
    {
        if (text is null || text.Length == 0)
            return required ? $"{name} is required." : null;
        if (text.Length > maxLength)
            return $"{name} is longer than {maxLength} characters.";
        if (!IsStorable(text))
            return $"{name} holds control characters or broken UTF-16 (lone surrogates).";
        if (required && !HasVisible(text))
            return $"{name} is required: it has no visible characters.";
        return null;
    }

    /// <summary>No control characters except tab, CR and LF; no lone surrogates.</summary>
    public static bool IsStorable(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
                return false;
        return !HasLoneSurrogate(text);
    }

    /// <summary>At least one character a reader can see: not white space, control, format (zero-width) or a blank filler.</summary>
    public static bool HasVisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || Blank(rune))
                continue;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            return true;
        }
        return false;
    }

    // Letters and symbols that render as nothing (Hangul fillers, braille blank), a known way to fake "non-empty".
    static bool Blank(Rune rune) => rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x034F;

    static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }
}
