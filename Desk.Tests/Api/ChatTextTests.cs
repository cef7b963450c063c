namespace Desk.Tests.Api;

/// <summary>
/// What a channel sends is kept, not refused: a refusal reaches the connector, not the person, whose message would go
/// nowhere. Control characters are dropped, a message of nothing visible is asked for words, and a timestamp that does
/// not parse is left out.
/// </summary>
public sealed class ChatTextTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task ControlCharactersInAMessage_AreDropped_AndItsWordsTaken()
    {
        await using var chat = await BotChat.StartAsync(desk);

        var answers = await chat.SayAsync("My monitor\u001b[2J shows no picture\u0007 since this\u0000 morning");

        var reference = ConversationTests.ReferenceIn(answers[^1].Text);
        using var agent = await desk.SignInAsync("agent2");
        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        Assert.Equal("My monitor[2J shows no picture since this morning", query.Str("text"));
    }

    [Fact]
    public async Task AMessageOfNothingVisible_IsAskedForWords()
    {
        await using var chat = await BotChat.StartAsync(desk);

        var answer = Assert.Single(await chat.SayAsync("\u200b\u200c\ufeff \u3000"));

        Assert.StartsWith("I can only read text for now. Please describe in a few words what you need", answer.Text);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-14:01")]
    public async Task ATimestampThatDoesNotParse_IsLeftOut_AndTheMessageTaken(string localTimestamp)
    {
        await using var chat = await BotChat.StartAsync(desk);
        chat.LocalTimestamp = localTimestamp;

        var answers = await chat.SayAsync("My monitor shows no picture since this morning");

        Assert.Matches(@"\b[A-Z]{3}-\d{4,}\b", answers[^1].Text);
    }
}
