using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>One person across channels (issue 12): merging contacts by hand, the card's one timeline, and un-merging.</summary>
public sealed class ContactMergeTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task AMerge_MovesIdentitiesAndQueries_AndIntakeForAnOldIdentityLandsOnTheSurvivor()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        var person = Person();
        var byMail = await SubmitAsync(channel, "The VPN drops every ten minutes", "email", person.Email);
        var byChat = await SubmitAsync(channel, "Outlook will not start", "emulator", person.Chat);
        var (survivor, merged) = (await ContactOfAsync(agent, byMail), await ContactOfAsync(agent, byChat));
        Assert.NotEqual(survivor, merged);

        var response = await agent.PostAsJsonAsync($"/api/contacts/{survivor}/merge", new { from = merged, reason = "same person, mail and chat" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.JsonAsync();
        Assert.Equal((1, 1), (receipt.GetProperty("identities").GetInt32(), receipt.GetProperty("queries").GetInt32()));
        Assert.Equal(survivor, await ContactOfAsync(agent, byChat));
        var again = await SubmitAsync(channel, "Outlook still will not start", "emulator", person.Chat);
        Assert.Equal(survivor, await ContactOfAsync(agent, again));
        var gone = await (await agent.GetAsync($"/api/contacts/{merged}")).JsonAsync();
        Assert.Equal(survivor, gone.GetProperty("mergedInto").GetInt64());
        Assert.Empty(gone.GetProperty("identities").EnumerateArray());
        Assert.Empty(gone.GetProperty("queries").EnumerateArray());
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "select count(*) from audit_events where kind = 'contact_merged' and subject = @subject and actor = 'agent2' and detail like '%same person, mail and chat%'",
            new { subject = $"contact:{merged}" }));
    }

    [Fact]
    public async Task AfterAMerge_TheUsersChatWithTheBot_FilesItsNextQueryOnTheSurvivor()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        await using var chat = await BotChat.StartAsync(desk);
        var byChat = ReferenceIn(Assert.Single(await chat.SayAsync("My monitor shows no picture since this morning")).Text);
        var byMail = await SubmitAsync(channel, "The VPN drops every ten minutes", "email", Person().Email);
        var survivor = await ContactOfAsync(agent, byMail);

        await MergeAsync(agent, survivor, await ContactOfAsync(agent, byChat));

        Assert.Equal(survivor, await ContactOfAsync(agent, byChat));
        Assert.Contains("new matter", Assert.Single(await chat.SayAsync("I have another problem")).Text);
        var next = ReferenceIn(Assert.Single(await chat.SayAsync("The payroll system is down for the whole company")).Text);
        Assert.Equal(survivor, await ContactOfAsync(agent, next));
    }

    [Fact]
    public async Task AnUnmerge_AfterTheirQueriesWereMerged_GivesTheChatBackItsOwnQuery_SoTheOthersRepliesStayOutOfIt()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        await using var chat = await BotChat.StartAsync(desk);
        var byChat = ReferenceIn(Assert.Single(await chat.SayAsync("My monitor shows no picture since this morning")).Text);
        var byMail = await SubmitAsync(channel, "My screen stays black", "email", Person().Email);
        var (survivor, merged) = (await ContactOfAsync(agent, byMail), await ContactOfAsync(agent, byChat));
        var merge = (await MergeAsync(agent, survivor, merged)).GetProperty("merge").GetInt64();
        (await agent.PostAsJsonAsync($"/api/queries/{byChat}/merge", new { into = byMail, reason = "the same screen" })).EnsureSuccessStatusCode();
        await using var db = await desk.OpenDbAsync();
        const string ChatQuery = "select q.reference from conversations c left join queries q on q.id = c.query_id where c.address like @user";
        var user = $"%{chat.User}%";
        Assert.Equal(byMail, await db.ExecuteScalarAsync<string>(ChatQuery, new { user }));

        (await agent.PostAsJsonAsync($"/api/contacts/{survivor}/unmerge", new { merge, reason = "two people after all" })).EnsureSuccessStatusCode();

        Assert.Equal(byChat, await db.ExecuteScalarAsync<string>(ChatQuery, new { user }));
        var reply = await agent.PostAsJsonAsync($"/api/queries/{byMail}/messages", new { text = "Your temporary password is on its way." });
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.NotEqual("botframework", (await reply.JsonAsync()).GetProperty("delivery") is { ValueKind: JsonValueKind.Object } delivery
            ? delivery.Str("channel") : null);
    }

    [Fact]
    public async Task TheCard_ShowsEveryIdentityAndEveryQueryAcrossChannels_WithTheMerge_AndStillOnlyQueuesTheCallerMaySee()
    {
        using var agent2 = await desk.SignInAsync("agent2");
        using var agent = await desk.SignInAsync("agent");
        using var channel = await desk.WithApiKeyAsync("intake");
        var person = Person();
        var byMail = await SubmitAsync(channel, "My badge does not open the garage", "email", person.Email);
        var bySms = await SubmitAsync(channel, "The printer on floor 2 jams", "sms", person.Phone);
        var secret = await SubmitAsync(channel, "Someone asked for my password by phone", "emulator", person.Chat);
        (await agent2.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "a phishing call" })).EnsureSuccessStatusCode();
        var survivor = await ContactOfAsync(agent2, byMail);
        await MergeAsync(agent2, survivor, await ContactOfAsync(agent2, bySms));
        await MergeAsync(agent2, survivor, await ContactOfAsync(agent2, secret));

        var card = await (await agent2.GetAsync($"/api/contacts/{survivor}")).JsonAsync();
        var limited = await (await agent.GetAsync($"/api/contacts/{survivor}")).JsonAsync();

        Assert.Equal([("email", person.Email), ("sms", person.Phone.Replace(" ", "")), ("emulator", person.Chat)],
            card.GetProperty("identities").EnumerateArray().Select(i => (i.Str("channel"), i.Str("address"))).ToArray());
        Assert.All(card.GetProperty("identities").EnumerateArray(), i => Assert.True(i.GetProperty("since").GetDateTimeOffset() > DateTimeOffset.MinValue));
        Assert.Equal([secret, bySms, byMail], References(card));
        Assert.Equal(["chat", "sms", "email"], card.GetProperty("queries").EnumerateArray().Select(q => q.Str("channel")).ToArray());
        Assert.Equal([bySms, byMail], References(limited));
        Assert.Equal(2, card.GetProperty("merges").GetArrayLength());
        Assert.All(card.GetProperty("merges").EnumerateArray(), m => Assert.Equal(survivor, m.GetProperty("survivor").GetInt64()));
    }

    [Fact]
    public async Task AnAgentOutsideARestrictedQueue_CannotMergeOrUnmergeAPersonWithAQueryInIt_AndOneInsideCan()
    {
        using var agent2 = await desk.SignInAsync("agent2");
        using var agent = await desk.SignInAsync("agent");
        using var channel = await desk.WithApiKeyAsync("intake");
        var person = Person();
        var byMail = await SubmitAsync(channel, "The VPN drops every ten minutes", "email", person.Email);
        var secret = await SubmitAsync(channel, "Someone asked for my password by phone", "emulator", person.Chat);
        var plain = await SubmitAsync(channel, "Outlook will not start", "emulator", person.Chat);
        (await agent2.PatchAsJsonAsync($"/api/queries/{secret}", new { type = "security_event", reason = "a phishing call" })).EnsureSuccessStatusCode();
        var (survivor, merged) = (await ContactOfAsync(agent2, byMail), await ContactOfAsync(agent2, plain));

        // Merged, the security event would show to whoever signs in to the portal as either person: the agent may not read it.
        foreach (var (into, from) in new[] { (survivor, merged), (merged, survivor) })
        {
            var refused = await agent.PostAsJsonAsync($"/api/contacts/{into}/merge", new { from, reason = "the same person" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("queues you do not work", (await refused.JsonAsync()).Str("detail"));
        }
        Assert.Equal(merged, await ContactOfAsync(agent2, secret));

        var receipt = await MergeAsync(agent2, survivor, merged);
        Assert.Equal(2, receipt.GetProperty("queries").GetInt32());
        Assert.Equal(survivor, await ContactOfAsync(agent2, secret));
        var merge = receipt.GetProperty("merge").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"/api/contacts/{survivor}/unmerge", new { merge, reason = "not the same" })).StatusCode);
        var undo = await agent2.PostAsJsonAsync($"/api/contacts/{survivor}/unmerge", new { merge, reason = "not the same" });
        Assert.Equal(2, (await undo.JsonAsync()).GetProperty("queries").GetInt32());
        Assert.Equal(merged, await ContactOfAsync(agent2, secret));
    }

    [Fact]
    public async Task AnUnmerge_MovesBackExactlyWhatTheMergeMoved_AndLeavesLaterQueriesWithTheSurvivor()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        var person = Person();
        var byMail = await SubmitAsync(channel, "The VPN drops every ten minutes", "email", person.Email);
        var byChat = await SubmitAsync(channel, "Outlook will not start", "emulator", person.Chat);
        var (survivor, merged) = (await ContactOfAsync(agent, byMail), await ContactOfAsync(agent, byChat));
        var merge = (await MergeAsync(agent, survivor, merged)).GetProperty("merge").GetInt64();
        var later = await SubmitAsync(channel, "Outlook crashes again", "emulator", person.Chat);

        var response = await agent.PostAsJsonAsync($"/api/contacts/{survivor}/unmerge", new { merge, reason = "two people share that chat id" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(merged, await ContactOfAsync(agent, byChat));
        Assert.Equal(survivor, await ContactOfAsync(agent, later));
        Assert.Equal(survivor, await ContactOfAsync(agent, byMail));
        var back = await (await agent.GetAsync($"/api/contacts/{merged}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, back.GetProperty("mergedInto").ValueKind);
        Assert.Equal(("emulator", person.Chat), (back.GetProperty("identities")[0].Str("channel"), back.GetProperty("identities")[0].Str("address")));
        var kept = await (await agent.GetAsync($"/api/contacts/{survivor}")).JsonAsync();
        Assert.Equal([("email", person.Email)], kept.GetProperty("identities").EnumerateArray().Select(i => (i.Str("channel"), i.Str("address"))).ToArray());
        var entry = Assert.Single(kept.GetProperty("merges").EnumerateArray());
        Assert.Equal(("agent2", "two people share that chat id"), (entry.Str("unmergedBy"), entry.Str("unmergeReason")));
        // The chat identity is the merged contact's again: its next query lands there.
        Assert.Equal(merged, await ContactOfAsync(agent, await SubmitAsync(channel, "And once more", "emulator", person.Chat)));

        var twice = await agent.PostAsJsonAsync($"/api/contacts/{survivor}/unmerge", new { merge, reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        await using var db = await desk.OpenDbAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "select count(*) from audit_events where kind = 'contact_unmerged' and subject = @subject", new { subject = $"contact:{merged}" }));
    }

    [Fact]
    public async Task MergesThatCannotBe_AreRefusedWithProblemDetails_AndChangeNothing()
    {
        using var agent = await desk.SignInAsync("agent2");
        using var channel = await desk.WithApiKeyAsync("intake");
        var (a, b, c) = (await NewContactAsync(agent, channel), await NewContactAsync(agent, channel), await NewContactAsync(agent, channel));
        await MergeAsync(agent, a, b);

        await RefusedAsync(agent, $"/api/contacts/{a}/merge", new { from = a, reason = "same" }, HttpStatusCode.BadRequest);
        await RefusedAsync(agent, $"/api/contacts/{a}/merge", new { from = c, reason = "  " }, HttpStatusCode.BadRequest);
        await RefusedAsync(agent, $"/api/contacts/{a}/merge", new { from = 999_999_999L, reason = "unknown" }, HttpStatusCode.NotFound);
        await RefusedAsync(agent, $"/api/contacts/999999999/merge", new { from = c, reason = "unknown" }, HttpStatusCode.NotFound);
        await RefusedAsync(agent, $"/api/contacts/{c}/merge", new { from = b, reason = "b is merged" }, HttpStatusCode.Conflict);
        await RefusedAsync(agent, $"/api/contacts/{b}/merge", new { from = c, reason = "into a merged one" }, HttpStatusCode.Conflict);
        await RefusedAsync(agent, $"/api/contacts/{c}/unmerge", new { merge = 999_999_999L, reason = "no such merge" }, HttpStatusCode.NotFound);
        await RefusedAsync(agent, $"/api/contacts/{a}/unmerge", new { merge = 1, reason = "" }, HttpStatusCode.BadRequest);

        var card = await (await agent.GetAsync($"/api/contacts/{c}")).JsonAsync();
        Assert.Equal(1, card.GetProperty("identities").GetArrayLength());
        Assert.Empty(card.GetProperty("merges").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, card.GetProperty("mergedInto").ValueKind);
    }

    internal static async Task RefusedAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    internal static (string Email, string Chat, string Phone) Person()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        return ($"mei-{tag}@example.org", $"u-mei-{tag}", $"+44 20 7946 {Random.Shared.Next(1000):D4}");
    }

    internal static async Task<JsonElement> MergeAsync(HttpClient agent, long survivor, long merged)
    {
        var response = await agent.PostAsJsonAsync($"/api/contacts/{survivor}/merge", new { from = merged, reason = "the same person" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    internal static async Task<string> SubmitAsync(HttpClient channel, string text, string contactChannel, string address, string name = "Mei Lin") =>
        (await channel.SubmitAsync(new { text, channel = contactChannel == "emulator" ? "chat" : contactChannel, contact = new { channel = contactChannel, address, displayName = name } })).Str("reference");

    internal static async Task<long> ContactOfAsync(HttpClient staff, string reference) =>
        (await (await staff.GetAsync($"/api/queries/{reference}")).JsonAsync()).GetProperty("contactId").GetInt64();

    static async Task<long> NewContactAsync(HttpClient staff, HttpClient channel) =>
        await ContactOfAsync(staff, await SubmitAsync(channel, "The VPN drops", "emulator", $"u-{Guid.NewGuid():N}"));

    static string ReferenceIn(string text) => System.Text.RegularExpressions.Regex.Match(text, @"\b[A-Z]{3}-\d{4,}\b") is { Success: true } match
        ? match.Value
        : throw new Xunit.Sdk.XunitException($"No reference in: {text}");

    static string[] References(JsonElement card) => card.GetProperty("queries").EnumerateArray().Select(q => q.Str("reference")).ToArray();
}
