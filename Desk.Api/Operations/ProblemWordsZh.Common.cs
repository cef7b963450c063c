namespace Desk.Api.Operations;

// The framework's refusals as BadRequests and the middleware say them, the text rules every field goes through, and the
// shapes many fields share ("X must be one of: …").
internal static partial class ProblemWordsZh
{
    static Phrase[] Framework =>
    [
        Zh("'{name}' is not of the kind this request takes (a number, a date, true or false, a known name).",
            "「{name}」的值类型不对（应为数字、日期、true 或 false、或已知的名称）。"),
        Zh("A value in the address or its query string is not of the kind this request takes (a number, a date, a known name).",
            "地址或查询字符串中的某个值类型不对（应为数字、日期或已知的名称）。"),
        Zh("Sign in, or send an API key in the X-Api-Key header.", "请先登录，或在 X-Api-Key 请求头中发送 API 密钥。"),
        Zh("The jobs dashboard refused this: your role may only read it, or the page is stale (reload it and try again).",
            "任务面板拒绝了此操作：你的角色只能查看，或页面已过期（请刷新后重试）。"),
        Zh("Your role, or your API key's scopes, do not allow this.", "你的角色或 API 密钥的权限范围不允许此操作。"),
        Zh("Nothing is at this address.", "此地址下没有内容。"),
        Zh("The body is larger than this request takes.", "请求体超出了此请求允许的大小。"),
        Zh("This request takes a JSON body, sent as application/json.", "此请求需要以 application/json 发送的 JSON 请求体。"),
        Zh("This request does not take a JSON body; /openapi/v1.json says what it takes (a CSV import: text/csv or multipart/form-data).",
            "此请求不接受 JSON 请求体；/openapi/v1.json 说明它接受什么（CSV 导入：text/csv 或 multipart/form-data）。"),
        Zh("The body is not the JSON this request takes: {problem} at {path} (line {line}, byte {position}).",
            "请求体不是此请求所需的 JSON：{problem}，位置 {path}（第 {line} 行，第 {position} 字节）。"),
        Zh("The body is not the JSON this request takes: {problem} at {path}.", "请求体不是此请求所需的 JSON：{problem}，位置 {path}。"),
        Zh("The body is not the JSON this request takes: {problem}.", "请求体不是此请求所需的 JSON：{problem}。"),
        Zh("a value is not true or false", "某个值不是 true 或 false"),
        Zh("a value is not a string", "某个值不是字符串"),
        Zh("a value is not a whole number", "某个值不是整数"),
        Zh("a value has the wrong type", "某个值类型不对"),
        Zh("a property is given twice", "某个属性出现了两次"),
        Zh("it cannot be read", "无法读取"),
        Zh("The request needs a JSON body.", "此请求需要 JSON 请求体。"),
        Zh("The body must be a JSON object with the fields this request takes.", "请求体必须是包含此请求所需字段的 JSON 对象。"),
        Zh("The body is over {size} KiB.", "请求体超过 {size} KiB。"),
        Zh("The body's charset '{charset}' is not one the desk reads; send UTF-8.", "服务台无法读取字符集「{charset}」；请以 UTF-8 发送。"),
        Zh("A request that changes something without an API key must come from the desk's own console or portal ({reason}).",
            "不带 API 密钥的修改请求必须来自服务台自己的控制台或门户（{reason}）。"),
        Zh("Too many requests; try again later.", "请求过多，请稍后再试。"),
        Zh("The desk cannot reach its database just now; try again shortly.", "服务台暂时无法连接其数据库，请稍后重试。"),
    ];

    static Phrase[] TextAndFields =>
    [
        // PasswordRules.
        Zh("A password needs at least {n} characters.", "密码至少需要 {n} 个字符。"),
        Zh("A password may have at most {n} characters.", "密码最多 {n} 个字符。"),
        Zh("A password cannot be only spaces.", "密码不能只有空格。"),
        Zh("A password cannot hold control characters or broken UTF-16.", "密码不能含控制字符或损坏的 UTF-16。"),
        Zh("A password cannot contain the username.", "密码不能包含用户名。"),
        Zh("A password cannot be a run of repeated or consecutive characters; a few words you will remember are better.",
            "密码不能是一串重复或连续的字符；用几个你记得住的词更好。"),
        Zh("That password is one of the first that guessing tries; choose another.", "这个密码是猜测时最先尝试的密码之一；请换一个。"),
        Zh("The new password must differ from the current one.", "新密码必须与当前密码不同。"),
        Zh("The current password is wrong.", "当前密码不正确。"),
        // Contact addresses.
        Zh("Contact address must be one e-mail address (name@example.org), with no display name, spaces or control characters.",
            "联系地址必须是单个电子邮件地址（name@example.org），不带显示名称、空格或控制字符。"),
        Zh("Contact address must be a phone number in international form (+44 20 7946 0958): no default region is configured.",
            "联系地址必须是国际格式的电话号码（+44 20 7946 0958）：未配置默认地区。"),
        Zh("Contact address is not a valid phone number.", "联系地址不是有效的电话号码。"),
        Zh("Contact channel must be a short lowercase token such as email, sms or msteams.",
            "联系渠道必须是简短的小写标识，例如 email、sms 或 msteams。"),
        Zh("Contact identity (channel and address) is required.", "必须提供联系身份（渠道和地址）。"),
        Zh("Channel must be a short lowercase token such as directline or msteams.", "渠道必须是简短的小写标识，例如 directline 或 msteams。"),
        Zh("There is no queue '{queue}'. Leave it out for a reply offered in every queue.", "没有队列「{queue}」。不填则在所有队列中提供此回复。"),
        Zh("There is no queue '{queue}'.", "没有队列「{queue}」。"),
        Zh("'{queue}' is not a queue.", "「{queue}」不是队列。"),
        Zh("There is no query type '{type}'.", "没有查询类型「{type}」。"),
        Zh("'{item}' is not an option of the request catalog.", "「{item}」不是请求目录中的选项。"),
        Zh("The cursor is not one this API gave out.", "此游标不是本 API 给出的。"),
        Zh("The cursor pages the newest sort only (sort=newest); page the urgency sort by offset.",
            "游标只用于按最新排序分页（sort=newest）；按紧急度排序请用 offset 分页。"),
        Zh("Page by the cursor or by offset, not both.", "请用游标或 offset 分页，不能同时使用。"),
        Zh("to must be a date before 9999-12-31.", "to 必须是 9999-12-31 之前的日期。"),
        Zh("to must not be before from.", "to 不能早于 from。"),
        Zh("At most {n} days at a time.", "一次最多 {n} 天。"),
        Zh("After must be an event id.", "after 必须是事件 ID。"),
        Zh("Before is an override's id.", "before 必须是越权记录的 ID。"),
        Zh("This Idempotency-Key was already used for a different request.", "此 Idempotency-Key 已用于另一个请求。"),
        Zh("Send If-Match with the ETag you read, so that an edit made since is not overwritten.",
            "请在 If-Match 中发送你读到的 ETag，以免覆盖在此期间的修改。"),
    ];

    // Shapes many fields share, tried last: every specific phrase comes before.
    static Phrase[] Shapes =>
    [
        // TextRules: every text field; the framework's DataAnnotations messages are said the same way (AnnotationMessages).
        Zh("{field} is required: it has no visible characters.", "{field}不能为空：其中没有可见字符。"),
        Zh("{field} is required.", "{field}不能为空。"),
        Zh("{field} is longer than {n} characters.", "{field}超过 {n} 个字符。"),
        Zh("{field} needs at least {n} characters.", "{field}至少需要 {n} 个字符。"),
        Zh("{field} holds control characters or broken UTF-16 (lone surrogates).", "{field}含有控制字符或损坏的 UTF-16（孤立代理项）。"),
        Zh("{field} is one line, without tabs or bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).",
            "{field}只能是一行，不能含制表符或双向控制字符（U+202A–U+202E、U+2066–U+2069、U+200E、U+200F、U+061C）。"),
        // Fields that take one of a few values.
        Zh("Priority must be P1, P2, P3 or P4.", "优先级必须是 P1、P2、P3 或 P4。"),
        Zh("Status must be active or one of: {list}.", "状态必须是 active 或以下之一：{list}。"),
        Zh("Type must be * or one of: {list}.", "类型必须是 * 或以下之一：{list}。"),
        Zh("Scopes must be one or more of: {list}.", "权限范围必须是以下一项或多项：{list}。"),
        Zh("{field} must be one of: {list}.", "{field}必须是以下之一：{list}。"),
        Zh("{field} must be from {min} to {max}.", "{field}必须在 {min} 到 {max} 之间。"),
        Zh("{field} must be between {min} and {max}.", "{field}必须在 {min} 到 {max} 之间。"),
        Zh("{field} must be 1 to 200 characters.", "{field}必须是 1 到 200 个字符。"),
        Zh("{field} must be {a}, {b} or {c}.", "{field}必须是 {a}、{b} 或 {c}。"),
        Zh("{field} must be {a} or {b}.", "{field}必须是 {a} 或 {b}。"),
    ];
}
