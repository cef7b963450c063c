using System.Runtime.CompilerServices;

namespace Desk.Classifier.Features;

/// <summary>One token: a Latin word, a single CJK character, or a question/exclamation mark.</summary>
internal readonly record struct Token(int Start, int Length, uint Hash, bool IsCjk);

/// <summary>Folds and splits text into tokens; mixed English/Chinese text needs no language detection.</summary>
internal static class Tokenizer
{
    /// <summary>Writes folded characters into <paramref name="chars"/> and tokens into the scratch; returns the token count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Tokenize(ReadOnlySpan<char> text, char[] chars, FeatureScratch scratch)
    {
        var count = 0;
        var length = 0;
        var wordStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Fold(text[i]);
            if (IsCjk(c))
            {
                count = EndWord(chars, scratch, count, ref wordStart, length);
                chars[length] = c;
                count = Add(scratch, count, new Token(length, 1, HashOf(chars.AsSpan(length, 1)), true));
                length++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (wordStart < 0) wordStart = length;
                chars[length++] = c;
            }
            else if ((c is '\'' or '\u2019') && wordStart >= 0)
            {
                // "don't" and "dont" are the same word to a reader; the apostrophe joins.
            }
            else
            {
                count = EndWord(chars, scratch, count, ref wordStart, length);
                if (c is '?' or '!')
                {
                    chars[length] = c;
                    count = Add(scratch, count, new Token(length, 1, HashOf(chars.AsSpan(length, 1)), false));
                    length++;
                }
            }
        }
        return EndWord(chars, scratch, count, ref wordStart, length);
    }

    static int EndWord(char[] chars, FeatureScratch scratch, int count, ref int wordStart, int length)
    {
        if (wordStart < 0) return count;
        var token = new Token(wordStart, length - wordStart, HashOf(chars.AsSpan(wordStart, length - wordStart)), false);
        wordStart = -1;
        return Add(scratch, count, token);
    }

    static int Add(FeatureScratch scratch, int count, Token token)
    {
        scratch.EnsureTokens(count + 1);
        scratch.Tokens[count] = token;
        return count + 1;
    }

    static uint HashOf(ReadOnlySpan<char> s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }

    static char Fold(char c)
    {
        // Full-width forms (Ｗｉｆｉ, ？, ！) typed on Chinese keyboards become their ASCII twins.
        if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
        return char.ToLowerInvariant(c);
    }

    static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';
}
