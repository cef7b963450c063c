using Desk.Bot;

namespace Desk.Tests.Bot;

/// <summary>Thanks after a resolution keep the query resolved; anything more is a follow-up that reopens it.</summary>
public sealed class GratitudeTests
{
    [Theory]
    [InlineData("Thanks, all working now 👍")]
    [InlineData("Thank you!")]
    [InlineData("thx")]
    [InlineData("Great, thanks a lot for your help")]
    [InlineData("谢谢")]
    [InlineData("好的，谢谢！")]
    [InlineData("谢谢，已经好了")]
    [InlineData("ＴＨＡＮＫＳ")]
    public void ThanksForAFixThatHolds_AreOnlyThanks(string text) => Assert.True(Gratitude.IsOnlyThanks(text));

    [Theory]
    [InlineData("Thanks, but it is not working now")]
    [InlineData("Thanks. Why does it happen every Monday?")]
    [InlineData("It broke again")]
    [InlineData("ok")]
    [InlineData("好的")]
    [InlineData("谢谢，但是又坏了")]
    [InlineData("")]
    [InlineData("Thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks thanks")]
    public void AnythingMore_IsAFollowUp(string text) => Assert.False(Gratitude.IsOnlyThanks(text));

    [Theory]
    [InlineData("６", 6, null)]
    [InlineData("６分 很方便", 6, "很方便")]
    [InlineData("4 - quick", 4, "quick")]
    public void AScore_IsReadInFullWidthDigitsToo(string text, int score, string? comment) =>
        Assert.Equal((score, comment), SurveyQuestions.Read(text));
}
