namespace Desk.Api.Demo;

/// <summary>Made-up queries for the demo desk, written for it.</summary>
internal static class DemoQueries
{
    public static readonly (string Text, string Channel)[] Texts =
    [
        ("VPN keeps dropping every 10 minutes since this morning, can't stay connected to the file server", "chat"),
        ("Outlook crashes as soon as I open a calendar invite", "email"),
        ("The printer on floor 3 says paper jam but there is no paper stuck", "portal"),
        ("I can't log in to SAP, it says my account is locked", "phone"),
        ("Wi-Fi in meeting room Everest is down again", "chat"),
        ("Teams calls have no audio on my laptop after the update", "web"),
        ("Payroll portal shows an error 500 when I open my payslip", "email"),
        ("My laptop screen flickers and goes black randomly", "portal"),
        ("The whole warehouse has no network, scanners are offline and trucks are waiting", "phone"),
        ("Email is down for everyone in the Lyon office", "email"),
        ("All shared drives are unreachable company-wide, nobody can work", "chat"),
        ("I need a new laptop for our new starter Maria who joins on Monday", "portal"),
        ("Please give me access to the Finance shared folder", "web"),
        ("Could you install Visio on my PC? My manager approved it", "email"),
        ("Requesting a second monitor for my desk", "portal"),
        ("Please reset my password for the HR portal", "sms"),
        ("Please change the firewall rule so the new supplier API can reach our ERP", "email"),
        ("We need the CRM server upgraded to the new version before quarter end", "portal"),
        ("Increase the mailbox quota of the sales shared mailbox to 100 GB please", "web"),
        ("Can you point the DNS record for intranet.example.org at the new load balancer?", "email"),
        ("I waited three days for someone to answer my ticket, this is not acceptable", "email"),
        ("The agent closed my ticket without fixing anything. Very disappointed.", "web"),
        ("Nobody calls back when you promise to, I've chased this four times", "phone"),
        ("Thank you so much to Bo who fixed my laptop in ten minutes!", "chat"),
        ("Great job on the new portal, much faster than before", "web"),
        ("Really appreciate the quick help with my VPN this morning", "email"),
        ("It would be great if the portal showed how long until my request is done", "web"),
        ("Suggestion: add a dark mode to the service portal", "portal"),
        ("Why not let us book meeting room screens through Teams?", "chat"),
        ("I received an email asking me to confirm my password on a strange site", "email"),
        ("Someone logged into my account from another country last night", "phone"),
        ("I found a USB stick in the car park with our logo on it", "chat"),
        ("A popup says my files are encrypted and asks for bitcoin", "phone"),
        ("I lost my badge on the train this morning", "sms"),
        ("How do I set up my out-of-office reply in Outlook?", "chat"),
        ("What are the service desk opening hours on Saturdays?", "web"),
        ("Which browser should I use for the expense system?", "chat"),
        ("How can I connect to the guest Wi-Fi for a visitor?", "sms"),
        ("打印机一直卡纸，急需打印合同", "chat"),
        ("VPN 连不上，显示认证失败", "chat"),
        ("申请开通财务共享文件夹的权限", "web"),
        ("收到一封可疑邮件，要求我点击链接修改密码", "email"),
        ("感谢小李，电脑问题很快就解决了！", "chat"),
        ("怎么在企业微信里设置自动回复？", "chat"),
        ("全公司的邮箱都打不开了，是在处理吗？", "phone"),
        ("my pc is sooo slow today cant open anything", "chat"),
        ("pls help, excel freezes when i open the budget file", "chat"),
        ("Badge reader at the north entrance doesn't open the door", "phone"),
        ("Jira is very slow again, pages take a minute to load", "web"),
        ("The expense app rejects every receipt I upload", "portal"),
    ];

    // Addresses no one holds: example.org (RFC 2606) and North American 555-01XX numbers, kept for fiction, so a
    // demo desk with SMTP or Twilio configured mails and texts no stranger.
    public static readonly (string Name, string Email, string Phone)[] People =
    [
        ("Ana Silva", "ana.silva@example.org", "+12025550101"),
        ("Tom Becker", "tom.becker@example.org", "+12025550102"),
        ("Priya Nair", "priya.nair@example.org", "+12025550103"),
        ("Lucas Martin", "lucas.martin@example.org", "+12025550104"),
        ("Wang Fang", "wang.fang@example.org", "+12025550105"),
        ("Chen Jie", "chen.jie@example.org", "+12025550106"),
        ("Fatima Zahra", "fatima.zahra@example.org", "+12025550107"),
        ("John Okafor", "john.okafor@example.org", "+12025550108"),
        ("Sofia Rossi", "sofia.rossi@example.org", "+12025550109"),
        ("Emma Johansson", "emma.johansson@example.org", "+12025550110"),
        ("Carlos Mendez", "carlos.mendez@example.org", "+12025550111"),
        ("Yuki Tanaka", "yuki.tanaka@example.org", "+12025550112"),
    ];

    public static readonly string[] Replies =
    [
        "Thanks for reporting this. I'm looking into it now.",
        "I've picked this up and will update you within the hour.",
        "Could you send a screenshot of the error, please?",
        "We've found the cause and are working on a fix.",
        "I've passed this to the network team and will keep you posted.",
    ];
}
