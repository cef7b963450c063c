using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>Surveys by SMS (a score texted back, the question in the query's language), and a picture message without text.</summary>
public sealed partial class SmsTests
{
    [Fact]
    public async Task AScoreTextedBack_AnswersTheSmsSurvey_AndIsNoMessageOnTheUsersOtherQuery()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "How do I add a shared mailbox to Outlook?");
        using var agent = await desk.SignInAsync("agent2");
        using var intake = await desk.WithApiKeyAsync("intake");
        var other = (await intake.SubmitAsync(new
        {
            text = "My second monitor stays black", channel = "sms", contact = new { channel = "sms", address = from },
        })).Str("reference");
        var question = await desk.SurveyedAsync(agent, reference, "consultation");
        Assert.Contains("Reply with the number, or answer here:", question.Body);

        (await desk.TextAsync(from, " 4 ")).EnsureSuccessStatusCode();

        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(("answered", 4), await db.QuerySingleAsync<(string, int)>(
                "select s.status, s.score from surveys s join queries q on q.id = s.query_id where q.reference = @reference", new { reference }));
        var thanks = await desk.Twilio.ForAsync(from, m => m.Body.Contains("thank you for your answer"));
        Assert.StartsWith($"{reference}: ", thanks.Body);
        var otherTimeline = (await (await agent.GetAsync($"/api/queries/{other}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.DoesNotContain(otherTimeline, e => e.Str("kind") == "message_in");

        // Again (the link answered it first, or a second text): the user hears their answer is in; it is no message.
        (await desk.TextAsync(from, "5")).EnsureSuccessStatusCode();
        Assert.StartsWith($"{reference}: we have your answer already", (await desk.Twilio.ForAsync(from, m => m.Body.Contains("already"))).Body);
        await using (var db = await desk.OpenDbAsync())
            Assert.Equal(4, await db.QuerySingleAsync<int>(
                "select s.score from surveys s join queries q on q.id = s.query_id where q.reference = @reference", new { reference }));

        // Off the scale, or with words, it is a message as before.
        (await desk.TextAsync(from, "9")).EnsureSuccessStatusCode();
        var messages = (await (await agent.GetAsync($"/api/queries/{other}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Equal("9", Assert.Single(messages, e => e.Str("kind") == "message_in").Str("body"));
    }

    [Fact]
    public async Task TheSurveyOfAChineseSmsQuery_IsAskedInChinese()
    {
        var from = NewNumber();
        var reference = await desk.QueryByTextAsync(from, "我的电脑坏了，无法开机，屏幕一直是黑的");
        using var agent = await desk.SignInAsync("agent2");

        var question = await desk.SurveyedAsync(agent, reference, "consultation");

        Assert.Contains($"您对 {reference} 的处理满意吗", question.Body);
        Assert.Contains("直接回复数字，或在这里回答", question.Body);
    }

    [Fact]
    public async Task APictureMessageWithoutText_IsKeptAsAMessageNotingTheMedia_AndAcknowledged()
    {
        var from = NewNumber();
        var fields = SmsDesk.Fields(from, "", "MM" + Guid.NewGuid().ToString("N"));
        fields["NumMedia"] = "2";
        fields["MediaContentType0"] = "image/jpeg";

        var response = await desk.PostAsync(fields, SmsDesk.Sign(SmsDesk.AuthToken, SmsDesk.WebhookUrl, fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = await desk.ReferenceForAsync(from);
        Assert.StartsWith($"{reference}: we have your query", (await desk.Twilio.ForAsync(from)).Body);
        await using var db = await desk.OpenDbAsync();
        Assert.Contains("2 attachments", await db.ExecuteScalarAsync<string>("select text from queries where reference = @reference", new { reference }));
    }
}
