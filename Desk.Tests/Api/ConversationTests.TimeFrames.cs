using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>The times a chat user is promised: after a reopening, after a new priority, and on their own clock.</summary>
public sealed partial class ConversationTests
{
    [Fact]
    public async Task AnAnsweredQuery_ReopenedInChat_PromisesTheNextResponse_NotTheFirstOnePastLongAgo()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");
        await ChatQuery.WriteAsync(agent, reference, "Try another cable, please.");
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "resolved", reason = "another cable" })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();
        desk.Clock.Advance(TimeSpan.FromHours(2));

        var added = Assert.Single(await chat.SayAsync("It is back again, the screen went black")).Text;

        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        static string Utc(JsonElement due) => due.GetDateTimeOffset().ToUniversalTime().ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " (UTC)";
        Assert.Equal($"Added to {reference}. A person will answer by {Utc(query.GetProperty("nextResponseDue"))}.", added);
        Assert.DoesNotContain(Utc(query.GetProperty("firstResponseDue")), added);
    }

    [Fact]
    public async Task ANewPriority_TellsTheUserTheNewTimeFrame_AndWaitingForThemSaysTheClockIsPaused()
    {
        await using var chat = await BotChat.StartAsync(desk);
        var reference = ReferenceIn(Assert.Single(await chat.SayAsync(Problem)).Text);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P1", reason = "the whole floor is affected",
            @override = new { rule = "priority.matrix", justification = "the whole floor is affected" } })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "in_progress" })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "waiting_for_user", reason = "which floor?" })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var resolution = query.GetProperty("resolutionDue").GetDateTimeOffset().ToUniversalTime();
        Assert.Equal(3, chat.Received.Count);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The agreed time frame for {reference} changed (priority P1): resolution by {resolution:ddd d MMM yyyy, HH:mm} (UTC)."),
            chat.Received[1].Text);
        Assert.Contains("its time frame is paused until you do", chat.Received[2].Text);
    }

    [Fact]
    public async Task ANewTimeFrame_IsToldOnTheUsersClock_AsTheirReceiptWas()
    {
        await using var chat = await BotChat.StartAsync(desk, locale: "zh-CN");
        chat.TimeZone = "Asia/Shanghai";
        var receipt = Assert.Single(await chat.SayAsync("会议室的投影仪没有信号")).Text;
        if (!receipt.Contains("您的编号是"))
            receipt = Assert.Single(await chat.SayAsync("仍需帮助")).Text;
        var reference = ReferenceIn(receipt);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { priority = "P1", reason = "the whole floor is affected",
            @override = new { rule = "priority.matrix", justification = "the whole floor is affected" } })).EnsureSuccessStatusCode();
        await chat.DrainedAsync();

        var due = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("resolutionDue").GetDateTimeOffset();
        Assert.Contains("（UTC+08:00）", receipt);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"{reference} 的处理时限已调整（优先级 P1）：预计解决不晚于 {due.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日 HH:mm}（UTC+08:00）。"),
            chat.Received[^1].Text);
    }
}
