using Desk.Api.Board;

namespace Desk.Tests.Api;

/// <summary>Who is online on the desk: this node's connections and what the other nodes say, as one member each.</summary>
public sealed class BoardPresenceTests
{
    [Fact]
    public void AConsoleHere_AndTheSameAgentElsewhere_AreOneMemberOnline_WhoLeavesWhenBothHaveGone()
    {
        var presence = new BoardPresence();
        var changes = new List<(string, bool)>();
        var hereChanges = 0;
        presence.Changed += username => changes.Add((username, presence.IsOnline(username)));
        presence.HereChanged += () => hereChanges++;

        presence.Opened("c1", "bo");
        presence.Opened("c2", "bo");
        presence.OnOtherNodes(["bo", "ann"]);
        presence.Closed("c1");
        presence.Closed("c2");
        presence.OnOtherNodes(["ann"]);
        presence.Opened("c3", "ann");
        presence.OnOtherNodes([]);
        var online = presence.Online;
        presence.Closed("c3");

        Assert.Equal([("bo", true), ("ann", true), ("bo", false), ("ann", false)], changes);
        Assert.Equal(4, hereChanges); // bo's first and last connection, ann's
        Assert.Equal(["ann"], online);
        Assert.Empty(presence.Online);
        Assert.Empty(presence.Here);
    }
}
