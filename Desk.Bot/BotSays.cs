namespace Desk.Bot;

// The rest of what the bot says in a conversation, in English and Chinese.
internal static class BotSays
{
    static string Say(BotLanguage language, string english, string chinese) => language == BotLanguage.Chinese ? chinese : english;

    public static BotAction NotRight(BotLanguage l) => Action(Say(l, "That's not right", "不对"));

    public static BotAction Person(BotLanguage l) => Action(Say(l, "Talk to a person", "转人工"));

    public static BotAction NewMatter(BotLanguage l) => Action(Say(l, "This is a new matter", "这是新问题"));

    public static BotAction SomethingElse(BotLanguage l) => Action(Say(l, "Something else", "其他"));

    public static BotAction StillNeedHelp(BotLanguage l) => Action(Say(l, "I still need help", "仍需帮助"));

    public static BotAction ArticleSolvedIt(BotLanguage l, int number) =>
        Action(Say(l, $"Article {number} solved it", $"第{number}篇解决了"));

    static BotAction Action(string title) => new(title, title);

    public static string AskType(BotLanguage l) => Say(l,
        "I want to get this to the right people, and I'm not sure I understood. Which is closest?",
        "为了转给合适的团队，我想确认一下我的理解。下面哪一项最接近？");

    public static string Articles(BotLanguage l, IReadOnlyList<BotArticle> articles)
    {
        var list = string.Join("\n", articles.Select((a, i) => $"{i + 1}. {a.Title}: {a.Summary}"));
        return Say(l,
            $"These articles may solve it right away:\n{list}\nDid one of them solve it? If not, I'll log it for our team.",
            $"这些文章也许能马上解决您的问题：\n{list}\n其中有一篇解决了吗？如果没有，我会为您登记，交给我们的团队。");
    }

    public static string Deflected(BotLanguage l) => Say(l,
        "Glad that solved it. If it comes back, just write here.",
        "很高兴问题解决了。如果问题再次出现，请直接在这里告诉我。");

    public static string FollowUpAdded(BotLanguage l, BotTicket ticket, UserClock clock) => Say(l,
        $"Added to {ticket.Reference}. {NextStep(BotLanguage.English, ticket, clock)}",
        $"已补充到 {ticket.Reference}。{NextStep(BotLanguage.Chinese, ticket, clock)}");

    public static string WhatIsTheNewMatter(BotLanguage l) => Say(l,
        "Of course. What is the new matter about?",
        "好的。请告诉我新问题是什么。");

    public static string AskCorrection(BotLanguage l, string reference) => Say(l,
        $"Sorry about that. What is {reference} about?",
        $"抱歉。{reference} 是关于哪一类的？");

    public static string Corrected(BotLanguage l, BotTicket ticket) => Say(l,
        $"Thanks, {ticket.Reference} is now {QueryWords.Type(ticket.Type, l)} and went to our {QueryWords.Queue(ticket.Queue, l)} team.",
        $"谢谢，{ticket.Reference} 已改为：{QueryWords.Type(ticket.Type, l)}，并转交{QueryWords.Queue(ticket.Queue, l)}团队。");

    public static string HandoffRequested(BotLanguage l, BotTicket ticket) => Say(l,
        $"I'm getting a person for you. Your reference is {ticket.Reference}. Please stay here: they will write in this chat, and anything you add meanwhile goes on {ticket.Reference}.",
        $"正在为您转接人工服务。您的编号是 {ticket.Reference}。请留在这里：工作人员会在此对话中回复您，您现在补充的信息也会记入 {ticket.Reference}。");

    public static string SmallTalk(BotLanguage l, string text, BotTicket? ticket) =>
        text.Contains("thank", StringComparison.OrdinalIgnoreCase) || text.Contains('谢')
            ? Say(l, ticket is null ? "You're welcome!" : $"You're welcome! {ticket.Reference} stays open until it is solved.",
                ticket is null ? "不客气！" : $"不客气！{ticket.Reference} 会保持打开，直到问题解决。")
            : ticket is not null
                // An "ok" or a hello while a query is open: where their next words go, not a fresh start.
                ? Say(l, $"{ticket.Reference} is open: anything you write here goes on it, and \"This is a new matter\" starts another.",
                    $"{ticket.Reference} 仍在处理中：您在这里写的内容都会补充到它上面；说“这是新问题”可以另开一个。")
                : Say(l, "Hello! Tell me in your own words what you need or what isn't working.",
                    "您好！请用您自己的话告诉我您需要什么或遇到了什么问题。");

    public static string NoTickets(BotLanguage l) => Say(l,
        "You have no open or recently resolved queries with us. Tell me what you need and I'll log it.",
        "您目前没有未完成或最近解决的请求。请告诉我您需要什么，我会为您登记。");

    public static string StatusOneToOne(BotLanguage l) => Say(l,
        "Everyone here can read my answers, so I tell you about your queries only when you write to me one-to-one.",
        "这里的每个人都能看到我的回答，所以请单独给我发消息，我再告诉您您的请求的情况。");

    public static string NotYours(BotLanguage l, string reference) => Say(l,
        $"I can't find {reference} among your queries. Check the reference, or ask for a person.",
        $"在您的请求中找不到 {reference}。请核对编号，或要求人工服务。");

    public static string Status(BotLanguage l, IReadOnlyList<BotTicket> tickets, UserClock clock) =>
        string.Join("\n\n", tickets.Select(t => Status(l, t, clock)));

    static string Status(BotLanguage l, BotTicket t, UserClock clock)
    {
        var last = t.LastAgentMessage is null
            ? ""
            : Say(l, $"\nLast from us ({clock.Format(t.LastAgentAt!.Value, l)}): \"{Shorten(t.LastAgentMessage)}\"",
                $"\n我们最近的答复（{clock.Format(t.LastAgentAt!.Value, l)}）：“{Shorten(t.LastAgentMessage)}”");
        return Say(l, $"{t.Reference}: {StatusWords(t.Status, l)}, priority {t.Priority}.", $"{t.Reference}：{StatusWords(t.Status, l)}，优先级 {t.Priority}。")
            + last + "\n" + NextStep(l, t, clock);
    }

    public static string NextStep(BotLanguage l, BotTicket t, UserClock clock) => t.Status switch
    {
        "waiting_for_user" => Say(l, "We are waiting for your answer: reply here.", "我们正在等待您的答复：请在这里回复。"),
        "resolved" => Say(l, "It was resolved. If the problem is back, say so here.", "问题已解决。如果问题再次出现，请在这里告诉我们。"),
        "closed" when t.MergedInto is { } into => Say(l, $"It was joined with {into}, the same matter: we follow it up there.",
            $"它已与同一件事的 {into} 合并：我们将在那里跟进。"),
        "closed" => Say(l, "It is closed. Tell me if you need anything else.", "该请求已关闭。如需其他帮助，请告诉我。"),
        "in_progress" => Say(l, $"Our team is working on it; resolution expected by {clock.Format(t.ResolutionDue, l)}.",
            $"我们的团队正在处理；预计解决不晚于 {clock.Format(t.ResolutionDue, l)}。"),
        // Once answered, the first response time is history: after a reopen the user's words wait for the next response.
        _ when (t.Answered ? t.NextResponseDue : t.FirstResponseDue) is { } answerBy => Say(l, $"A person will answer by {clock.Format(answerBy, l)}.",
            $"工作人员将在 {clock.Format(answerBy, l)} 前答复。"),
        _ => Say(l, $"Resolution expected by {clock.Format(t.ResolutionDue, l)}.", $"预计解决不晚于 {clock.Format(t.ResolutionDue, l)}。"),
    };

    static string StatusWords(string status, BotLanguage l) => status switch
    {
        "new" => Say(l, "received", "已收到"),
        "open" => Say(l, "open", "处理中"),
        "in_progress" => Say(l, "being worked on", "正在处理"),
        "waiting_for_user" => Say(l, "waiting for your answer", "等待您的答复"),
        "resolved" => Say(l, "resolved", "已解决"),
        "closed" => Say(l, "closed", "已关闭"),
        _ => status,
    };

    static string Shorten(string text) => TextCut.Shorten(text, 200);
}

/// <summary>What the desk tells a chat user when a person joins, leaves or cannot be found: the host sends these.</summary>
public static class BotNotices
{
    static string Say(BotLanguage language, string english, string chinese) => language == BotLanguage.Chinese ? chinese : english;

    public static string Joined(BotLanguage l, string agent) => Say(l,
        $"{agent} from the service desk has joined the conversation.",
        $"服务台的 {agent} 已加入对话。");

    public static string Released(BotLanguage l, string? reference, bool open = true) => Say(l,
        reference is null ? "You're back with the desk's assistant."
        : open ? $"You're back with the desk's assistant. {reference} stays open until it is solved."
        : $"You're back with the desk's assistant. {reference} is solved; if it comes back, just tell me.",
        reference is null ? "现在由服务台助手继续为您服务。"
        : open ? $"现在由服务台助手继续为您服务。{reference} 会保持打开，直到问题解决。"
        : $"现在由服务台助手继续为您服务。{reference} 已解决；如果问题再次出现，请告诉我。");

    /// <summary>The person chatting with the user can no longer (they left the desk's rota): the next free person takes over.</summary>
    public static string BackInQueue(BotLanguage l, string reference) => Say(l,
        $"The person who was chatting with you is no longer available. You're back in the queue, and the next free person will take over; {reference} stays open.",
        $"刚才与您交谈的工作人员已无法继续服务。您已重新排队，下一位有空的工作人员会接手；{reference} 会保持打开。");

    /// <summary>Staff linked the user's query to a declared major outage: it is known, and they will hear when it is fixed.</summary>
    public static string OutageLinked(BotLanguage l, string reference, string title) => Say(l,
        $"{reference} is part of a known major outage: {title}. We're working on it and will tell you when it's fixed; there's no need to report it again.",
        $"{reference} 属于一个已知的重大故障：{title}。我们正在处理，修复后会通知您；无需再次报告。");

    /// <summary>What a user is told when their query changes in a way they should know, or null when it needs no word.</summary>
    public static string? StatusChanged(BotLanguage l, string reference, string status, string? reason) => status switch
    {
        "resolved" => Say(l,
            $"{reference} is resolved{(reason is null ? "." : ": " + Ended(reason, l))} If the problem is back, just say so here.",
            $"{reference} 已解决{(reason is null ? "。" : "：" + Ended(reason, l))}如果问题再次出现，请直接在这里告诉我们。"),
        "waiting_for_user" => Say(l,
            $"We need something from you to go on with {reference}{(reason is null ? "." : ": " + Ended(reason, l))} Please answer here; its time frame is paused until you do.",
            $"{reference} 需要您提供信息才能继续处理{(reason is null ? "。" : "：" + Ended(reason, l))}请在这里回复；在您答复之前，处理时限暂停计算。"),
        _ => null,
    };

    /// <summary>
    /// A reason staff wrote, ending the sentence it is put in: its own full stop is not doubled, one is added in the
    /// language's form where it has none, and a question or exclamation mark is kept as the end.
    /// </summary>
    static string Ended(string reason, BotLanguage l)
    {
        var text = reason.TrimEnd().TrimEnd('.', '。');
        return text.Length > 0 && text[^1] is '?' or '？' or '!' or '！' ? text : text + Say(l, ".", "。");
    }

    /// <summary>
    /// The agreed time frame moved (a new priority or type, an escalation): the new resolution time on the user's clock as
    /// their chat last told it (<see cref="BotAddress.Clock"/>), as the receipt gave it; UTC when it never did.
    /// </summary>
    public static string TimeFrameChanged(BotLanguage l, string reference, string priority, DateTimeOffset resolutionDue, string? clock = null)
    {
        var due = UserClock.For(clock).Format(resolutionDue, l);
        return Say(l, $"The agreed time frame for {reference} changed (priority {priority}): resolution by {due}.",
            $"{reference} 的处理时限已调整（优先级 {priority}）：预计解决不晚于 {due}。");
    }

    /// <summary>The user's query was merged into another of theirs: the follow-up is there.</summary>
    public static string Merged(BotLanguage l, string reference, string into) => Say(l,
        $"{reference} is the same matter as {into}, so we have joined them: we follow it up as {into}. Write here as before.",
        $"{reference} 与 {into} 是同一件事，我们已将两者合并：后续将以 {into} 跟进。您可以照常在这里留言。");

    public static string NobodyFree(BotLanguage l, string? reference) => Say(l,
        $"Sorry, nobody is free to chat right now. {reference} stays open and our team will answer you here; you can keep writing.",
        $"抱歉，目前没有工作人员可以在线交谈。{reference} 会保持打开，我们的团队会在这里答复您；您可以继续补充信息。");
}
