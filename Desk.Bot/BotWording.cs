using System.Text.RegularExpressions;

namespace Desk.Bot;

// Everything the bot says. Users are told a person is always there (ITIL 4 DSV 7.3: always offer a human).
internal static partial class BotWording
{
    /// <summary>
    /// What the user wrote decides first: Chinese characters mean Chinese, a few words in Latin letters English,
    /// whatever the locale says. Text that says nothing of a language (a reference, digits, "ok", a product name such
    /// as "VPN") keeps the conversation's language, or without one falls back to the locale.
    /// </summary>
    public static BotLanguage LanguageOf(string? locale, string? text = null, BotLanguage? conversation = null)
    {
        if (!string.IsNullOrEmpty(text))
        {
            if (text.EnumerateRunes().Any(IsHan))
                return BotLanguage.Chinese;
            if (LatinWords().Count(BotIntents.WithoutReferences(text)) >= SentenceWords || conversation is null && text.Any(char.IsAsciiLetter))
                return BotLanguage.English;
        }
        if (conversation is { } kept)
            return kept;
        return locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            ? BotLanguage.Chinese
            : BotLanguage.English;
    }

    // Fewer Latin words than this may be a name, a product or an "ok" in any language.
    const int SentenceWords = 3;

    [GeneratedRegex(@"\b[A-Za-z]{2,}\b")]
    private static partial Regex LatinWords();

    // CJK Unified Ideographs and Extension A, which is all that Chinese sentences use in practice.
    static bool IsHan(System.Text.Rune rune) => rune.Value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF;

    /// <summary>The reply's locale: the user's own where it is of the reply's language (zh-TW stays zh-TW).</summary>
    public static string LocaleOf(BotLanguage language, string? incoming) => language == BotLanguage.Chinese
        ? incoming is not null && incoming.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? incoming : "zh-CN"
        : incoming is not null && incoming.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? incoming : "en-US";

    public static string Receipt(BotTicket ticket, string? userName, BotLanguage language, UserClock clock)
    {
        var firstResponse = clock.Format(ticket.FirstResponseDue, language);
        var resolution = clock.Format(ticket.ResolutionDue, language);
        var type = QueryWords.Type(ticket.Type, language);
        var queue = QueryWords.Queue(ticket.Queue, language);
        return language == BotLanguage.Chinese
            ? $"""
               谢谢{Named("，", userName)}。您的编号是 {ticket.Reference}。
               我们理解这是：{type}，优先级 {ticket.Priority}，已转交{queue}团队。
               首次答复不晚于：{firstResponse}
               预计解决不晚于：{resolution}
               如果我们理解有误，请点“不对”或直接告诉我；补充信息请直接在这里写，您也随时可以要求人工服务。
               """ + KnownOutages(ticket, language)
            : $"""
               Thank you{Named(", ", userName)}. Your reference is {ticket.Reference}.
               We understood this as {type}, priority {ticket.Priority}, and passed it to our {queue} team.
               First response by: {firstResponse}
               Resolution by: {resolution}
               If that's not right, tap "That's not right" or tell me. Anything you add here goes on {ticket.Reference}, and you can always ask for a person.
               """ + KnownOutages(ticket, language);
    }

    // A user writing in during a declared major outage learns at once that it is known, and that they will hear of it.
    static string KnownOutages(BotTicket ticket, BotLanguage language) => ticket.KnownOutages is not { Count: > 0 } titles ? ""
        : language == BotLanguage.Chinese
            ? $"\n目前已知的重大故障：{string.Join("；", titles)}。如果您说的就是这个问题，无需再做什么，工作人员会把您的编号关联到该故障，修复后会通知您。"
            : $"\nRight now we know of a major outage: {string.Join("; ", titles)}. If that's what you're writing about, there's nothing more to do: "
              + "our team will link your reference to it, and you'll hear when it's fixed.";

    public static string Greeting(string? userName, BotLanguage language) =>
        language == BotLanguage.Chinese
            ? $"您好{Named("，", userName)}！我是服务台助手。请用您自己的话告诉我您需要什么或遇到了什么问题，我会为您登记，"
              + "并告诉您编号和预计答复时间。您随时可以要求人工服务：直接说一声，我们的工作人员会跟进。"
            : $"Hello{Named(", ", userName)}! I'm the service desk's assistant. Tell me in your own words what you need "
              + "or what isn't working, and I'll log it and tell you your reference and when to expect an answer. "
              + "You can always ask for a person: just say so and one of our team will take it from there.";

    public static string TooLong(int length, int most, BotLanguage language) =>
        language == BotLanguage.Chinese
            ? $"您的消息有 {length:N0} 个字符，我最多只能读取 {most:N0} 个，所以这条消息没有登记。请缩短后再发，或分几条发送；"
              + "日志和截图请在我们的工作人员接手后附上。"
            : $"Your message has {length:N0} characters and I can read at most {most:N0}, so it was not logged. Please "
              + "send a shorter version or split it into a few messages; logs and screenshots can follow once one of our team has it.";

    /// <summary><paramref name="fileKept"/>: the user sent a file alone, which goes on their query with the words to come.</summary>
    public static string AskForWords(BotLanguage language, bool fileKept) => (language, fileKept) switch
    {
        (BotLanguage.Chinese, true) => "文件已收到，会随您的问题一起交给我们的团队。请用几句话描述您需要什么或遇到了什么问题；您也随时可以要求人工服务。",
        (BotLanguage.Chinese, false) => "目前我只能读取文字。请用几句话描述您需要什么或遇到了什么问题；您也随时可以要求人工服务。",
        (_, true) => "I have your file; it goes to our team with your request. Please describe in a few words what you need "
            + "or what isn't working; you can always ask for a person.",
        _ => "I can only read text for now. Please describe in a few words what you need or what isn't working; "
            + "you can always ask for a person.",
    };

    static string Named(string separator, string? userName) =>
        string.IsNullOrWhiteSpace(userName) ? "" : separator + userName.Trim();
}
