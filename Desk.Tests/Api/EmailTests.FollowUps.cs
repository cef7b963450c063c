using System.Net.Http.Json;
using Desk.Api.Email;

namespace Desk.Tests.Api;

/// <summary>A user answering the mail of a closed query starts a new one, and each names the other.</summary>
public sealed partial class EmailTests
{
    [Fact]
    public async Task AReplyToAClosedQuerysMail_IsANewQuery_ThatNamesIt_AndIsNamedOnIt_AndTheUserIsToldWhy()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("gil");
        var first = NewId();
        await desk.DeliverAsync(Mail(from, first, "Docking station", "My docking station does not charge the laptop."));
        var earlier = await desk.ReferenceOfAsync(first);
        var acknowledgement = await servers.SentToAsync(from);
        using var agent = await desk.SignInAsync("agent2");
        foreach (var status in new[] { "in_progress", "resolved", "closed" })
            (await agent.PatchAsJsonAsync($"/api/queries/{earlier}", new { status })).EnsureSuccessStatusCode();

        var replyId = NewId();
        var reply = Mail(from, replyId, $"Re: {acknowledgement.Subject}", "It stopped charging again today.");
        reply.InReplyTo = acknowledgement.MessageId;
        reply.References.Add(acknowledgement.MessageId!);
        Assert.Equal([MailOutcome.Query], await desk.DeliverAsync(reply));

        var created = await desk.ReferenceOfAsync(replyId);
        Assert.NotEqual(earlier, created);
        var onNew = (await (await agent.GetAsync($"/api/queries/{created}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(onNew, e => e.Str("kind") == "follow_up" && e.GetProperty("data").Str("followsUp") == earlier);
        var onEarlier = (await (await agent.GetAsync($"/api/queries/{earlier}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(onEarlier, e => e.Str("kind") == "follow_up" && e.GetProperty("data").Str("followedUpIn") == created);
        var told = await servers.SentToAsync(from, m => m.TextBody?.Contains(created) == true);
        Assert.StartsWith($"{earlier} no longer takes replies, so your mail starts a new query. {created}:", told.TextBody!);
    }
}
