using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>The portal hub on two nodes sharing Redis: a page on node B hears what happened on node A, and a sign-out there.</summary>
public sealed class PortalTwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task AReplyOnNodeA_ReachesAPortalPageOnNodeB_AndASignOutOnNodeA_ClosesIt()
    {
        var address = $"portal.nodes.{Guid.NewGuid():n}@example.org";
        var (_, key) = await TwoNodes.IssueKeyAsync(nodes.A, "intake");
        using var channel = TwoNodes.WithKey(nodes.A, key);
        var reference = (await channel.SubmitAsync(Requests.Query("The plotter on floor 5 prints every line twice", address: address))).Str("reference");
        var cookie = await PortalSessionAsync(address);
        await using var portal = NodeHubClient.Start(nodes.B.BaseAddress, null, null, "-", cookie: cookie, hub: "/hubs/portal");
        Assert.Equal("ready", (await portal.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed")).GetProperty("event").GetString());
        using var agent = await TwoNodes.SignInAsync(nodes.A, "agent");

        var reply = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "A technician is on the way.", visibility = "public" });
        reply.EnsureSuccessStatusCode();
        await portal.WaitForEventAsync("QueryChanged", reference);

        using var user = TwoNodes.Client(nodes.A);
        user.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync("/api/portal/sign-out", null)).StatusCode);
        // The nodes check sessions once a day here: only Redis can tell B.
        await portal.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
    }

    /// <summary>A portal session of the address's contact, as a code sign-in leaves it (the nodes mail no codes here).</summary>
    async Task<string> PortalSessionAsync(string address)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        await using var db = await nodes.OpenDbAsync();
        await db.ExecuteAsync("""
            insert into portal_sessions (session_hash, contact_id, created_at, expires_at)
            select @hash, contact_id, @now, @expires from contact_identities where channel = 'email' and address = @address
            """, new { hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret))), now, expires = now.AddHours(1), address });
        return $"desk.portal={secret}";
    }
}
