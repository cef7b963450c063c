using System.Globalization;
using System.Text;

namespace Desk.Bot;

/// <summary>
/// A chat message's words as the desk keeps them. What a channel sends is kept, not refused: a refusal goes to the
/// connector, and the user would see their message go nowhere. Control characters (a pasted escape code, a NUL) are
/// dropped, a lone surrogate half becomes U+FFFD, and a message of nothing visible (spaces, zero-width characters) has
/// no words, so the bot asks for some.
/// </summary>
internal static class ChatText
{
    public static string Readable(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) // a lone surrogate comes as U+FFFD
            if (!Rune.IsControl(rune) || rune.Value is '\t' or '\r' or '\n')
                kept.Append(rune.ToString());
        var words = kept.ToString().Trim();
        return words.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format) ? "" : words;
    }
}
