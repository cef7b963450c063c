using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Classification;
using Desk.Classifier;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// The case file around a query: the contact's card with their other queries, a reclassification's reason kept as
/// training data, merging duplicates, and replies on the channel the user last used.
/// </summary>
public sealed class CasefileTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task TheContactCard_ListsTheIdentityAndEveryQuery_LeavingOutQueuesTheCallerMayNotSee()
    {
        using var agent2 = await desk.SignInAsync("agent2");
        using var agent = await desk.SignInAsync("agent");
        var address = $"card-{Guid.NewGuid():N}@example.org";
        var first = await agent2.SubmitAsync(Requests.Query("The printer on floor 2 jams", address: address));
        var second = (await agent2.SubmitAsync(Requests.Query("My badge does not open the garage", address: address))).Str("reference");
        var secret = (await agent2.SubmitAsync(Requests.Query("Someone asked for my password by phone", address: address))).Str("reference");
        await ChangeAsync(agent2, secret, new { type = "security_event", reason = "a phishing call" });
        var contact = (await (await agent2.GetAsync($"/api/queries/{first.Str("reference")}")).JsonAsync()).GetProperty("contactId").GetInt64();

        var full = await (await agent2.GetAsync($"/api/contacts/{contact}")).JsonAsync();
        var limited = await (await agent.GetAsync($"/api/contacts/{contact}")).JsonAsync();

        var identity = Assert.Single(full.GetProperty("identities").EnumerateArray());
        Assert.Equal(("email", address), (identity.Str("channel"), identity.Str("address")));
        Assert.Equal([secret, second, first.Str("reference")], References(full));
        Assert.Equal([second, first.Str("reference")], References(limited));
        Assert.Equal("Test User", limited.Str("displayName"));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/contacts/999999999")).StatusCode);
    }

    [Fact]
    public async Task AReclassification_KeepsItsReason_AndIsTrainingDataForTheNextModel()
    {
        using var agent = await desk.SignInAsync("agent2");
        var text = $"The VPN drops every ten minutes {Guid.NewGuid():N}";
        var reference = (await agent.SubmitAsync(Requests.Query(text))).Str("reference");

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type = "consultation" })).StatusCode);
        await ChangeAsync(agent, reference, new { type = "consultation", reason = "the user only asked how to reconnect" });

        await using var db = await desk.OpenDbAsync();
        var (type, reason, actor) = await db.QuerySingleAsync<(string, string, string)>(
            "select type, reason, actor from labelled_examples where text = @text", new { text });
        Assert.Equal(("consultation", "the user only asked how to reconnect", "agent2"), (type, reason, actor));
        var training = await desk.Services.GetRequiredService<LabelledExampleStore>().ListAsync(CancellationToken.None);
        Assert.Contains(training, e => e.Example.Text == text && e.Example.Label.ToCode() == "consultation");
    }

    [Fact]
    public async Task AMergedDuplicate_IsClosedWithItsClocksStopped_BothTimelinesSaySo_AndAMessageToItNamesTheSurvivor()
    {
        using var agent = await desk.SignInAsync("agent2");
        var user = $"outlook-{Guid.NewGuid():N}@example.org";
        var survivor = (await agent.SubmitAsync(Requests.Query("Outlook will not start", address: user))).Str("reference");
        var duplicate = (await agent.SubmitAsync(Requests.Query("Outlook crashes on start", address: user))).Str("reference");

        var merged = await agent.PostAsJsonAsync($"/api/queries/{duplicate}/merge", new { into = survivor, reason = "same user, same fault" });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var closed = await (await agent.GetAsync($"/api/queries/{duplicate}")).JsonAsync();
        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(survivor, closed.Str("mergedInto"));
        Assert.Contains(closed.GetProperty("timeline").EnumerateArray(), e => e.Str("kind") == "merged_into" && e.GetProperty("data").Str("into") == survivor);
        var kept = await (await agent.GetAsync($"/api/queries/{survivor}")).JsonAsync();
        Assert.Contains(kept.GetProperty("timeline").EnumerateArray(),
            e => e.Str("kind") == "merge_received" && e.GetProperty("data").Str("from") == duplicate && e.Str("body") == "same user, same fault");
        await using (var db = await desk.OpenDbAsync())
        {
            Assert.Null(await db.ExecuteScalarAsync<string?>("select sla_next_due from queries where reference = @duplicate", new { duplicate }));
            Assert.Equal(1, await db.ExecuteScalarAsync<int>(
                "select count(*) from audit_events where kind = 'query_merged' and subject = @duplicate and actor = 'agent2'", new { duplicate }));
        }
        var written = await agent.PostAsJsonAsync($"/api/queries/{duplicate}/messages", new { text = "Any news?" });
        Assert.Equal(HttpStatusCode.Conflict, written.StatusCode);
        Assert.Contains(survivor, (await written.JsonAsync()).Str("detail"));
    }

    [Fact]
    public async Task AMerge_IsRefused_IntoItself_IntoAClosedOrMergedQuery_AcrossQueuesTheCallerMayNotSee_AndAcrossContacts()
    {
        using var agent2 = await desk.SignInAsync("agent2");
        using var agent = await desk.SignInAsync("agent");
        var user = $"vpn-{Guid.NewGuid():N}@example.org";
        var open = (await agent2.SubmitAsync(Requests.Query("VPN drops every hour", address: user))).Str("reference");
        var other = (await agent2.SubmitAsync(Requests.Query("VPN drops at noon", address: user))).Str("reference");
        var merged = (await agent2.SubmitAsync(Requests.Query("VPN is slow", address: user))).Str("reference");
        var secret = (await agent2.SubmitAsync(Requests.Query("A stranger tailgated into the server room", address: user))).Str("reference");
        var someoneElses = (await agent2.SubmitAsync(Requests.Query("VPN drops every hour for me too"))).Str("reference");
        await ChangeAsync(agent2, secret, new { type = "security_event", reason = "physical security" });
        (await agent2.PostAsJsonAsync($"/api/queries/{merged}/merge", new { into = open, reason = "same" })).EnsureSuccessStatusCode();

        async Task<(HttpStatusCode, string)> MergeAsync(HttpClient who, string from, object body)
        {
            var response = await who.PostAsJsonAsync($"/api/queries/{from}/merge", body);
            return (response.StatusCode, (await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await MergeAsync(agent2, open, new { into = open, reason = "same" })).Item1);
        Assert.Equal(HttpStatusCode.BadRequest, (await MergeAsync(agent2, other, new { into = open, reason = "  " })).Item1);
        var chain = await MergeAsync(agent2, other, new { into = merged, reason = "same" });
        Assert.Equal(HttpStatusCode.Conflict, chain.Item1);
        Assert.Contains(open, chain.Item2);
        Assert.Equal(HttpStatusCode.Conflict, (await MergeAsync(agent2, merged, new { into = other, reason = "again" })).Item1);
        var closed = (await agent2.SubmitAsync(Requests.Query("VPN dropped once", address: user))).Str("reference");
        foreach (var status in new[] { "in_progress", "resolved", "closed" })
            await ChangeAsync(agent2, closed, new { status });
        var intoClosed = await MergeAsync(agent2, other, new { into = closed, reason = "same" });
        Assert.Equal(HttpStatusCode.Conflict, intoClosed.Item1);
        Assert.Contains($"{closed} is closed; merge into an open query.", intoClosed.Item2);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(agent, other, new { into = secret, reason = "same" })).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(agent, secret, new { into = other, reason = "same" })).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await MergeAsync(agent2, other, new { into = "INC-999999", reason = "same" })).Item1);
        // Another person's: the survivor's replies would reach them.
        foreach (var (from, into) in new[] { (someoneElses, other), (other, someoneElses) })
        {
            var across = await MergeAsync(agent2, from, new { into, reason = "same fault" });
            Assert.Equal(HttpStatusCode.Conflict, across.Item1);
            Assert.Contains($"{from} and {into} are two contacts' queries", across.Item2);
        }
        foreach (var reference in new[] { other, someoneElses })
        {
            var untouched = await (await agent2.GetAsync($"/api/queries/{reference}")).JsonAsync();
            Assert.Equal(("new", JsonValueKind.Null), (untouched.Str("status"), untouched.GetProperty("mergedInto").ValueKind));
        }
    }

    /// <summary>
    /// The user wrote first through the API (a portal, as their chat identity), then in chat about the same matter; once
    /// the chat's query is merged into the first, the chat is the channel they last used for it: their words land on it,
    /// and an agent's reply there goes to the chat.
    /// </summary>
    [Fact]
    public async Task AfterTheUserWritesInChat_OnTheQueryTheyStartedThroughTheApi_AnAgentsReplyGoesToTheChat()
    {
        await using var chat = await BotChat.StartAsync(desk);
        using var portal = await desk.WithApiKeyAsync("intake");
        using var agent = await desk.SignInAsync("agent2");
        var first = (await portal.SubmitAsync(new
        {
            text = "My monitor flickers all day",
            channel = "portal",
            contact = new { channel = "directline", address = chat.User, displayName = "Ana Silva" },
        })).Str("reference");
        var fromChat = chat.Received.Count;
        var answers = await chat.SayAsync("My monitor shows no picture since this morning");
        var duplicate = System.Text.RegularExpressions.Regex.Match(answers[0].Text, @"\b[A-Z]{3}-\d{4,}\b").Value;
        Assert.NotEqual(first, duplicate);

        (await agent.PostAsJsonAsync($"/api/queries/{duplicate}/merge", new { into = first, reason = "the same monitor" })).EnsureSuccessStatusCode();
        await chat.SayAsync("It is the same screen as before");
        await ChatQuery.WriteAsync(agent, first, "Please try another cable.");
        await chat.DrainedAsync();

        var timeline = (await (await agent.GetAsync($"/api/queries/{first}")).JsonAsync()).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.Str("kind") == "message_in" && e.Str("body") == "It is the same screen as before");
        var reply = timeline.Single(e => e.Str("kind") == "message_out");
        Assert.Equal(("botframework", "sent"), (reply.GetProperty("delivery").Str("channel"), reply.GetProperty("delivery").Str("state")));
        Assert.Contains(chat.Received.Skip(fromChat), m => m.Text == "Please try another cable.");
    }

    static async Task ChangeAsync(HttpClient client, string reference, object patch) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/queries/{reference}", patch)).StatusCode);

    static List<string> References(JsonElement card) => card.GetProperty("queries").EnumerateArray().Select(q => q.Str("reference")).ToList();
}
