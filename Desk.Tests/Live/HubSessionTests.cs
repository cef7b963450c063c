using System.Net;
using System.Net.Http.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

/// <summary>A live console connection belongs to a session: when the session ends, the connection ends with it.</summary>
[Collection(LiveCollection.Name)]
public sealed class HubSessionTests(LiveDesk desk)
{
    [Fact]
    public async Task DisablingAMember_ClosesTheirOpenHubConnection()
    {
        var member = await desk.CreateStaffAsync();
        await using var node = NodeHubClient.Start(desk.BaseAddress, member, StaffAccounts.Password, "incident-management");
        Assert.Equal("ready", (await node.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "start-failed")).GetProperty("event").GetString());

        using var admin = await desk.SignInAsync("admin");
        var response = await admin.PatchAsJsonAsync($"/api/admin/staff/{member}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await node.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
    }

    [Fact]
    public async Task AMemberWhoStaysSignedIn_KeepsTheirConnection_WhenAnotherSessionEnds()
    {
        var member = await desk.CreateStaffAsync();
        // Every queue an ordinary agent works, so the new query is pushed wherever it is routed.
        var queues = string.Join(',', Desk.Api.Routing.Practice.Queues.Select(q => q.Queue).Where(q => q != "information-security"));
        await using var node = NodeHubClient.Start(desk.BaseAddress, member, StaffAccounts.Password, queues);
        await node.WaitForAsync(l => l.GetProperty("event").GetString() == "ready");
        using var other = await desk.SignInAsync("agent");

        Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsync("/api/auth/sign-out", null)).StatusCode);
        using var channel = await desk.ChannelAsync();
        var receipt = await channel.SubmitAsync(Requests.Query("The shared drive on floor 4 will not mount"));

        var pushed = await node.WaitForAsync(l => l.GetProperty("event").GetString() is "closed"
            || (l.GetProperty("event").GetString() == "QueryCreated" && l.GetProperty("payload").Str("reference") == receipt.Str("reference")));
        Assert.Equal("QueryCreated", pushed.GetProperty("event").GetString());
    }
}
