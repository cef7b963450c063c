using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Desk.Tests.Api;

/// <summary>
/// A member who is disabled, or moved to a role that does not work a queue, hands back what they hold there: open
/// queries go back to their queue unassigned, a live chat back to the live queue with the user told, each on the timeline.
/// </summary>
public sealed class WorkHandbackTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task DisablingAMember_ReturnsTheirOpenQueries_AndTheirLiveChatToTheLiveQueue()
    {
        var member = await desk.CreateStaffAsync();
        using var client = desk.WithCookie(await desk.SessionCookieAsync(member));
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var held = (await supervisor.SubmitAsync(Requests.Query("The scanner on floor 2 is offline"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{held}", new { assignee = member })).EnsureSuccessStatusCode();
        var resolved = (await supervisor.SubmitAsync(Requests.Query("The scanner on floor 3 is offline"))).Str("reference");
        foreach (var change in new object[] { new { assignee = member, status = "in_progress" }, new { status = "resolved" } })
            (await supervisor.PatchAsJsonAsync($"/api/queries/{resolved}", change)).EnsureSuccessStatusCode();
        await using var chat = await BotChat.StartAsync(desk);
        var chatted = ConversationTests.ReferenceIn(Assert.Single(await chat.SayAsync("Can I talk to a person please?")).Text);
        var id = (await supervisor.GetFromJsonAsync<JsonElement>("/api/conversations/live")).EnumerateArray()
            .Single(c => c.Str("reference") == chatted).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/conversations/{id}/take", null)).StatusCode);
        await chat.DrainedAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/staff/{member}", new { disabled = true })).StatusCode);

        var query = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{held}");
        Assert.Equal(JsonValueKind.Null, query.GetProperty("assignee").ValueKind);
        Assert.Contains(query.GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "assignee_changed" && e.Str("actor") == "admin" && e.Str("body") == $"{member} was disabled.");
        Assert.Equal(member, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{resolved}")).Str("assignee"));
        var live = (await supervisor.GetFromJsonAsync<JsonElement>("/api/conversations/live")).EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal("waiting", live.Str("state"));
        await chat.DrainedAsync();
        Assert.Contains(chat.Received, m => m.Text.Contains("You're back in the queue"));
        using var agent2 = await desk.SignInAsync("agent2");
        Assert.Equal(HttpStatusCode.OK, (await agent2.PostAsync($"/api/conversations/{id}/take", null)).StatusCode);
    }

    [Fact]
    public async Task DemotingASupervisor_ReturnsOnlyWhatTheirNewRoleDoesNotWork()
    {
        var member = await desk.CreateStaffAsync(role: "supervisor");
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var secret = (await supervisor.SubmitAsync(Requests.Query("Someone asked for my password by phone"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "phishing", assignee = member })).EnsureSuccessStatusCode();
        var plain = (await supervisor.SubmitAsync(Requests.Query("The printer on floor 5 is out of toner"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{plain}", new { assignee = member })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/staff/{member}", new { role = "agent" })).StatusCode);

        var handed = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{secret}");
        Assert.Equal(JsonValueKind.Null, handed.GetProperty("assignee").ValueKind);
        Assert.Contains(handed.GetProperty("timeline").EnumerateArray(), e => e.Str("body") == $"{member} no longer works the information-security queue.");
        Assert.Equal(member, (await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{plain}")).Str("assignee"));
    }

    [Fact]
    public async Task AResolvedQuery_OfAMemberDisabledSince_GoesBackToItsQueueUnassigned_WhenReopened_ByAnAgentOrTheUser()
    {
        var member = await desk.CreateStaffAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        using var admin = await desk.SignInAsync("admin");
        var byAgent = (await supervisor.SubmitAsync(Requests.Query("The plotter on floor 4 is offline"))).Str("reference");
        await using var chat = await BotChat.StartAsync(desk);
        var byUser = ConversationTests.ReferenceIn(Assert.Single(await chat.SayAsync("My laptop dock stopped charging the laptop")).Text);
        foreach (var reference in new[] { byAgent, byUser })
            foreach (var change in new object[] { new { assignee = member, status = "in_progress" }, new { status = "resolved" } })
                (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", change)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/admin/staff/{member}", new { disabled = true })).StatusCode);
        await chat.DrainedAsync();

        (await supervisor.PatchAsJsonAsync($"/api/queries/{byAgent}", new { status = "open", reason = "Still offline" })).EnsureSuccessStatusCode();
        await chat.SayAsync("The dock stopped charging again this morning");

        foreach (var reference in new[] { byAgent, byUser })
        {
            var query = await supervisor.GetFromJsonAsync<JsonElement>($"/api/queries/{reference}");
            Assert.Equal(("open", JsonValueKind.Null), (query.Str("status"), query.GetProperty("assignee").ValueKind));
            var released = Assert.Single(query.GetProperty("timeline").EnumerateArray(),
                e => e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("says", out var says) && says.GetString() == "reopened_unassigned");
            Assert.Equal(member, released.GetProperty("data").Str("from"));
        }
    }
}
