using System.Text.RegularExpressions;

namespace Desk.Bot;

/// <summary>
/// The survey questions (ITIL 4 Table 9.4) in English and Chinese: satisfaction (CSAT, 1 to 5), customer effort
/// (CES, 1 to 7, 7 the easiest) and net promoter (NPS, 0 to 10), as buttons in a chat or with a link elsewhere.
/// </summary>
public static partial class SurveyQuestions
{
    public const string Csat = "csat";
    public const string Ces = "ces";
    public const string Nps = "nps";

    public static readonly string[] Kinds = [Csat, Ces, Nps];

    static string Say(BotLanguage language, string english, string chinese) => language == BotLanguage.Chinese ? chinese : english;

    /// <summary>The lowest and highest score of a kind of question.</summary>
    public static (int Min, int Max) Scale(string kind) => kind switch
    {
        Ces => (1, 7),
        Nps => (0, 10),
        _ => (1, 5),
    };

    /// <summary>The scores a question takes, as the user types or taps them.</summary>
    public static IReadOnlyList<string> Scores(string kind)
    {
        var (min, max) = Scale(kind);
        return Enumerable.Range(min, max - min + 1).Select(n => n.ToString()).ToList();
    }

    /// <summary>One button per score: a tap answers with one touch.</summary>
    public static IReadOnlyList<BotAction> Buttons(string kind) => Scores(kind).Select(s => new BotAction(s, s)).ToList();

    /// <summary>The question about a resolved query, or its one reminder.</summary>
    public static string Ask(BotLanguage l, string kind, string reference, bool reminder) =>
        (reminder ? Say(l, "A quick reminder: ", "温馨提醒：") : "") + kind switch
        {
            Ces => Say(l,
                $"How easy was it to get {reference} sorted? Please answer from 1 (very difficult) to 7 (very easy).",
                $"解决 {reference} 的过程有多容易？请从 1（非常困难）到 7（非常容易）打分。"),
            Nps => Say(l,
                "How likely are you to recommend our service desk to a colleague? Please answer from 0 (not at all) to 10 (extremely likely).",
                "您有多大可能向同事推荐我们的服务台？请从 0（完全不可能）到 10（非常可能）打分。"),
            _ => Say(l,
                $"How satisfied are you with how we handled {reference}? Please answer from 1 (very dissatisfied) to 5 (very satisfied).",
                $"您对 {reference} 的处理满意吗？请从 1（非常不满意）到 5（非常满意）打分。"),
        };

    /// <summary>The question for a channel without buttons: the link answers it.</summary>
    public static string AskWithLink(BotLanguage l, string kind, string reference, bool reminder, string link) =>
        Ask(l, kind, reference, reminder) + Say(l, $" Answer here: {link}", $" 请在这里回答：{link}");

    /// <summary>The question for a channel whose replies the desk reads as answers (SMS): a number back answers it too.</summary>
    public static string AskByReply(BotLanguage l, string kind, string reference, bool reminder, string link) =>
        Ask(l, kind, reference, reminder) + Say(l, $" Reply with the number, or answer here: {link}", $" 直接回复数字，或在这里回答：{link}");

    /// <summary>Whether a score is on the scale of a kind of question.</summary>
    public static bool InScale(string kind, int score) => Scale(kind) is var (min, max) && score >= min && score <= max;

    /// <summary>
    /// A score and what follows it as a comment: "4", "4分", "2 - nobody called me back"; null when the words do not
    /// start with a number. Whether it is on the question's scale is the caller's to check.
    /// </summary>
    public static (int Score, string? Comment)? Read(string text)
    {
        // Full-width digits, as Chinese and Japanese phone keyboards type them ("６"), are the same numbers.
        text = text.Normalize(System.Text.NormalizationForm.FormKC);
        if (ScoreFirst().Match(text) is not { Success: true } match || !int.TryParse(match.Groups[1].Value, out var score))
            return null;
        var rest = match.Groups[2].Value.Trim();
        return (score, rest.Length == 0 ? null : rest);
    }

    [GeneratedRegex(@"^\s*(\d{1,2})\s*(?:分|/\s*(?:5|7|10)|out of (?:5|7|10))?(?:\s*[-–—:,.;!。，！]+\s*|\s+|$)(.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScoreFirst();

    internal static BotAction NoComment(BotLanguage l) => new(Say(l, "No, thanks", "不用了"), Say(l, "No, thanks", "不用了"));

    internal static string ThanksAskComment(BotLanguage l) => Say(l,
        "Thank you! Is there anything you'd like to tell us? Just write it here.",
        "谢谢！您还有什么想告诉我们的吗？请直接在这里留言。");

    internal static string SorryAskComment(BotLanguage l, string recovery) => Say(l,
        $"Thank you, and I'm sorry it wasn't better. I've asked our team to follow up with you on {recovery}. Is there anything you'd like to add?",
        $"谢谢您的反馈，很抱歉没有让您满意。我已请我们的团队通过 {recovery} 跟进。您还有什么想补充的吗？");

    internal static string ThanksForTheScore(BotLanguage l) => Say(l, "Thank you for your answer.", "谢谢您的评价。");

    internal static string OffScale(BotLanguage l, string lowest, string highest) => Say(l,
        $"Please answer with a number from {lowest} to {highest}.",
        $"请回复 {lowest} 到 {highest} 之间的数字。");

    internal static string Thanks(BotLanguage l) => Say(l,
        "Thank you, we read every comment.",
        "谢谢，我们会认真阅读每一条意见。");

    internal static string SorryThanks(BotLanguage l, string recovery) => Say(l,
        $"Thank you, and I'm sorry it wasn't better. Our team will follow up with you on {recovery}.",
        $"谢谢您的反馈，很抱歉没有让您满意。我们的团队会通过 {recovery} 跟进。");
}
