using System.Globalization;
using System.Text;

namespace Desk.Bot;

/// <summary>
/// A user's thanks after their query was resolved ("Thanks, all working now 👍", "好的，谢谢！"): the fix held, so it is
/// kept on the query without reopening it. Only words of thanks and of a fix that holds count: a "not", a question or
/// anything else makes it a follow-up, which reopens the query as before.
/// </summary>
public static class Gratitude
{
    const int MaxLength = 80;

    static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "thanks", "thank", "you", "thx", "ty", "cheers", "many", "much", "so", "very", "again", "a", "lot", "great", "perfect",
        "brilliant", "awesome", "excellent", "ok", "okay", "good", "all", "working", "works", "worked", "now", "it", "fixed",
        "sorted", "solved", "that", "did", "the", "trick", "is", "fine", "for", "your", "help", "appreciated", "appreciate",
        "everything", "yes", "yep", "super", "wonderful", "team", "guys", "job", "well", "done",
    };

    static readonly string[] Phrases =
    [
        "非常感谢", "谢谢你们", "谢谢您", "谢谢你", "谢谢", "多谢", "感谢", "好的", "好了", "可以了", "没问题了", "已解决", "解决了", "已经好了", "问题解决了",
    ];

    public static bool IsOnlyThanks(string text)
    {
        var plain = text.Normalize(NormalizationForm.FormKC).Trim();
        if (plain.Length is 0 or > MaxLength)
            return false;
        var kept = new StringBuilder(plain.Length);
        foreach (var rune in plain.ToLowerInvariant().EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            // Punctuation, emoji and other symbols carry no words: "👍", "!!", "，".
            var wordless = Rune.IsPunctuation(rune) || Rune.IsSeparator(rune) || Rune.IsWhiteSpace(rune) || category is UnicodeCategory.OtherSymbol
                or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format;
            kept.Append(wordless ? " " : rune.ToString());
        }
        var words = kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.Any(IsThanksWord) && words.All(w => Words.Contains(w) || IsChineseThanks(w));
    }

    static bool IsThanksWord(string word) =>
        word is "thanks" or "thank" or "thx" or "ty" or "cheers" or "appreciated" or "appreciate" || (word.Contains('谢') || word.Contains("感谢")) && IsChineseThanks(word);

    // The words split into phrases of thanks and of a fix that holds, nothing else: "好的谢谢", "谢谢已经好了".
    static bool IsChineseThanks(string word)
    {
        var at = 0;
        while (at < word.Length)
        {
            var found = Phrases.FirstOrDefault(p => word.AsSpan(at).StartsWith(p, StringComparison.Ordinal));
            if (found is null)
                return false;
            at += found.Length;
        }
        return true;
    }
}
