using System.Net.Http.Json;

namespace Desk.Tests.Api;

/// <summary>A group conversation (a Teams group chat): each member talks with the desk on their own.</summary>
public sealed partial class ConversationTests
{
    [Fact]
    public async Task InAGroup_EachMemberHasTheirOwnQueries_AndNobodyIsToldAnothersTickets()
    {
        await using var ana = await BotChat.StartAsync(desk, group: true);
        await using var zed = ana.OtherMember();
        var anas = ReferenceIn(Assert.Single(await ana.SayAsync(Problem)).Text);

        var tickets = Assert.Single(await zed.SayAsync("my tickets"));
        var zeds = ReferenceIn(Assert.Single(await zed.SayAsync(Outage)).Text);
        var anaAgain = Assert.Single(await ana.SayAsync("It flickers before it goes black"));
        using var agent = await desk.SignInAsync("agent2");
        (await agent.PostAsJsonAsync($"/api/queries/{anas}/messages", new { text = "Ana, your screen is ready.", visibility = "public" }))
            .EnsureSuccessStatusCode();
        await ana.DrainedAsync();

        Assert.DoesNotContain(anas, tickets.Text);
        Assert.Contains("one-to-one", tickets.Text);
        Assert.NotEqual(anas, zeds);
        Assert.StartsWith($"Added to {anas}", anaAgain.Text);
        Assert.Equal(1, await QueriesOfAsync(ana));
        Assert.Equal(1, await QueriesOfAsync(zed));
        var reply = ana.Connector.Received[^1];
        Assert.Equal("Ana, your screen is ready.", reply.Property("text"));
        Assert.Equal(ana.User, reply.Property("recipient", "id"));
    }
}
