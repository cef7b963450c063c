using System.Text;

namespace Desk.Api.Knowledge;

/// <summary>
/// Turns text into the terms articles are matched on: lower-case words with a light English stemming and no stop words,
/// and for Chinese, which has no spaces, every pair of neighbouring characters (a bigram stands in for a word).
/// Articles and the user's message go through the same function, so their terms meet.
/// </summary>
internal static class KnowledgeText
{
    const int LongestWord = 40;

    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var normal = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant(); // full-width "ＶＰＮ" is "vpn"
        var word = new StringBuilder();
        var han = new StringBuilder();
        for (var i = 0; i < normal.Length; i++)
        {
            var c = normal[i];
            if (IsHan(c))
            {
                AddWord(word, terms);
                han.Append(c);
                continue;
            }
            AddHan(han, terms);
            if (char.IsLetterOrDigit(c))
                word.Append(c);
            // "wi-fi", "e-mail", "can't": joined inside a word, so "wi-fi" and "wifi" are one term.
            else if (c is '-' or '\'' or '\u2019' && word.Length > 0 && i + 1 < normal.Length && char.IsLetterOrDigit(normal[i + 1]) && !IsHan(normal[i + 1]))
                continue;
            else
                AddWord(word, terms);
        }
        AddWord(word, terms);
        AddHan(han, terms);
        return terms;
    }

    /// <summary>"zh" when the text holds Chinese characters, else "en".</summary>
    public static string GuessLanguage(string text) => text.Any(IsHan) ? "zh" : "en";

    // CJK unified ideographs, extension A and the compatibility block; the rarer extensions sit outside the BMP.
    static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    static void AddWord(StringBuilder word, List<string> terms)
    {
        if (word.Length is >= 2 and <= LongestWord)
        {
            var text = word.ToString();
            if (!StopWords.Contains(text) && Stem(text) is var stem && !StopWords.Contains(stem))
                terms.Add(stem);
        }
        word.Clear();
    }

    static void AddHan(StringBuilder run, List<string> terms)
    {
        if (run.Length == 1 && !Particles.Contains(run[0]))
            terms.Add(run.ToString());
        for (var i = 0; i + 1 < run.Length; i++)
        {
            // A pair with a particle in it ("的电" of "我的电脑") spans two words and matches by chance.
            if (Particles.Contains(run[i]) || Particles.Contains(run[i + 1]))
                continue;
            if (Negations.Contains(run[i + 1]) || (i > 0 && Negations.Contains(run[i]) && !Particles.Contains(run[i - 1])))
            {
                if (Negations.Contains(run[i + 1]) && i + 2 < run.Length && !Particles.Contains(run[i + 2]))
                    terms.Add(run.ToString(i, 3));
                continue;
            }
            var pair = run.ToString(i, 2);
            if (!StopPairs.Contains(pair))
                terms.Add(pair);
        }
        run.Clear();
    }

    /// <summary>
    /// Plural -s, -es and -ies, then -ing and -ed, then a final -e: "expired", "expires", "expire" all become "expir",
    /// "jammed" and "jams" become "jam". Crude next to Porter's, but the same on both sides, which is what matching needs.
    /// </summary>
    internal static string Stem(string word)
    {
        if (word.Length <= 3 || !word.All(char.IsAsciiLetterLower))
            return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
            word = word[..^3] + "y";
        else if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
            word = word[..^2];
        else if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
            word = word[..^1];

        if (word.EndsWith("ied", StringComparison.Ordinal) && word.Length > 4)
            word = word[..^3] + "y";
        else if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length >= 6)
            word = Undouble(word[..^3]);
        else if (word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal) && word.Length >= 5)
            word = Undouble(word[..^2]);

        return word.EndsWith('e') && word.Length >= 5 ? word[..^1] : word;
    }

    // "stopp" of "stopped" is "stop"; "install" keeps its double l.
    static string Undouble(string stem) =>
        stem.Length >= 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;

    /// <summary>Function words, greetings and courtesy: a message of only these ("hello", "thanks!") matches nothing.</summary>
    static readonly HashSet<string> StopWords =
    [
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "anymore", "anyone", "anything", "are", "as", "at",
        "be", "been", "being", "but", "by", "can", "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing",
        "dont", "each", "for", "from", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "id", "if", "im",
        "in", "into", "is", "isnt", "it", "its", "ive", "just", "me", "might", "more", "most", "much", "must", "my", "myself", "no",
        "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should",
        "so", "some", "someone", "something", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "wasnt", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "wont", "would", "you", "your", "yours", "yourself",
        "hello", "hi", "hey", "hiya", "thanks", "thank", "thx", "ty", "please", "pls", "plz", "cheers", "regards", "dear", "good",
        "morning", "afternoon", "evening", "bye", "goodbye", "ok", "okay", "yes", "yeah", "sure", "great", "fine", "lol",
        "help", "need", "want", "get", "got", "getting", "still", "since", "today", "yesterday", "problem", "issue", "question",
        // Verbs any fault is told with: "payroll shows an error page" matched the printer article's "still shows offline".
        "show", "shows", "showing", "say", "says", "saying",
    ];

    /// <summary>Characters that bind to a neighbouring word: a pair holding one is not a word of its own.</summary>
    static readonly HashSet<char> Particles = ['的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嗯', '么', '是', '我', '你', '您', '他', '她', '很', '也', '都', '就', '请'];

    /// <summary>
    /// A negation between two characters makes one word of the three ("连不上", "打不开"): its pairs alone would match "打不开"
    /// (will not open) to "打不了" (cannot print), a payroll page to the printer article.
    /// </summary>
    static readonly HashSet<char> Negations = ['不', '没'];

    /// <summary>Courtesy, time and question words in Chinese ("你好" is already two particles): "谢谢" matches nothing.</summary>
    static readonly HashSet<string> StopPairs =
    [
        "谢谢", "多谢", "感谢", "麻烦", "一下", "怎么", "什么", "如何", "为什", "可以", "能否", "这个", "那个", "一个", "现在",
        "今天", "早上", "上午", "下午", "晚上", "问题", "帮忙", "需要", "一直",
    ];
}
