using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>
/// The portal hub (/hubs/portal) with the real @microsoft/signalr client: a signed-in user hears that their own query
/// changed, never of a note or of another person's query; only the portal cookie opens it, and it opens nothing else.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class PortalHubTests(PortalLiveDesk desk) : IClassFixture<PortalLiveDesk>
{
    const string Hub = "/hubs/portal";

    [Fact]
    public async Task AUserHearsAnAgentsPublicReply_ButNotANote_NorAnotherPersonsQuery()
    {
        var (mine, theirs) = (NewAddress(), NewAddress());
        using var channel = await desk.ChannelAsync();
        var first = await SubmitAsync(channel, "The docking station on desk 12 no longer charges my laptop", mine);
        var others = await SubmitAsync(channel, "Someone else's printer jams on every page", theirs);
        var (user, cookie) = await desk.PortalSignInAsync(mine);
        using var _ = user;
        await using var portal = await ConnectAsync(cookie);
        using var agent = await desk.SignInAsync("agent");

        await PostAsync(agent, first, "Staff only: the dock is on the recall list", "internal");
        await PostAsync(agent, others, "Please try the manual feed.", "public");
        // A query of mine taken in after both: pushes arrive in order, so anything for the note or the other query came before.
        var second = await SubmitAsync(channel, "And the second monitor flickers", mine);
        await portal.WaitForEventAsync("QueryChanged", second);
        Assert.Equal(0, portal.Count("QueryChanged", first));
        Assert.Equal(0, portal.Count("QueryChanged", others));

        await PostAsync(agent, first, "A new dock is on its way to desk 12.", "public");
        var changed = await portal.WaitForEventAsync("QueryChanged", first);
        // The reference alone: the page reads the reply through the portal API, as the user.
        Assert.Equal(["reference"], changed.GetProperty("payload").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("dock", changed.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AStatusChange_IsHeard_AndSigningOutClosesTheConnection()
    {
        var address = NewAddress();
        using var channel = await desk.ChannelAsync();
        var reference = await SubmitAsync(channel, "My VPN drops every ten minutes", address);
        var (user, cookie) = await desk.PortalSignInAsync(address);
        using var _ = user;
        await using var portal = await ConnectAsync(cookie);
        using var agent = await desk.SignInAsync("agent");

        (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "in_progress" })).EnsureSuccessStatusCode();
        await portal.WaitForEventAsync("QueryChanged", reference);

        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync("/api/portal/sign-out", null)).StatusCode);
        await portal.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
    }

    [Fact]
    public async Task AfterAMerge_TheConnectionFollowsTheContactItsSessionStandsFor()
    {
        var (merged, survivor) = (NewAddress(), NewAddress());
        using var channel = await desk.ChannelAsync();
        await SubmitAsync(channel, "Outlook asks for my password again and again", merged);
        var theirs = await SubmitAsync(channel, "Outlook will not open the shared calendar", survivor);
        var (user, cookie) = await desk.PortalSignInAsync(merged);
        using var _ = user;
        await using var portal = await ConnectAsync(cookie);
        using var supervisor = await desk.SignInAsync("supervisor");

        await ContactMergeTests.MergeAsync(supervisor, await ContactOfAsync(survivor), await ContactOfAsync(merged));
        // Two: the merged contact's pages read again, and this connection once its node moved it to the survivor's group.
        await portal.WaitForAsync(l => IsResync(l) && portal.Seen(IsResync) >= 2);
        // The session now reads the survivor's queries (GET /api/portal/me/queries), and hears of them.
        using var agent = await desk.SignInAsync("agent");
        await PostAsync(agent, theirs, "We are looking at the calendar's permissions.", "public");
        await portal.WaitForEventAsync("QueryChanged", theirs);
    }

    [Fact]
    public async Task OnlyThePortalCookieOpensThePortalHub_AndItOpensNotTheStaffHub()
    {
        await using (var none = NodeHubClient.Start(desk.BaseAddress, null, null, "-", hub: Hub))
            Assert.True(await RefusedAsync(none));
        var staff = await desk.SessionCookieAsync("agent", "agent-pass-1");
        await using (var agent = NodeHubClient.Start(desk.BaseAddress, null, null, "-", cookie: staff, hub: Hub))
            Assert.True(await RefusedAsync(agent));

        var (user, cookie) = await desk.PortalSignInAsync(NewAddress());
        using var _ = user;
        await using (var portalOnStaffHub = NodeHubClient.Start(desk.BaseAddress, null, null, "-", cookie: cookie))
            Assert.True(await RefusedAsync(portalOnStaffHub));
        // An API key is a channel's, not a person's: it opens no portal either.
        using var keyed = await desk.WithApiKeyAsync("intake");
        var refused = await keyed.PostAsync($"{Hub}/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Sign in to the portal", (await refused.JsonAsync()).Str("detail"));
    }

    static string NewAddress() => $"portal.live.{Guid.NewGuid():n}@example.org";

    async Task<NodeHubClient> ConnectAsync(string cookie)
    {
        var client = NodeHubClient.Start(desk.BaseAddress, null, null, "-", cookie: cookie, hub: Hub);
        var first = await client.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed" or "invoke-failed");
        Assert.Equal("ready", first.GetProperty("event").GetString());
        return client;
    }

    static bool IsResync(JsonElement line) => line.GetProperty("event").GetString() == "Resync";

    // The client wraps the negotiation's refusal in its own error, whose message names the status.
    static async Task<bool> RefusedAsync(NodeHubClient client, string status = "401")
    {
        var line = await client.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed");
        Assert.True(line.GetProperty("event").GetString() == "start-failed", line.GetRawText());
        return line.Str("message").Contains($"Status code '{status}'", StringComparison.Ordinal);
    }

    static async Task<string> SubmitAsync(HttpClient channel, string text, string address) =>
        (await channel.SubmitAsync(Requests.Query(text, address: address))).Str("reference");

    static async Task PostAsync(HttpClient agent, string reference, string text, string visibility) =>
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text, visibility })).EnsureSuccessStatusCode();

    async Task<long> ContactOfAsync(string address)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>(
            "select contact_id from contact_identities where channel = 'email' and address = @address", new { address });
    }
}
