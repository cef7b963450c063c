using System.Net;
using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>An agent's reply goes out on the channel the user used: the chat of the query, else a channel plug-in (e-mail).</summary>
public sealed class ReplyChannelTests(SurveyLinkTests.MailDesk desk) : IClassFixture<SurveyLinkTests.MailDesk>
{
    [Fact]
    public async Task AReplyToAQueryWrittenByEmail_GoesOutByEmail_WithItsReferenceAndDelivery()
    {
        using var agent = await desk.SignInAsync("agent2");
        var address = $"reply-{Guid.NewGuid():N}@example.org";
        var reference = (await agent.SubmitAsync(Requests.Query("The scanner on floor 3 jams on every page", channel: "email", address: address))).Str("reference");

        var written = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "A technician is on the way." });

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var entry = await written.JsonAsync();
        Assert.Equal("email", entry.GetProperty("delivery").Str("channel"));
        Assert.Equal($"{reference}: A technician is on the way.", (await desk.Mail.ForAsync(address)).Text);
    }

    [Fact]
    public async Task AReplyToAChatQuery_StaysInTheChat_AndSendsNoMail()
    {
        using var agent = await desk.SignInAsync("agent2");
        await using var chat = await ChatQuery.StartAsync(desk);

        (await agent.PostAsJsonAsync($"/api/queries/{chat.Reference}/messages", new { text = "Looking at it now." })).EnsureSuccessStatusCode();

        await chat.Chat.DrainedAsync();
        Assert.Contains(chat.Chat.Received, m => m.Text.Contains("Looking at it now."));
        Assert.DoesNotContain(desk.Mail.Sent, m => m.Text.Contains(chat.Reference));
    }
}
