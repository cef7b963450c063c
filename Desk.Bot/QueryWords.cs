namespace Desk.Bot;

// What the desk's query types and queues mean, in words a user would use.
internal static class QueryWords
{
    static readonly Dictionary<string, (string English, string Chinese)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["incident"] = ("something not working as it should (an incident)", "服务出现故障或异常（事件）"),
        ["disaster"] = ("a major outage (a disaster)", "重大服务中断（灾难）"),
        ["service_request"] = ("a request for something we provide (a service request)", "申请我们提供的服务（服务请求）"),
        ["change_request"] = ("a request to change something (a change request)", "变更某项内容的申请（变更请求）"),
        ["complaint"] = ("a complaint about our service", "对我们服务的投诉"),
        ["compliment"] = ("a compliment, thank you", "对我们的表扬，谢谢您"),
        ["improvement_suggestion"] = ("a suggestion to improve something", "改进建议"),
        ["security_event"] = ("a possible security threat", "可能的安全威胁"),
        ["consultation"] = ("a question", "咨询问题"),
    };

    static readonly Dictionary<string, (string English, string Chinese)> Queues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["incident-management"] = ("incident management", "事件管理"),
        ["service-continuity"] = ("service continuity", "服务连续性管理"),
        ["service-requests"] = ("service requests", "服务请求管理"),
        ["change-enablement"] = ("change enablement", "变更实施"),
        ["relationship-management"] = ("relationship management", "关系管理"),
        ["continual-improvement"] = ("continual improvement", "持续改进"),
        ["information-security"] = ("information security", "信息安全"),
        ["service-desk"] = ("service desk", "服务台"),
        ["triage"] = ("triage", "分派"),
    };

    // Short enough for a button; a tapped button comes back as the user's message, so each maps back to its type.
    static readonly Dictionary<string, (string English, string Chinese)> Choices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["incident"] = ("Something isn't working", "有东西坏了"),
        ["disaster"] = ("A major outage", "重大中断"),
        ["service_request"] = ("I need something", "我需要某项服务"),
        ["change_request"] = ("Change something", "变更申请"),
        ["complaint"] = ("A complaint", "投诉"),
        ["compliment"] = ("A compliment", "表扬"),
        ["improvement_suggestion"] = ("A suggestion", "建议"),
        ["security_event"] = ("A security concern", "安全问题"),
        ["consultation"] = ("A question", "咨询"),
    };

    public static string Choice(string type, BotLanguage language) => Pick(Choices, type, language, (type, type));

    /// <summary>The type a tapped (or typed) choice stands for, in either language; also the type's own code.</summary>
    public static string? TypeOfChoice(string text)
    {
        var said = text.Trim().TrimEnd('.', '!', '。', '！');
        foreach (var (type, (english, chinese)) in Choices)
            if (said.Equals(english, StringComparison.OrdinalIgnoreCase) || said == chinese
                || said.Equals(type, StringComparison.OrdinalIgnoreCase))
                return type;
        return null;
    }

    public static string Type(string type, BotLanguage language) =>
        Pick(Types, type, language, ("a query", "一般请求"));

    public static string Queue(string queue, BotLanguage language) =>
        Pick(Queues, queue, language, (queue.Replace('-', ' '), queue));

    static string Pick(Dictionary<string, (string English, string Chinese)> words, string key, BotLanguage language,
        (string English, string Chinese) otherwise)
    {
        var (english, chinese) = words.GetValueOrDefault(key, otherwise);
        return language == BotLanguage.Chinese ? chinese : english;
    }
}
