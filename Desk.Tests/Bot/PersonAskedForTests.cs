using Desk.Bot;

namespace Desk.Tests.Bot;

/// <summary>Asking for a person with nothing else said files nothing in the user's name; words of a problem are the problem.</summary>
public sealed class PersonAskedForTests
{
    [Theory]
    [InlineData("agent")]
    [InlineData("talk to a person")]
    [InlineData("Can I talk to a person please?")]
    [InlineData("Hi, I'd like to speak to a real person now")]
    [InlineData("人工")]
    [InlineData("转人工")]
    [InlineData("我要人工客服，谢谢")]
    public void AskingForAPerson_IsAllItSays(string text) => Assert.True(BotIntents.OnlyAsksForPerson(text));

    [Theory]
    [InlineData("talk to a person: my laptop will not boot")]
    [InlineData("I want to speak to a person about my invoice")]
    [InlineData("Your service is useless, let me talk to a human")]
    [InlineData("人工，打印机坏了")]
    [InlineData("My VPN is down")]
    public void WordsOfAProblem_AreMoreThanTheAsk(string text) => Assert.False(BotIntents.OnlyAsksForPerson(text));
}
