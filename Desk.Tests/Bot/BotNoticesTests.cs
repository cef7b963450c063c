using Desk.Bot;

namespace Desk.Tests.Bot;

/// <summary>What a chat user reads when staff resolve their query or ask them for something, with the reason staff gave.</summary>
public sealed class BotNoticesTests
{
    [Theory]
    [InlineData("en", "resolved", null, "INC-1 is resolved. If the problem is back, just say so here.")]
    [InlineData("en", "resolved", "the cable was loose.", "INC-1 is resolved: the cable was loose. If the problem is back, just say so here.")]
    [InlineData("zh", "resolved", null, "INC-1 已解决。如果问题再次出现，请直接在这里告诉我们。")]
    [InlineData("zh", "resolved", "已更换定影器", "INC-1 已解决：已更换定影器。如果问题再次出现，请直接在这里告诉我们。")]
    [InlineData("en", "waiting_for_user", "Please send a screenshot of the error. ",
        "We need something from you to go on with INC-1: Please send a screenshot of the error. Please answer here; its time frame is paused until you do.")]
    [InlineData("en", "waiting_for_user", "Which printer is it?",
        "We need something from you to go on with INC-1: Which printer is it? Please answer here; its time frame is paused until you do.")]
    [InlineData("zh", "waiting_for_user", "请发送错误截图。", "INC-1 需要您提供信息才能继续处理：请发送错误截图。请在这里回复；在您答复之前，处理时限暂停计算。")]
    [InlineData("zh", "waiting_for_user", null, "INC-1 需要您提供信息才能继续处理。请在这里回复；在您答复之前，处理时限暂停计算。")]
    public void AStatusNotice_EndsTheReasonOnce_InTheChatsLanguage(string language, string status, string? reason, string said) =>
        Assert.Equal(said, BotNotices.StatusChanged(language == "zh" ? BotLanguage.Chinese : BotLanguage.English, "INC-1", status, reason));

    [Theory]
    [InlineData("Asia/Shanghai", "Thu 3 Dec 2026, 18:30 (UTC+08:00)")]
    [InlineData("-05:00", "Thu 3 Dec 2026, 05:30 (UTC-05:00)")]
    [InlineData(null, "Thu 3 Dec 2026, 10:30 (UTC)")]
    [InlineData("not a clock", "Thu 3 Dec 2026, 10:30 (UTC)")]
    public void ANewTimeFrame_IsOnTheClockTheChatLastTold(string? clock, string shown) =>
        Assert.Equal($"The agreed time frame for INC-1 changed (priority P2): resolution by {shown}.",
            BotNotices.TimeFrameChanged(BotLanguage.English, "INC-1", "P2", new DateTimeOffset(2026, 12, 3, 10, 30, 0, TimeSpan.Zero), clock));

    [Theory]
    [InlineData("Asia/Shanghai", null, "Asia/Shanghai")]
    [InlineData(null, "2026-12-03T10:00:00+05:30", "+05:30")]
    [InlineData(null, "2026-12-03T10:00:00-03:00", "-03:00")]
    [InlineData(null, "2026-12-03T10:00:00Z", null)]
    [InlineData("Nowhere/Atlantis", null, null)]
    public void TheUsersClock_IsKeptAsTheChannelToldIt(string? zone, string? timestamp, string? kept) =>
        Assert.Equal(kept, UserClock.Describe(new Desk.Bot.Activities.Activity
        {
            LocalTimezone = zone,
            LocalTimestamp = timestamp is null ? null : DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture),
        }));
}
