using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>How the chat takes a survey's answer: the score, tapped or typed, and the comment after it.</summary>
public sealed partial class SurveyTests
{
    [Fact]
    public async Task TappingFour_RecordsTheAnswerOnTheTimeline_AndTheCommentAfterIt()
    {
        await using var chat = await ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();
        Assert.Equal(OneToFive, chat.Chat.Received[^1].Actions);

        var thanks = Assert.Single(await chat.Chat.SayAsync("4"));
        Assert.Contains("anything you'd like to tell us", thanks.Text);
        Assert.Equal(["No, thanks"], thanks.Actions);
        var after = Assert.Single(await chat.Chat.SayAsync("Quick and friendly, thank you"));

        Assert.Equal("Thank you, we read every comment.", after.Text);
        var answers = (await TimelineAsync(chat)).Where(e => e.Str("kind") == "survey_answered").ToList();
        Assert.Equal(2, answers.Count);
        Assert.Equal(4, answers[0].GetProperty("data").GetProperty("score").GetInt32());
        Assert.Equal("csat", answers[0].GetProperty("data").Str("kind"));
        Assert.Equal("Quick and friendly, thank you", answers[1].Str("body"));
        var survey = await (await chat.Agent.GetAsync($"/api/queries/{chat.Reference}/survey")).JsonAsync();
        Assert.Equal(("answered", 4, "Quick and friendly, thank you"), (survey.Str("status"), survey.GetProperty("score").GetInt32(), survey.Str("comment")));
        // The query stays resolved: a score is not a follow-up.
        Assert.Equal("resolved", (await (await chat.Agent.GetAsync($"/api/queries/{chat.Reference}")).JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task ANumberOffTheScale_IsAskedAgain_AndDecliningToComment_IsThankedForTheScore()
    {
        await using var chat = await ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        var again = Assert.Single(await chat.Chat.SayAsync("9"));
        Assert.Equal("Please answer with a number from 1 to 5.", again.Text);
        Assert.Equal(OneToFive, again.Actions);
        Assert.Equal("resolved", (await (await chat.Agent.GetAsync($"/api/queries/{chat.Reference}")).JsonAsync()).Str("status"));
        Assert.Contains("anything you'd like to tell us", Assert.Single(await chat.Chat.SayAsync("4")).Text);
        Assert.Equal("Thank you for your answer.", Assert.Single(await chat.Chat.SayAsync("No, thanks")).Text);
        var survey = await (await chat.Agent.GetAsync($"/api/queries/{chat.Reference}/survey")).JsonAsync();
        Assert.Equal(("answered", 4), (survey.Str("status"), survey.GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task ATopScore_WithACriticalWordInItsComment_OpensNoRecoveryComplaint()
    {
        await using var chat = await ResolvedAsync(desk, type: "consultation");
        desk.Clock.Advance(TimeSpan.FromHours(1.1));
        await RunSenderAsync(desk);
        await chat.Chat.DrainedAsync();

        Assert.Single(await chat.Chat.SayAsync("5"));
        var after = Assert.Single(await chat.Chat.SayAsync("The first reply was too slow, but then it was fixed in minutes"));

        Assert.Equal("Thank you, we read every comment.", after.Text);
        var timeline = await TimelineAsync(chat);
        Assert.Equal(2, timeline.Count(e => e.Str("kind") == "survey_answered"));
        Assert.DoesNotContain(timeline, e => e.Str("kind") == "moment_of_truth");
    }
}
