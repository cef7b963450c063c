using Desk.Classifier.Text;

namespace Desk.Tests.Classifier;

public sealed class MessageCleanerTests
{
    static string Lines(params string[] lines) => string.Join("\n", lines);

    [Theory]
    [InlineData("the printer on floor 3 is jammed again")]
    [InlineData("> this chat line starts like a quote")]
    [InlineData("Thanks,")]
    [InlineData("打印机又卡纸了，谢谢！")]
    public void Clean_AChatLineWithoutALineBreak_ReturnsTheSameInstance(string text)
    {
        Assert.Same(text, MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Clean_AnEmailWithoutMarkers_ReturnsTheSameInstance(string newline)
    {
        var text = Lines("Hi team,", "", "Outlook keeps asking for my password since this morning.", "Can someone look at it?", "").Replace("\n", newline);

        Assert.Same(text, MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("On Tue, 3 Mar 2026 at 10:12, Ana Lima <ana@example.com> wrote:")]
    [InlineData("On Tue, Mar 3, 2026 at 10:12 AM Ana Lima <ana@example.com> wrote:")]
    [InlineData("On 3 Mar 2026, at 10:12, Ana Lima <ana@example.com> wrote:")]
    [InlineData("On Tue, Mar 3, 2026 at 10:12 AM Ana Lima <\nana@example.com> wrote:")]
    [InlineData("在 2026年3月3日 10:12，李娜 <lina@example.com> 写道：")]
    [InlineData("在 2026年3月3日 10:12，李娜\n<lina@example.com> 写道:")]
    [InlineData("Am 03.03.2026 um 10:12 schrieb Ana Lima <ana@example.com>:")]
    [InlineData("Am Di., 3. März 2026 um 10:12 Uhr schrieb Ana Lima <ana@example.com>:")]
    public void Clean_AnAttributionLine_CutsTheHistoryBelowIt(string attribution)
    {
        var text = Lines("The VPN still drops every ten minutes.", "", attribution, "Did restarting the client help?", "Ana");

        Assert.Equal("The VPN still drops every ten minutes.", MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_AnAttributionOverQuotesWithAnswersBetween_KeepsTheAnswers()
    {
        var text = Lines("On Tue, 3 Mar 2026 at 10:12, Ana <ana@example.com> wrote:", "> Which laptop model?", "ThinkPad T14", "> Since when?", "Since Monday");

        Assert.Equal(Lines("ThinkPad T14", "Since Monday"), MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("-----Original Message-----")]
    [InlineData("-----原始邮件-----")]
    [InlineData("------------------ 原始邮件 ------------------")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    public void Clean_AnOriginalMessageSeparator_CutsTheHistoryBelowIt(string separator)
    {
        var text = Lines("SAP 登录后一直转圈。", separator, "发件人: IT 服务台", "主题: 回复：SAP");

        Assert.Equal("SAP 登录后一直转圈。", MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_UnderscoresFollowedByFrom_CutsTheHistoryFromTheUnderscores()
    {
        var text = Lines("Please add me to the Finance SharePoint site.", "", "________________________________", "From: Service Desk <desk@example.com>", "Your request was received.");

        Assert.Equal("Please add me to the Finance SharePoint site.", MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("From: Service Desk <desk@example.com>", "Sent: Tuesday, March 3, 2026 10:12 AM", "To: Ana Lima <ana@example.com>", "Subject: RE: Teams")]
    [InlineData("发件人: 服务台 <desk@example.com>", "发送时间: 2026年3月3日 10:12", "收件人: 李娜", "主题: 回复: Teams")]
    [InlineData("发件人：服务台", "发送时间：2026年3月3日 10:12", "收件人：李娜", "主题：回复：Teams")]
    [InlineData("Von: Service Desk <desk@example.com>", "Gesendet: Dienstag, 3. März 2026 10:12", "An: Ana Lima", "Betreff: AW: Teams")]
    public void Clean_AnOutlookHeaderBlock_CutsTheHistoryFromIt(string from, string sent, string to, string subject)
    {
        var text = Lines("Teams 会议没有声音。", "", from, sent, to, subject, "", "Is the headset plugged in?");

        Assert.Equal("Teams 会议没有声音。", MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_AFromLineWithoutTheOtherHeaders_IsKept()
    {
        var text = Lines("I got a strange mail.", "From: payroll-update@examp1e.com", "It asks for my bank password.");

        Assert.Same(text, MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_QuoteLines_AreDroppedWhereverTheyAre()
    {
        var text = Lines("> 打印机型号是什么？", "HP LaserJet M507", "> 报错代码？", "49.4C02", "", "> old thread");

        Assert.Equal(Lines("HP LaserJet M507", "49.4C02"), MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("-- ")]
    [InlineData("--")]
    public void Clean_ASignatureDashLine_CutsTheSignature(string dashes)
    {
        var text = Lines("Jira will not let me attach files over 5 MB.", dashes, "Ana Lima | Finance", "+44 20 7946 0000");

        Assert.Equal("Jira will not let me attach files over 5 MB.", MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("Best regards,")]
    [InlineData("Kind regards")]
    [InlineData("Thanks,")]
    [InlineData("Thank you!")]
    [InlineData("Cheers,")]
    [InlineData("Yours sincerely,")]
    [InlineData("Many thanks")]
    [InlineData("Mit freundlichen Grüßen")]
    [InlineData("Viele Grüße,")]
    [InlineData("MfG")]
    public void Clean_ASignOffWithAShortSignature_CutsBoth(string signOff)
    {
        var text = Lines("Hi team,", "", "could you install Power BI Desktop on my laptop?", "", signOff, "Ana Lima", "Senior Analyst, Finance", "Contoso Ltd.", "Tel: +44 20 7946 0000", "ana.lima@contoso.com", "https://contoso.com");

        Assert.Equal(Lines("Hi team,", "", "could you install Power BI Desktop on my laptop?"), MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("此致", "敬礼！")]
    [InlineData("祝好", "")]
    [InlineData("顺祝商祺", "")]
    [InlineData("谢谢！", "")]
    public void Clean_AChineseSignOffWithAShortSignature_CutsBoth(string signOff, string second)
    {
        var text = Lines("您好，", "财务系统导出的发票金额不对，麻烦看一下。", "", signOff, second, "张伟", "财务部 | 某某科技有限公司", "电话：010-1234 5678");

        Assert.Equal(Lines("您好，", "财务系统导出的发票金额不对，麻烦看一下。"), MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_ASignOffFollowedByMoreThanASignature_IsKept()
    {
        var text = Lines("The scanner is offline.", "Thanks,", "Also, the second floor printer shows error 49 and nobody can print since the update last night.", "Ana");

        Assert.Same(text, MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_ASentenceThatStartsLikeASignOff_IsNotCut()
    {
        var text = Lines("Hi,", "Thanks, that worked for the printer but the scanner still fails.", "It says 'device not found'.");

        Assert.Same(text, MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("This e-mail and any attachments are confidential and intended solely for the addressee.")]
    [InlineData("CONFIDENTIALITY NOTICE: the information in this message is privileged.")]
    [InlineData("本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。")]
    public void Clean_ATrailingDisclaimer_IsCut(string disclaimer)
    {
        var text = Lines("Salesforce reports time out after 30 seconds.", "", disclaimer, "If you received it in error, delete it.");

        Assert.Equal("Salesforce reports time out after 30 seconds.", MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("Sent from my iPhone")]
    [InlineData("发自我的iPhone")]
    [InlineData("Von meinem iPhone gesendet")]
    public void Clean_ASentFromMyPhoneLine_IsDropped(string device)
    {
        var text = Lines("My laptop was stolen from the car, it has client files on it.", "", device);

        Assert.Equal("My laptop was stolen from the car, it has client files on it.", MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_CrLfText_KeepsItsLineBreaksAndCutsTheSame()
    {
        var text = "Hi,\r\nthe Wi-Fi in room 4 is down.\r\n\r\nRegards,\r\nAna\r\n\r\n-----Original Message-----\r\nFrom: Desk\r\n";

        Assert.Equal("Hi,\r\nthe Wi-Fi in room 4 is down.", MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("On Tue, 3 Mar 2026 at 10:12, Ana <ana@example.com> wrote:\nIs it fixed?\nAna\n")]
    [InlineData("> is it fixed?\n> Ana\n")]
    [InlineData("  Thanks,\nAna Lima\n")]
    [InlineData("Thanks,\n")]
    public void Clean_WhenCleaningWouldLeaveNothing_ReturnsTheOriginalTrimmed(string text)
    {
        Assert.Equal(text.Trim(), MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_AThankYouOverAQuotedThread_KeepsTheThankYou()
    {
        var text = Lines("Thank you!", "", "On Tue, 3 Mar 2026 at 10:12, Desk <desk@example.com> wrote:", "Your VPN access is now active.");

        Assert.Equal("Thank you!", MessageCleaner.Clean(text));
    }

    [Theory]
    [InlineData("I got a mail that said On Tue, 3 Mar 2026 the CEO wrote: pay this invoice today.")]
    [InlineData("The subject was -----Original Message----- and nothing else, is that phishing?")]
    [InlineData("The quota must be > 5 GB for this mailbox.")]
    [InlineData("邮件里写着 在 2026年3月3日 老板 写道：请马上转账，这是诈骗吗？")]
    public void Clean_AQuoteMarkerInsideASentence_DoesNotCut(string sentence)
    {
        var text = Lines("Hello,", sentence, "Please check.");

        Assert.Same(text, MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_ATopPostedGmailReplyOverQuotes_KeepsOnlyTheReply()
    {
        var text = Lines("Still broken after the restart.", "", "On Tue, 3 Mar 2026 at 10:12, Desk <desk@example.com> wrote:", "", "> Please restart the laptop.", "> Desk");

        Assert.Equal("Still broken after the restart.", MessageCleaner.Clean(text));
    }

    [Fact]
    public void Clean_AWholeOutlookReply_KeepsTheGreetingAndTheNewText()
    {
        var text = string.Join("\r\n",
            "Hello Desk,", "", "the invoice portal shows a blank page after login.", "", "Kind regards,", "Ana Lima", "Contoso Ltd.", "",
            "This email and any attachments are confidential.", "",
            "From: Desk <desk@example.com>", "Sent: Tuesday, March 3, 2026 10:12 AM", "To: Ana Lima", "Subject: RE: portal", "", "> old");

        Assert.Equal("Hello Desk,\r\n\r\nthe invoice portal shows a blank page after login.", MessageCleaner.Clean(text));
    }
}
