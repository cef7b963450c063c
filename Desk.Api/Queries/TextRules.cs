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

    /// <summary>
    /// <see cref="Problem"/> for a person's name, which is one line shown among others: no line breaks or tabs, and no
    /// bidirectional controls, which could make a name read as another (an override reverses what follows it).
    /// </summary>
    public static string? NameProblem(string? text, string name, int maxLength, bool required = true) =>
        Problem(text, name, maxLength, required)
        ?? (text is not null && text.Any(NotInAName)
            ? $"{name} is one line, without tabs or bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)."
            : null);

    /// <summary>A name as a channel sent it, without what <see cref="NameProblem"/> refuses: what a channel sends is kept, not refused.</summary>
    public static string? PlainName(string? name) =>
        name is null || !name.Any(NotInAName)
            ? name
            : string.Concat(name.Where(c => !IsBidiControl(c)).Select(c => NotInAName(c) ? ' ' : c));

    static bool NotInAName(char c) => c is '\t' or '\r' or '\n' || IsBidiControl(c);

    static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

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
