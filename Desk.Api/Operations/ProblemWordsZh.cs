using System.Text.RegularExpressions;

namespace Desk.Api.Operations;

/// <summary>
/// The desk's refusals in Chinese, for <see cref="ProblemLanguage"/>. A phrase is the English message as the code writes
/// it, with <c>{name}</c> where it fills in a value, beside its Chinese: the value is kept as it is (a reference, a
/// number, a list of codes); <c>{problem}</c> is a message of its own, translated in turn; <c>{field}</c> is a field's English name, said in Chinese when <see cref="Fields"/> has it
/// and otherwise kept in 「」. Phrases are tried in order and the first whose whole shape matches wins, so a longer
/// phrase comes before a shorter one it starts like. The English stays the contract: change it here when it changes there
/// (ProblemWordsTests checks that every phrase still translates its own English).
/// </summary>
internal static partial class ProblemWordsZh
{
    // A refusal may quote what the client sent, and a phrase's lazy slots backtrack: a message longer than this is left
    // in English, and no phrase may take longer than the timeout to try, so no client can make a refusal expensive.
    const int MaxLength = 1_000;
    static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    public sealed record Phrase(string English, string Chinese)
    {
        // A slot may be empty: a refusal quotes back what was sent, and '' is what was sent.
        public Regex Pattern { get; } = new("^" + Slot().Replace(Regex.Escape(English), m => $"(?<{m.Groups[1].Value}>.*?)") + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
    }

    static Phrase Zh(string english, string chinese) => new(english, chinese);

    /// <summary>Every phrase, in the order they are tried.</summary>
    public static IReadOnlyList<Phrase> Phrases { get; } = [.. Framework, .. TextAndFields, .. QueryPhrases, .. PortalPhrases, .. AdminPhrases, .. Shapes];

    /// <summary>The message in Chinese, or null when no phrase has its shape.</summary>
    public static string? Translate(string english) => Translate(Phrases, english);

    /// <summary>The text in Chinese by the first of <paramref name="phrases"/> that has its shape, or null when none has.</summary>
    public static string? Translate(IReadOnlyList<Phrase> phrases, string english)
    {
        if (english.Length > MaxLength)
            return null;
        foreach (var phrase in phrases)
        {
            Match match;
            try
            {
                match = phrase.Pattern.Match(english);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }
            if (!match.Success)
                continue;
            return Slot().Replace(phrase.Chinese, m => m.Groups[1].Value is var name && name.StartsWith("field", StringComparison.Ordinal)
                ? Field(match.Groups[name].Value)
                : name == "problem" ? Translate(match.Groups[name].Value) ?? match.Groups[name].Value : match.Groups[name].Value);
        }
        return null;
    }

    public static string? Title(string english) => Titles.GetValueOrDefault(english) ?? Translate(english);

    /// <summary>A field as the messages name it ("Display name", "The search"), in Chinese; one it does not know in 「」.</summary>
    public static string Field(string english) =>
        Fields.TryGetValue(english, out var zh) ? zh : $"「{english}」";

    [GeneratedRegex(@"\\?\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Slot();

    static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Text"] = "正文", ["Body"] = "正文", ["Reason"] = "原因", ["Note"] = "备注", ["Name"] = "名称", ["Title"] = "标题",
        ["Summary"] = "摘要", ["Keywords"] = "关键词", ["Display name"] = "显示名称", ["Comment"] = "评论", ["Confirm"] = "确认内容",
        ["Contact address"] = "联系地址", ["Assignee"] = "处理人", ["Owner"] = "负责人", ["Search text"] = "搜索文本",
        ["The search"] = "搜索内容", ["Into"] = "保留的查询", ["Reference"] = "查询编号", ["Service"] = "服务",
        ["Resolution"] = "解决说明", ["A translation"] = "译文", ["Justification"] = "理由", ["The activity id"] = "活动 ID",
        ["The conversation id"] = "对话 ID", ["Status"] = "状态", ["Channel"] = "渠道", ["Language"] = "语言", ["Kind"] = "类型",
        ["Type"] = "类型", ["Role"] = "角色", ["Sort"] = "排序", ["Priority"] = "优先级", ["Impact"] = "影响", ["Urgency"] = "紧急度",
        ["Polarity"] = "倾向", ["Decision"] = "决定", ["Rule"] = "规则", ["Scopes"] = "权限范围", ["SLA state"] = "SLA 状态",
        ["by"] = "分组方式 by", ["format"] = "格式 format", ["Limit"] = "数量上限", ["Offset"] = "偏移量", ["Headline"] = "标题",
        ["Notice"] = "通知", ["Subject"] = "主题", ["DisplayName"] = "显示名称", ["Username"] = "用户名", ["Password"] = "密码",
        ["CurrentPassword"] = "当前密码", ["NewPassword"] = "新密码", ["Filters"] = "筛选条件", ["Contact"] = "联系人", ["Address"] = "地址",
        ["Code"] = "验证码", ["The first response target"] = "首次响应时限", ["The next response target"] = "下次响应时限",
        ["The resolution target"] = "解决时限",
        // The framework's DataAnnotations members as AnnotationMessages names them.
        ["New password"] = "新密码", ["Current password"] = "当前密码", ["Score"] = "分数", ["Catalog item"] = "目录项目", ["Slug"] = "Slug",
        ["The scope list"] = "权限范围", ["The filter set"] = "筛选条件", ["Published (true or false)"] = "是否发布（true 或 false）",
    };

    static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        // The framework's own titles (ProblemDetailsDefaults, ValidationProblem).
        ["One or more validation errors occurred."] = "请求中有字段未通过校验。",
        ["Bad Request"] = "请求有误", ["Unauthorized"] = "未登录", ["Forbidden"] = "无权执行", ["Not Found"] = "未找到",
        ["Method Not Allowed"] = "不支持此方法", ["Not Acceptable"] = "无法以所要求的格式回答", ["Conflict"] = "冲突",
        ["Payload Too Large"] = "请求体过大", ["Content Too Large"] = "请求体过大", ["Unsupported Media Type"] = "不支持的内容类型", ["Too Many Requests"] = "请求过多",
        ["Service Unavailable"] = "暂时无法服务", ["Database unreachable"] = "无法连接数据库",
        ["Precondition Failed"] = "前提条件不成立", ["Unprocessable Entity"] = "无法处理的内容",
        ["An error occurred while processing your request."] = "处理请求时出错。",
        // The desk's own.
        ["Cross-origin request refused"] = "已拒绝跨来源请求", ["Request too large"] = "请求过大", ["Too many requests"] = "请求过多",
        ["Unsupported charset"] = "不支持的字符集", ["Account locked"] = "账户已锁定", ["Address not linked"] = "地址未关联",
        ["Cannot lock yourself out"] = "不能把自己锁在门外", ["Cannot merge"] = "无法合并", ["Changed since you read it"] = "读取后已被修改",
        ["Code locked"] = "验证码已锁定", ["Contact not found"] = "未找到联系人", ["Conversation held"] = "对话已有人接手",
        ["Conversation not found"] = "未找到对话", ["Idempotency-Key reused"] = "Idempotency-Key 被重复使用",
        ["If-Match required"] = "需要 If-Match", ["Import too large"] = "导入文件过大", ["Malformed labelled CSV"] = "带标签的 CSV 格式有误",
        ["Name taken"] = "名称已被使用", ["No active model"] = "没有启用中的模型", ["No file"] = "没有文件",
        ["No retraining run is going"] = "没有正在进行的重新训练", ["No such article"] = "没有此文章", ["No such canned reply"] = "没有此预设回复",
        ["No such contact"] = "没有此联系人", ["No such import"] = "没有此导入", ["No such improvement"] = "没有此改进项",
        ["No such link"] = "没有此关联", ["No such model version"] = "没有此模型版本", ["No such moment"] = "没有此关键时刻",
        ["No such outage"] = "没有此故障", ["No such queue"] = "没有此队列", ["No such override"] = "没有此越权记录", ["No such query"] = "没有此查询",
        ["No such staff member"] = "没有此员工", ["No such survey"] = "没有此调查", ["No such view"] = "没有此视图",
        ["No survey"] = "没有调查", ["Not a form"] = "不是表单", ["Not a message to send again"] = "不是可重发的消息",
        ["Not an agent"] = "不是坐席", ["Not found"] = "未找到", ["Not open"] = "未开放", ["Not possible now"] = "现在无法执行",
        ["Not signed by Twilio"] = "没有 Twilio 签名", ["Not signed in"] = "未登录", ["Not your view"] = "不是你的视图",
        ["Query closed"] = "查询已关闭", ["Query not found"] = "未找到查询", ["Restricted queue"] = "受限队列",
        ["Retraining is running"] = "正在重新训练", ["Reviewed already"] = "已审核", ["Sign-in failed"] = "登录失败",
        ["Slug taken"] = "Slug 已被使用", ["Someone replied meanwhile"] = "期间已有人回复", ["Stored model cannot be loaded"] = "无法加载已存储的模型",
        ["The team's reply"] = "团队的回复", ["Too many codes"] = "验证码请求过多", ["No codes can be sent"] = "无法发送验证码", ["Too many views"] = "视图过多", ["Title taken"] = "标题已被使用",
        ["Unreadable form"] = "无法读取的表单", ["Unreadable upload"] = "无法读取的上传", ["Unsupported content type"] = "不支持的内容类型",
        ["Username taken"] = "用户名已被使用", ["Your own override"] = "你自己的越权",
    };
}
