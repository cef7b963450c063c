using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;

namespace Desk.Tests.Api;

/// <summary>
/// Data-level access: notes are for staff, a channel key acts only on its own queries, security events are for the
/// information-security queue's members and supervisors. DeskApplication makes agent2 a member; agent is not.
/// </summary>
public sealed class DataAccessTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task InternalNotes_AreHiddenFromAReadKey_AndShownToStaff()
    {
        using var agent = await desk.SignInAsync("agent");
        using var reader = await desk.WithApiKeyAsync("queries:read");
        var reference = (await agent.SubmitAsync(Requests.Query("Printer on floor 3 jams"))).Str("reference");
        var note = await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Caller is on the watch list", visibility = "internal" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);

        var forKey = await (await reader.GetAsync($"/api/queries/{reference}")).JsonAsync();
        var forStaff = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();

        Assert.DoesNotContain(Kinds(forKey), k => k == "note");
        Assert.DoesNotContain("watch list", forKey.GetRawText());
        Assert.Contains(Kinds(forStaff), k => k == "note");
    }

    [Fact]
    public async Task Message_FromAnotherKey_IsNotFound_AndStoresNothing()
    {
        using var keyA = await desk.WithApiKeyAsync("intake");
        using var keyB = await desk.WithApiKeyAsync("intake");
        var reference = (await keyA.SubmitAsync(Requests.Query("VPN drops every hour"))).Str("reference");
        var before = await EntriesAsync(reference);

        var response = await keyB.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Please close this" });

        await AssertNotFoundProblemAsync(response);
        Assert.Equal(before, await EntriesAsync(reference));
        Assert.Equal(HttpStatusCode.Created, (await keyA.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Still dropping" })).StatusCode);
    }

    [Fact]
    public async Task KeyActions_AreRecordedAsTheKey_AndStaffActionsAsTheUsername()
    {
        using var key = await desk.WithApiKeyAsync("intake");
        using var agent = await desk.SignInAsync("agent");
        var reference = (await key.SubmitAsync(Requests.Query("Laptop battery swells"))).Str("reference");
        (await key.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "It is getting warm" })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Switch it off please" })).EnsureSuccessStatusCode();

        var timeline = (await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();

        var created = timeline.Single(e => e.Str("kind") == "created");
        var messageIn = timeline.Single(e => e.Str("kind") == "message_in");
        Assert.Matches(@"^key:\d+$", created.Str("actor"));
        Assert.Equal(created.Str("actor"), messageIn.Str("actor"));
        // The key's name, as WithApiKeyAsync gave it (unique in the process: live keys may not share a name).
        Assert.Matches(@"^test intake \d+$", created.GetProperty("data").Str("key"));
        Assert.Equal(created.GetProperty("data").Str("key"), messageIn.GetProperty("data").Str("key"));
        Assert.Equal("agent", timeline.Single(e => e.Str("kind") == "message_out").Str("actor"));
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(created.Str("actor"), await db.QuerySingleAsync<string>("select submitted_by from queries where reference = @reference", new { reference }));
    }

    [Fact]
    public async Task TheSubmittingKey_StillAddsTheUsersFollowUp_ToItsQueryMovedIntoARestrictedQueue_AndReadsNothingThere()
    {
        using var key = await desk.WithApiKeyAsync("intake", "queries:read");
        using var member = await desk.SignInAsync("agent2");
        var reference = (await key.SubmitAsync(Requests.Query("I typed my password into a page that looked like ours"))).Str("reference");
        (await member.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "phishing" })).EnsureSuccessStatusCode();

        var followUp = await key.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "My colleague got the same mail" });

        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);
        Assert.Equal("message_in", (await followUp.JsonAsync()).Str("kind"));
        await AssertNotFoundProblemAsync(await key.GetAsync($"/api/queries/{reference}"));
        var timeline = (await (await member.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.Str("kind") == "message_in" && e.Str("body") == "My colleague got the same mail");
    }

    [Fact]
    public async Task SecurityEvent_IsNotFoundForANonMember_AndWorkedByAMemberAndASupervisor()
    {
        var reference = await SecurityEventAsync();
        using var agent = await desk.SignInAsync("agent");
        using var member = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");
        var before = await EntriesAsync(reference);

        await AssertNotFoundProblemAsync(await agent.GetAsync($"/api/queries/{reference}"));
        await AssertNotFoundProblemAsync(await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "open" }));
        await AssertNotFoundProblemAsync(await agent.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Looking", visibility = "internal" }));
        Assert.Equal(before, await EntriesAsync(reference));

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/queries/{reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.PatchAsJsonAsync($"/api/queries/{reference}", new { status = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/queries/{reference}/messages", new { text = "Isolating the host" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/queries/{reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { assignee = "agent2" })).StatusCode);
    }

    [Fact]
    public async Task SecurityEvents_AreMissingFromTheListsAndQueuesOfNonMembers()
    {
        var reference = await SecurityEventAsync();
        using var agent = await desk.SignInAsync("agent");
        using var reader = await desk.WithApiKeyAsync("queries:read");
        using var member = await desk.SignInAsync("agent2");
        using var supervisor = await desk.SignInAsync("supervisor");

        foreach (var outsider in new[] { agent, reader })
        {
            Assert.Empty(await ListAsync(outsider, "type=security_event&limit=200"));
            Assert.Empty(await ListAsync(outsider, "queue=information-security"));
            Assert.DoesNotContain("information-security", await QueuesAsync(outsider));
        }
        foreach (var insider in new[] { member, supervisor })
        {
            Assert.Contains(reference, await ListAsync(insider, "queue=information-security&limit=200"));
            Assert.Contains("information-security", await QueuesAsync(insider));
        }
        Assert.Contains("incident-management", await QueuesAsync(agent));
    }

    [Fact]
    public async Task Assigning_ASecurityEvent_ToANonMember_IsAValidationProblem()
    {
        var reference = await SecurityEventAsync();
        using var supervisor = await desk.SignInAsync("supervisor");
        var before = await EntriesAsync(reference);

        var response = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { assignee = "agent", priority = "P1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("assignee", out _));
        Assert.Equal(before, await EntriesAsync(reference));
    }

    [Fact]
    public async Task Reclassifying_AQueryAssignedToANonMember_AsASecurityEvent_IsAValidationProblem()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await supervisor.SubmitAsync(Requests.Query("Odd mail", catalogItem: "access-request"))).Str("reference");
        (await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { assignee = "agent" })).EnsureSuccessStatusCode();

        var kept = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Phishing" });
        var handedOver = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Phishing", assignee = "agent2" });

        Assert.Equal(HttpStatusCode.BadRequest, kept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handedOver.StatusCode);
        Assert.Equal("information-security", (await handedOver.JsonAsync()).Str("queue"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("POST")]
    public async Task UnknownReference_IsAProblemWithATraceId(string method)
    {
        using var agent = await desk.SignInAsync("agent");
        var response = method switch
        {
            "GET" => await agent.GetAsync("/api/queries/INC-999999"),
            "PATCH" => await agent.PatchAsJsonAsync("/api/queries/INC-999999", new { status = "open" }),
            _ => await agent.PostAsJsonAsync("/api/queries/INC-999999/messages", new { text = "Hello" }),
        };

        await AssertNotFoundProblemAsync(response);
    }

    [Fact]
    public void QueueAccess_NamingAQueueThatDoesNotExist_StopsTheDeskAtStartUp()
    {
        using var broken = desk.WithWebHostBuilder(b => b.UseSetting("QueueAccess:Agents:agent:0", "secret-squirrels"));

        var error = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains("secret-squirrels", error.Message);
    }

    /// <summary>A query submitted by an intake key, then moved to information-security by a supervisor's reclassification.</summary>
    async Task<string> SecurityEventAsync()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        using var supervisor = await desk.SignInAsync("supervisor");
        var reference = (await channel.SubmitAsync(Requests.Query("Strange login prompt", catalogItem: "access-request"))).Str("reference");
        var moved = await supervisor.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "security_event", reason = "Credential phishing" });
        Assert.Equal("information-security", (await moved.JsonAsync()).Str("queue"));
        return reference;
    }

    static async Task AssertNotFoundProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.Str("title")));
        Assert.False(string.IsNullOrEmpty(problem.Str("traceId")));
    }

    async Task<long> EntriesAsync(string reference)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>("""
            select count(*) from timeline_entries t join queries q on q.id = t.query_id where q.reference = @reference
            """, new { reference });
    }

    static async Task<List<string>> ListAsync(HttpClient client, string query)
    {
        var page = await (await client.GetAsync($"/api/queries?{query}")).JsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(i => i.Str("reference")).ToList();
    }

    static async Task<List<string>> QueuesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/queues")).EnumerateArray().Select(q => q.Str("queue")).ToList();

    static IEnumerable<string> Kinds(JsonElement detail) => detail.GetProperty("timeline").EnumerateArray().Select(e => e.Str("kind"));
}
