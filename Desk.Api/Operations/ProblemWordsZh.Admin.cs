namespace Desk.Api.Operations;

// The portal's codes, sessions and requests; sign-in; the admin page's staff, keys, classifier, SLA and routing; the
// webhooks and reports.
internal static partial class ProblemWordsZh
{
    static Phrase[] PortalPhrases =>
    [
        Zh("The code is wrong or no longer valid. Check it, or ask for a new one.", "验证码错误或已失效。请检查，或申请新的验证码。"),
        Zh("Code must be the six digits that were sent.", "验证码必须是发送给你的六位数字。"),
        Zh("Too many codes were asked for this address or from here; try again after the time in Retry-After.",
            "为此地址或从此处申请的验证码过多；请在 Retry-After 所示时间之后再试。"),
        Zh("Too many wrong tries for this code; ask for a new code.", "此验证码错误尝试次数过多；请申请新的验证码。"),
        Zh("Sign in to the portal with a code sent to your e-mail address or phone.", "请用发送到你的电子邮箱或手机的验证码登录门户。"),
        Zh("This desk sends no e-mail; sign in with a phone number.", "本服务台不发送电子邮件；请用手机号码登录。"),
        Zh("This desk sends no SMS; sign in with an e-mail address.", "本服务台不发送短信；请用电子邮件地址登录。"),
        Zh("The contact that held the address cannot be merged.", "持有该地址的联系人无法合并。"),
        Zh("Say whether the article helped: true or false.", "请说明文章是否有帮助：true 或 false。"),
        Zh("Fields belong to a catalog item; choose one.", "字段属于某个目录项；请先选择一项。"),
        Zh("{item} is not in your catalog.", "{item} 不在你的目录中。"),
        Zh("Text and fields together must be at most {n} characters.", "正文和字段合计最多 {n} 个字符。"),
        Zh("{item} has no field '{name}'.", "{item} 没有字段「{name}」。"),
        Zh("You have no survey {id}.", "你没有调查 {id}。"),
    ];

    static Phrase[] AdminPhrases =>
    [
        // Sign-in and staff.
        Zh("Unknown username or wrong password.", "用户名不存在或密码错误。"),
        Zh("Too many wrong passwords for this account; try again after the time in Retry-After.", "此账户密码错误次数过多；请在 Retry-After 所示时间之后再试。"),
        Zh("Use 1 to 100 lower-case letters, digits, '.', '_' or '-'.", "请使用 1 到 100 个小写字母、数字、'.'、'_' 或 '-'。"),
        Zh("'{name}' is a word the desk uses itself (a list filter, or the name it writes on timelines); choose another.",
            "「{name}」是服务台自己使用的词（列表筛选条件，或写在时间线上的名称）；请另选一个。"),
        Zh("There is already a staff member '{name}'.", "已有员工「{name}」。"),
        Zh("No staff member '{name}'.", "没有员工「{name}」。"),
        Zh("Nobody is called '{name}'.", "没有人叫「{name}」。"),
        Zh("An admin cannot disable or demote their own account; ask another admin.", "管理员不能停用或降级自己的账户；请让另一位管理员操作。"),
        Zh("No active API key {id}.", "没有有效的 API 密钥 {id}。"),
        // Overrides.
        Zh("Override {id} has a review; reviews are not changed.", "越权记录 {id} 已有审核；审核不可更改。"),
        Zh("An override is reviewed by someone other than who made it.", "越权须由其他人审核，而不是由越权者本人。"),
        Zh("Decision must be accept or propose_change.", "决定必须是 accept 或 propose_change。"),
        Zh("A proposed rule change needs a note: what should the rule say?", "提议修改规则需要备注：规则应如何规定？"),
        // Classifier.
        Zh("'{source}' was rejected whole; nothing was imported.", "「{source}」被整体拒绝；没有导入任何内容。"),
        Zh("The upload is not a readable multipart/form-data body.", "上传内容不是可读取的 multipart/form-data 请求体。"),
        Zh("No import {n} is recorded; GET /api/classifier/imports lists them.", "没有记录导入 {n}；GET /api/classifier/imports 可列出全部导入。"),
        Zh("A retraining run is going; its candidate shows in GET /api/classifier/models when it ends. Ask again then.",
            "正在重新训练；结束后候选模型会出现在 GET /api/classifier/models 中。届时再试。"),
        Zh("There is no run to stop; POST /api/classifier/retrain starts one.", "没有可停止的训练；POST /api/classifier/retrain 可开始一次。"),
        Zh("No classifier model is recorded as active.", "没有记录为启用的分类模型。"),
        Zh("A model version is ASCII letters, digits, '-', '_' and '.', as GET /api/classifier/models lists them.",
            "模型版本由 ASCII 字母、数字、'-'、'_' 和 '.' 组成，与 GET /api/classifier/models 所列一致。"),
        Zh("No classifier model {version} is stored.", "没有存储分类模型 {version}。"),
        Zh("The file is over {n} KiB (ClassifierTraining:MaxImportBytes).", "文件超过 {n} KiB（ClassifierTraining:MaxImportBytes）。"),
        Zh("Attach the CSV as a form field named 'file'.", "请将 CSV 作为名为 'file' 的表单字段附上。"),
        Zh("The charset '{charset}' is not one the desk reads; send the CSV as UTF-8.", "服务台无法读取字符集「{charset}」；请以 UTF-8 发送 CSV。"),
        Zh("Send the CSV as multipart/form-data (field 'file') or as a text/csv body.", "请以 multipart/form-data（字段 'file'）或 text/csv 请求体发送 CSV。"),
        // SLA policies and calendars.
        Zh("Service level must be * or a short lowercase token such as standard or gold.", "服务级别必须是 *，或简短的小写标识，例如 standard 或 gold。"),
        Zh("{field} must be whole seconds, at least one second and at most 365 days.", "{field}必须是整秒数，至少 1 秒，最多 365 天。"),
        Zh("The first response cannot be due after the resolution.", "首次响应的截止时间不能晚于解决的截止时间。"),
        Zh("No calendar has that name.", "没有这个名称的日历。"),
        Zh("{calendar} does not give {target} of working time within five years: choose a shorter target or a calendar with more hours.",
            "{calendar} 在五年内给不出 {target} 的工作时间：请选择更短的目标或工作时间更多的日历。"),
        Zh("A calendar name is a short lowercase token such as office-hours.", "日历名称是简短的小写标识，例如 office-hours。"),
        Zh("Time zone must be an IANA zone such as Europe/Amsterdam or Asia/Shanghai.", "时区必须是 IANA 时区，例如 Europe/Amsterdam 或 Asia/Shanghai。"),
        Zh("'{day}' is not a day: use mon, tue, wed, thu, fri, sat, sun.", "「{day}」不是星期几：请用 mon、tue、wed、thu、fri、sat、sun。"),
        Zh("Give at least one window, or leave windows out for 24×7.", "请至少给出一个时间段，或不填 windows 表示 24×7。"),
        Zh("Holidays are at most 1,000 dates such as 2026-12-25.", "节假日最多 1,000 个日期，例如 2026-12-25。"),
        Zh("The policy {policy} on this calendar needs {target} of working time, which these windows and holidays do not give within five years.",
            "此日历上的策略 {policy} 需要 {target} 的工作时间，而这些时间段和节假日在五年内给不出。"),
        Zh("'{window}' is not a window such as 08:00-17:30.", "「{window}」不是时间段，应如 08:00-17:30。"),
        Zh("'{a}' and '{b}' overlap on {day}: give each hour once.", "「{a}」与「{b}」在 {day} 重叠：每个小时只能给一次。"),
        // Routing: agents' queues, languages and load; taking and releasing queries.
        Zh("'{queue}' is not a queue; queues are: {list}.", "「{queue}」不是队列；队列有：{list}。"),
        Zh("Languages must be 1 to 20 codes such as en or zh, or null for the desk's default.", "语言必须是 1 到 20 个代码，例如 en 或 zh，或为 null 表示服务台默认。"),
        Zh("MaxLoad must be from 1 to 1000, or null for the desk's default.", "maxLoad 必须在 1 到 1000 之间，或为 null 表示服务台默认。"),
        Zh("The query is {status}.", "该查询为 {status}。"),
        Zh("{holder} already has this query; to take it over, reassign it (the change is on its timeline).",
            "{holder} 已在处理此查询；如要接手，请重新指派（更改会记录在其时间线上）。"),
        Zh("Nobody has this query.", "没有人在处理此查询。"),
        Zh("{holder} has this query; only they or a supervisor can release it. To move it, reassign it.",
            "{holder} 正在处理此查询；只有其本人或主管可以释放。如要转移，请重新指派。"),
        Zh("{name} is a {role}: supervisors and admins see every queue.", "{name} 的角色是 {role}：主管和管理员能看到所有队列。"),
        Zh("Only an admin can give an agent the restricted queue '{queue}'.", "只有管理员才能给坐席分配受限队列「{queue}」。"),
        Zh("Restricted must be true or false; DELETE gives the queue back to configuration.", "restricted 必须是 true 或 false；用 DELETE 让队列回到配置的设置。"),
        // Webhooks, outbox, reports.
        Zh("Twilio posts application/x-www-form-urlencoded.", "Twilio 以 application/x-www-form-urlencoded 发送。"),
        Zh("MessageSid must be Twilio's message id (letters and digits).", "MessageSid 必须是 Twilio 的消息 ID（字母和数字）。"),
        Zh("The request has no valid X-Twilio-Signature for this desk's webhook URL.", "请求没有与本服务台 webhook URL 相符的有效 X-Twilio-Signature。"),
        Zh("The message is {state}; only one given up (failed) or of unknown delivery is sent again.",
            "该消息为 {state}；只有已放弃（失败）或投递情况未知的消息才会重发。"),
        Zh("feed is from 1 to 200 lines.", "feed 为 1 到 200 行。"),
    ];
}
