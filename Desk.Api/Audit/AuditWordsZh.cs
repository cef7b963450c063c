using Desk.Api.Operations;
using static Desk.Api.Operations.ProblemWordsZh;

namespace Desk.Api.Audit;

/// <summary>
/// The audit log's details in Chinese, for an admin page that asks for it: the desk stores each detail as English (what
/// the API gives every other client), and the list says it again in Chinese by the phrases of its kind, as
/// <see cref="ProblemWordsZh"/> does for refusals. Values (a reason, a version, a code) stay as they were written; a detail
/// no phrase fits, or one that is JSON for the page to lay out (an SLA or queue change), stays as it is.
/// </summary>
internal static class AuditWordsZh
{
    static Phrase Zh(string english, string chinese) => new(english, chinese);

    /// <summary>Each kind's phrases, in the order they are tried: a longer one before a shorter one it starts like.</summary>
    public static IReadOnlyDictionary<string, Phrase[]> Phrases { get; } = new Dictionary<string, Phrase[]>
    {
        [AuditKinds.ApiKeyThrottled] = [Zh("Request rate over the key's limit.", "请求频率超过该密钥的上限。")],
        [AuditKinds.SignInThrottled] = [Zh("Too many sign-in attempts from one address.", "同一地址的登录尝试过多。")],
        [AuditKinds.SignInLocked] = [Zh("Locked until {until} after repeated wrong passwords.", "密码多次错误，锁定至 {until}。")],
        [AuditKinds.PasswordChanged] = [Zh("Changed by the member; all sessions ended.", "由本人修改；所有会话已结束。")],
        [AuditKinds.StaffCreated] = [Zh("Role {role}.", "角色 {role}。")],
        [AuditKinds.ApiKeyIssued] = [Zh("Prefix {prefix}, scopes {scopes}.", "前缀 {prefix}，权限范围 {scopes}。")],
        [AuditKinds.ArticleCreated] = Article,
        [AuditKinds.ArticleChanged] = Article,
        [AuditKinds.ArticleDeleted] = Article,
        [AuditKinds.ContactErased] =
        [
            Zh("Erased {identities} identities and the personal data of {queries} queries: {reason}",
                "已抹除 {identities} 个身份及 {queries} 个查询中的个人数据：{reason}"),
        ],
        [AuditKinds.ContactMerged] = [Zh("Merged into contact {id} (merge {merge}): {reason}", "已合并到联系人 {id}（合并 {merge}）：{reason}")],
        [AuditKinds.ContactUnmerged] = [Zh("Taken back out of contact {id} (merge {merge}): {reason}", "已从联系人 {id} 中拆回（合并 {merge}）：{reason}")],
        [AuditKinds.QueryMerged] = [Zh("Merged into {reference}: {reason}", "已合并到 {reference}：{reason}")],
        [AuditKinds.OutageResolved] =
        [
            Zh("{count} queries resolved: {resolution}", "已解决 {count} 个查询：{resolution}"),
            Zh("{count} queries resolved", "已解决 {count} 个查询"),
        ],
        [AuditKinds.OverrideReviewed] =
        [
            Zh("{decision} {actor}'s override of {rule}: {note}", "审核 {actor} 对规则 {rule} 的推翻，决定 {decision}：{note}"),
            Zh("{decision} {actor}'s override of {rule}.", "审核 {actor} 对规则 {rule} 的推翻，决定 {decision}。"),
        ],
        [AuditKinds.ImprovementStatusChanged] =
        [
            Zh("{from} to {to}: {note}", "{from} 改为 {to}：{note}"),
            Zh("{from} to {to}.", "{from} 改为 {to}。"),
        ],
        [AuditKinds.ClassifierRetrainCancelled] = [Zh("Retraining run stopped; its candidate is not kept.", "重新训练已停止；其候选模型不予保留。")],
        [AuditKinds.ClassifierRetrained] =
        [
            Zh("{outcome}: macro-F1 {candidate} against {active} {activeF1} on {count} held-back examples.",
                "{outcome}：在 {count} 个保留样本上宏平均 F1 为 {candidate}，对比 {active} 的 {activeF1}。"),
        ],
        [AuditKinds.ClassifierModelActivated] = [Zh("In place of {version}.", "取代 {version}。")],
        [AuditKinds.ClassifierExamplesImported] =
        [
            Zh("{count} labelled examples (import {import}).", "{count} 个标注样本（导入 {import}）。"),
            Zh("{count} labelled examples.", "{count} 个标注样本。"),
        ],
        [AuditKinds.ClassifierImportRemoved] = [Zh("{count} labelled examples deleted.", "已删除 {count} 个标注样本。")],
    };

    static Phrase[] Article =>
    [
        Zh("{language}, version {version}, published.", "{language}，第 {version} 版，已发布。"),
        Zh("{language}, version {version}, unpublished.", "{language}，第 {version} 版，未发布。"),
    ];

    /// <summary>What a staff change lists, "; " between them (<see cref="Identity.StaffApi"/>).</summary>
    public static IReadOnlyList<Phrase> StaffChanges { get; } =
    [
        Zh("disabled", "已停用"),
        Zh("enabled", "已启用"),
        Zh("role {from} to {to}", "角色 {from} 改为 {to}"),
        Zh("display name", "显示名称已改"),
        Zh("password reset", "密码已重置"),
        Zh("handed back {queries} open queries and {chats} live chats", "交回 {queries} 个未结查询和 {chats} 个进行中的聊天"),
    ];

    /// <summary>The detail in Chinese, or as it was when no phrase fits.</summary>
    public static string? Say(string kind, string? detail)
    {
        if (string.IsNullOrEmpty(detail))
            return detail;
        if (kind == AuditKinds.StaffChanged)
        {
            var parts = detail.TrimEnd('.').Split("; ").Select(part => Translate(StaffChanges, part)).ToList();
            return parts.Any(p => p is null) ? detail : string.Join("；", parts) + "。";
        }
        // The others (an SLA or queue change's JSON, an outage's title as its author wrote it) stay as they are.
        return Phrases.TryGetValue(kind, out var phrases) ? Translate(phrases, detail) ?? detail : detail;
    }
}
