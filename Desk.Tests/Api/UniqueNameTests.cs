using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Desk.Tests.Api;

/// <summary>
/// Names people tell things apart by are unique, also when identical requests race: a live API key's name, a title among
/// the team's canned replies in one language, a title among one agent's own. Refusals are 409s that name the clash.
/// </summary>
public sealed class UniqueNameTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const int AtOnce = 6;

    static string Unique(string name) => $"{name} {Guid.NewGuid():n}"[..(name.Length + 9)];

    async Task<long> RowsAsync(string sql, object values)
    {
        await using var db = await desk.OpenDbAsync();
        return await db.ExecuteScalarAsync<long>(sql, values);
    }

    Task<long> LiveKeysCalledAsync(string name) =>
        RowsAsync("select count(*) from api_keys where lower(name) = lower(@name) and revoked_at is null", new { name });

    Task<long> RepliesTitledAsync(string title) => RowsAsync("select count(*) from canned_replies where lower(title) = lower(@title)", new { title });

    [Fact]
    public async Task ApiKey_CalledAsALiveOne_InAnyCase_Is409_NamingIt_InChineseToo_AndRevokingFreesTheName()
    {
        using var admin = await desk.SignInAsync("admin");
        var name = Unique("SMS gateway");
        var first = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name, scopes = new[] { "intake" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var again = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"  {name.ToLowerInvariant()} ", scopes = new[] { "queries:read" } });
        using var zh = new HttpRequestMessage(HttpMethod.Post, "/api/admin/api-keys") { Content = JsonContent.Create(new { name, scopes = new[] { "intake" } }) };
        zh.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await admin.SendAsync(zh);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"An API key called '{name.ToLowerInvariant()}' already exists; revoke it or choose another name.", (await again.JsonAsync()).Str("detail"));
        Assert.Equal(HttpStatusCode.Conflict, chinese.StatusCode);
        Assert.Equal($"已有名为「{name}」的 API 密钥；请吊销它，或另选一个名称。", (await chinese.JsonAsync()).Str("detail"));
        Assert.Equal(1, await LiveKeysCalledAsync(name));

        var id = (await first.JsonAsync()).GetProperty("info").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        var reused = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name, scopes = new[] { "intake" } });

        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
        Assert.Equal(1, await LiveKeysCalledAsync(name));
        Assert.Equal(2, await RowsAsync("select count(*) from api_keys where name = @name", new { name }));
    }

    [Fact]
    public async Task IdenticalKeyIssuesAtOnce_IssueOne_AndRefuseTheRest()
    {
        var admins = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => desk.SignInAsync("admin")));
        var name = Unique("portal");

        var answers = await Task.WhenAll(admins.Select(a => a.PostAsJsonAsync("/api/admin/api-keys", new { name, scopes = new[] { "intake" } })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(AtOnce - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await LiveKeysCalledAsync(name));
        foreach (var admin in admins)
            admin.Dispose();
    }

    [Fact]
    public async Task TeamReply_TitledAsOneInItsLanguage_Is409_ButAnotherLanguageOrAnAgentsOwnMayShareIt()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        using var agent = await desk.SignInAsync("agent");
        using var other = await desk.SignInAsync("agent2");
        var title = Unique("Password reset");
        object Reply(string title, string language = "en") => new { title, body = "Use the self-service page.", language };
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/canned-replies", Reply(title))).StatusCode);

        var twin = await supervisor.PostAsJsonAsync("/api/canned-replies", Reply($" {title.ToUpperInvariant()} "));

        Assert.Equal(HttpStatusCode.Conflict, twin.StatusCode);
        Assert.Equal($"There is already a canned reply called '{title.ToUpperInvariant()}' in 'en'; change that one or choose another title.",
            (await twin.JsonAsync()).Str("detail"));
        Assert.Equal(1, await RepliesTitledAsync(title));
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PostAsJsonAsync("/api/canned-replies", Reply(title, "zh"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/canned-replies", Reply(title))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/canned-replies", Reply(title))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostAsJsonAsync("/api/canned-replies", Reply(title.ToLowerInvariant()))).StatusCode);
        Assert.Equal(4, await RepliesTitledAsync(title));
    }

    [Fact]
    public async Task RenamingAReplyOntoAnotherOfTheSameList_Is409_AndChangesNothing()
    {
        using var agent = await desk.SignInAsync("agent");
        var (taken, mine) = (Unique("VPN"), Unique("VPN drops"));
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/canned-replies", new { title = taken, body = "Reconnect.", language = "en" })).StatusCode);
        var created = await (await agent.PostAsJsonAsync("/api/canned-replies", new { title = mine, body = "Update the client.", language = "en" })).JsonAsync();
        var id = created.GetProperty("id").GetInt64();

        var renamed = await agent.PutAsJsonAsync($"/api/canned-replies/{id}", new { title = taken.ToUpperInvariant(), body = "Changed.", language = "en" });

        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.Contains($"'{taken.ToUpperInvariant()}'", (await renamed.JsonAsync()).Str("detail"));
        var kept = (await (await agent.GetAsync("/api/canned-replies?language=en")).JsonAsync()).EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal((mine, "Update the client."), (kept.Str("title"), kept.Str("body")));
        Assert.Equal(HttpStatusCode.OK, (await agent.PutAsJsonAsync($"/api/canned-replies/{id}", new { title = mine, body = "Changed.", language = "en" })).StatusCode);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("agent")]
    public async Task IdenticalReplyCreatesAtOnce_StoreOne_AndRefuseTheRest(string writer)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => desk.SignInAsync(writer)));
        var title = Unique("Printer jam");

        var answers = await Task.WhenAll(clients.Select(c =>
            c.PostAsJsonAsync("/api/canned-replies", new { title, body = "Open tray 2.", language = "en" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(AtOnce - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await RepliesTitledAsync(title));
        foreach (var client in clients)
            client.Dispose();
    }
}
