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

    [Fact]
    public async Task AnAgentsReply_GoesByMail_WhenTheUserLastWroteAboutTheQueryByMail_ThoughItBeganInAChat()
    {
        var servers = await desk.ServersAsync();
        await using var chat = await ChatQuery.StartAsync(desk);
        var from = NewAddress("hal");
        var firstMail = NewId();
        await desk.DeliverAsync(Mail(from, firstMail, "Hello", "I am the same person as in the chat."));
        using var agent = chat.Agent;
        var mailContact = (await (await agent.GetAsync($"/api/queries/{await desk.ReferenceOfAsync(firstMail)}")).JsonAsync()).GetProperty("contactId").GetInt64();
        var chatContact = (await (await agent.GetAsync($"/api/queries/{chat.Reference}")).JsonAsync()).GetProperty("contactId").GetInt64();
        (await agent.PostAsJsonAsync($"/api/contacts/{chatContact}/merge", new { from = mailContact, reason = "same person, mail and chat" }))
            .EnsureSuccessStatusCode();
        Assert.Equal([MailOutcome.Message], await desk.DeliverAsync(Mail(from, NewId(), $"[{chat.Reference}] more", "The monitor is a Dell U2720Q.")));

        var reply = await chat.ReplyAsync("Thanks, a replacement cable is on its way.");

        Assert.Equal("email", reply.GetProperty("delivery").Str("channel"));
        var mailed = await servers.SentToAsync(from, m => m.TextBody?.Contains("replacement cable") == true);
        Assert.Contains(chat.Reference, mailed.TextBody!);
        await chat.Chat.DrainedAsync();
        Assert.DoesNotContain(chat.Chat.Received, m => m.Text.Contains("replacement cable"));
    }

    [Fact]
    public async Task WhatTheUserMustKnow_IsMailedInTheirThread_AsAutomaticMail_AWaitForThemAndTheResolutionWithItsReason()
    {
        var servers = await desk.ServersAsync();
        var from = NewAddress("hal");
        var id = NewId();
        await desk.DeliverAsync(Mail(from, id, "Docking station", "My docking station does not charge the laptop."));
        var reference = await desk.ReferenceOfAsync(id);
        using var agent = await desk.SignInAsync("agent2");

        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "in_progress" })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "waiting_for_user", reason = "Which dock model is it?" })).EnsureSuccessStatusCode();
        var asked = await servers.SentToAsync(from, m => m.TextBody?.Contains("We need something from you") == true);
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "in_progress" })).EnsureSuccessStatusCode();
        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "resolved", reason = "Firmware updated." })).EnsureSuccessStatusCode();
        var resolved = await servers.SentToAsync(from, m => m.TextBody?.Contains("is resolved") == true);

        Assert.StartsWith($"We need something from you to go on with {reference}: Which dock model is it? Please answer here", asked.TextBody!);
        Assert.StartsWith($"{reference} is resolved: Firmware updated. If the problem is back, just say so here.", resolved.TextBody!);
        foreach (var mail in new[] { asked, resolved })
        {
            Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
            Assert.Equal(id, mail.InReplyTo);
        }
    }
}
