using System.Text.RegularExpressions;

namespace Desk.Bot;

// What a user's words ask for beyond a new matter, in English and Chinese. Deliberately narrow: a message that only
// looks like one of these ("something is wrong with my laptop") is a matter to take, not a command.
internal static partial class BotIntents
{
    const int ShortMessage = 60;

    /// <summary>A person, at any point: "agent", "talk to someone", "人工".</summary>
    public static bool WantsPerson(string text) => PersonWords().IsMatch(text) || PersonChinese().IsMatch(text);

    /// <summary>A person and nothing else ("Can I talk to a person please?", "转人工"): no word of what about.</summary>
    public static bool OnlyAsksForPerson(string text) =>
        WantsPerson(text) && AskingWords().Replace(PersonChinese().Replace(PersonWords().Replace(text, " "), " "), " ").All(c => !char.IsLetterOrDigit(c));

    /// <summary>A query reference named in the text, e.g. <c>INC-1085</c>.</summary>
    public static string? Reference(string text) =>
        ReferencePattern().Match(text) is { Success: true } match ? match.Value.ToUpperInvariant() : null;

    public static string WithoutReferences(string text) => ReferencePattern().Replace(text, "");

    /// <summary>"status", "my tickets", "any update", "进度".</summary>
    public static bool AsksStatus(string text) =>
        text.Length <= ShortMessage * 2 && (StatusWords().IsMatch(text) || StatusChinese().IsMatch(text));

    /// <summary>"status" or "my tickets" and nothing more: a command even where the bot awaits an answer.</summary>
    public static bool IsStatusCommand(string text) => StatusCommand().IsMatch(text.Trim());

    /// <summary>"I have another problem", "新问题": what follows is not about the open query.</summary>
    public static bool StartsNewMatter(string text) => NewMatterWords().IsMatch(text) || NewMatterChinese().IsMatch(text);

    /// <summary>"that's wrong", "不对": the user disputes what the desk understood.</summary>
    public static bool SaysWrong(string text) => text.Length <= ShortMessage && (WrongWords().IsMatch(text) || WrongChinese().IsMatch(text));

    /// <summary>Only a greeting or thanks, nothing to take.</summary>
    public static bool IsSmallTalk(string text) => SmallTalk().IsMatch(text.Trim());

    /// <summary>Yes and nothing more ("yes", "yes it did, thanks"): a yes that goes on to say more is not one.</summary>
    public static bool SaysYes(string text) => YesWords().IsMatch(text) || YesChinese().IsMatch(text);

    /// <summary>No and nothing more ("no", "none of them"): words after it are the user's, to keep.</summary>
    public static bool SaysNo(string text) => NoWords().IsMatch(text) || NoChinese().IsMatch(text);

    [GeneratedRegex(@"^\W*(agent|human|person|operator|representative)\W*$|\b(a|real|live|human) (person|human|agent|being)\b|\b(talk|speak|chat) (to|with) (a |an |some |your )?(person|human|someone|somebody|agent|people|staff|team|representative)\b|\blive (chat|support)\b|\bhuman (help|support)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonWords();

    [GeneratedRegex("人工|真人|转接客服|客服人员|找人")]
    private static partial Regex PersonChinese();

    // How people ask for a person around the words that name one.
    [GeneratedRegex(@"\b(i'd|i'm|i|can|could|may|would|will|want|wanna|need|like|let|me|get|put|please|pls|plz|now|just|to|a|an|the|you|your|some|someone|somebody|with|through|connect|transfer|hi|hello|hey|ok|okay|thanks|thank|talk|speak|chat|real|live)\b|请|我要|我想|帮我|给我|转|一下|吗|可以|你好|谢谢|客服|服务|在线", RegexOptions.IgnoreCase)]
    private static partial Regex AskingWords();

    [GeneratedRegex(@"\b(INC|DIS|REQ|CHG|CMP|CPL|SUG|SEC|ASK)-\d{1,9}\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\b(status|my tickets?|my queries|my requests?|any updates?|update on|what'?s happening with|progress)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusWords();

    [GeneratedRegex(@"^(status|my tickets?|my queries|my requests?|状态|我的工单|我的请求)[\s\p{P}]*$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusCommand();

    [GeneratedRegex("状态|进度|我的工单|我的请求|处理得怎么样|有更新")]
    private static partial Regex StatusChinese();

    [GeneratedRegex(@"\b(new (issue|problem|question|request|matter)|another (issue|problem|question|request|thing|matter)|something else|different (issue|problem|question)|unrelated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewMatterWords();

    [GeneratedRegex("新问题|另一个问题|另外一个问题|别的问题|新的请求|另一件事")]
    private static partial Regex NewMatterChinese();

    [GeneratedRegex(@"^\s*(no,?\s*)?(that'?s |this is |it'?s |you got (it|that) )?(wrong|not right|incorrect|not correct|a mistake|misclassified)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WrongWords();

    [GeneratedRegex("^(不对|错了|分类错误|理解错了|不是这个)")]
    private static partial Regex WrongChinese();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|good (morning|afternoon|evening)|thanks?( you)?( very much| so much| a lot)?|thank you( very much| so much)?|cheers|ok(ay)?|great|bye|goodbye|你好|您好|嗨|谢谢(你|您)?|多谢|好的|再见)[\s!.,。！~]*$", RegexOptions.IgnoreCase)]
    private static partial Regex SmallTalk();

    [GeneratedRegex(@"^\s*(yes|yep|yeah|yes,? it (did|helped|worked)|it (did|helped|worked)|that (helped|worked|did it|solved it|fixed it)|solved( it)?|fixed( it)?)[\s,!.]*((thanks?|thank you)( very much| so much| a lot)?)?[\s!.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex YesWords();

    [GeneratedRegex(@"^\s*(是的?|有用|解决了|好了|可以了)[\s,，!！.。~]*(谢谢)?[\s!！.。~]*$")]
    private static partial Regex YesChinese();

    [GeneratedRegex(@"^\s*(no|nope|not really|it didn'?t( help)?|didn'?t help|still( not)?|none of (these|them)( helped)?)[\s,!.]*(thanks?( you)?|thank you)?[\s!.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex NoWords();

    [GeneratedRegex(@"^\s*(没有|不是|没用|不行|还是不行|都不行|都没用)[\s,，!！.。~]*$")]
    private static partial Regex NoChinese();
}
