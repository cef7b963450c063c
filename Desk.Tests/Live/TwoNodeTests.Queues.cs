using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Desk.Tests.Api;

namespace Desk.Tests.Live;

// Queue access set on one node holds on the other: an agent's queues, and a queue an admin restricts.
public sealed partial class TwoNodeTests
{
    [Fact]
    public async Task QueuesGivenOnNodeA_AreWhatTheAgentSeesOnNodeB_AndTheirConsoleOnBJoinsAgain()
    {
        using var onA = await TwoNodes.SignInAsync(nodes.A, "admin");
        var member = await NewAgentAsync(onA);
        await using var console = await ConsoleOnBAsync(member, "incident-management");

        (await onA.PutAsJsonAsync($"/api/admin/agents/{member}/queues", new { queues = new[] { "information-security" } })).EnsureSuccessStatusCode();

        await console.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
        using var onB = TwoNodes.Client(nodes.B, new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await onB.PostAsJsonAsync("/api/auth/sign-in", new { username = member, password = StaffAccounts.Password })).StatusCode);
        Assert.Equal(["information-security"], (await onB.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")));
    }

    [Fact]
    public async Task AQueueRestrictedOnNodeA_IsGoneForAnAgentOnNodeB_AndTheirConsoleOnBJoinsAgain()
    {
        using var onA = await TwoNodes.SignInAsync(nodes.A, "admin");
        var member = await NewAgentAsync(onA);
        await using var console = await ConsoleOnBAsync(member, "change-enablement");
        try
        {
            (await onA.PutAsJsonAsync("/api/admin/queues/change-enablement/restriction", new { restricted = true })).EnsureSuccessStatusCode();

            await console.WaitForAsync(l => l.GetProperty("event").GetString() == "closed");
            using var onB = TwoNodes.Client(nodes.B, new CookieContainer());
            Assert.Equal(HttpStatusCode.OK, (await onB.PostAsJsonAsync("/api/auth/sign-in", new { username = member, password = StaffAccounts.Password })).StatusCode);
            Assert.DoesNotContain("change-enablement", (await onB.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")));
        }
        finally
        {
            (await onA.DeleteAsync("/api/admin/queues/change-enablement/restriction")).EnsureSuccessStatusCode();
        }
    }

    static async Task<string> NewAgentAsync(HttpClient admin)
    {
        var member = $"twonode-{Guid.NewGuid():n}"[..20];
        (await admin.PostAsJsonAsync("/api/admin/staff", new { username = member, displayName = "Two Node", role = "agent", password = StaffAccounts.Password }))
            .EnsureSuccessStatusCode();
        return member;
    }

    /// <summary>The agent's console on node B, joined to the queue.</summary>
    async Task<NodeHubClient> ConsoleOnBAsync(string member, string queue)
    {
        var console = NodeHubClient.Start(nodes.B.BaseAddress, member, StaffAccounts.Password, queue);
        Assert.Equal("ready", (await console.WaitForAsync(l => l.GetProperty("event").GetString() is "ready" or "invoke-failed")).GetProperty("event").GetString());
        return console;
    }
}
