using System.Net;
using System.Net.Http.Json;
using Dapper;
using Desk.Api.Data;

namespace Desk.Tests.Api;

/// <summary>
/// The desk while its database is out of reach, and after it is back: refusals that say so (503, Retry-After) rather
/// than bare 500s, and no write lost to a connection that died meanwhile. On PostgreSQL the outage is the test's own
/// database closed to connections with every open one ended (what a restart does); on SQLite, another writer holding
/// the file past the desk's busy timeout.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WhileTheDatabaseIsOutOfReach_RequestsAnswer503InTheDesksWords_AndTheFirstWriteAfterIsStored()
    {
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            // A busy SQLite file answers after the busy timeout: one second, not the tests' thirty.
            await using var desk = new ConfiguredDesk(database,
                ("Database:ConnectionString", database.ConnectionString.Replace("Default Timeout=30", "Default Timeout=1")));
            using var agent = await desk.SignInAsync("agent");
            await using var chat = await BotChat.StartAsync(desk);
            await agent.SubmitAsync(Requests.Query("Before the outage: the printer on floor two is offline")); // the writer keeps its connection

            using (database.CutOff())
            {
                var intake = await agent.PostAsJsonAsync("/api/queries", Requests.Query("During the outage: the VPN drops every hour"));
                await AssertOutOfReachAsync(intake);
                using var zh = new HttpRequestMessage(HttpMethod.Post, "/api/queries") { Content = JsonContent.Create(Requests.Query("停电期间：打印机离线")) };
                zh.Headers.AcceptLanguage.ParseAdd("zh-CN");
                var chinese = await (await agent.SendAsync(zh)).JsonAsync();
                Assert.Equal(("无法连接数据库", "服务台暂时无法连接其数据库，请稍后重试。"), (chinese.Str("title"), chinese.Str("detail")));
                if (DeskApplication.Engine == "postgres") // SQLite still reads while another holds the write lock
                {
                    await AssertOutOfReachAsync(await agent.GetAsync("/api/auth/me"));
                    await AssertOutOfReachAsync(await agent.GetAsync("/api/queues"));
                    await AssertOutOfReachAsync(await chat.PostAsync("During the outage: my mailbox is full")); // a connector retries a 5xx
                    await AssertOutOfReachAsync(await desk.Anonymous().PostAsJsonAsync("/api/auth/sign-in", new { username = "agent2", password = "agent2-pass-1" }));
                }
            }

            // The writer's kept connection died in the outage; its first batch after it runs again on a new one.
            var text = $"After the outage {Guid.NewGuid():n}: the scanner jams";
            var receipt = await agent.SubmitAsync(Requests.Query(text));
            await using var db = await desk.OpenDbAsync();
            Assert.Equal(receipt.Str("reference"), await db.QuerySingleAsync<string>("select reference from queries where text = @text", new { text }));
        }
        finally
        {
            database.Drop();
        }
    }

    static async Task AssertOutOfReachAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(TimeSpan.FromSeconds(DatabaseUnreachable.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var problem = await response.JsonAsync();
        Assert.Equal((DatabaseUnreachable.Title, DatabaseUnreachable.Detail), (problem.Str("title"), problem.Str("detail")));
    }

    [Fact]
    public async Task TwoDesksStartingOnOneEmptyDatabase_SeedTheDemoQueriesOnce()
    {
        // SQLite has no lock across processes to take around the seeding; one file serves one node's demo.
        if (DeskApplication.Engine == "sqlite")
            return;
        var database = TestDatabase.Create(DeskApplication.Engine);
        try
        {
            const int queries = 40;
            await using var a = new ConfiguredDesk(database, ("Demo:Queries", $"{queries}"));
            await using var b = new ConfiguredDesk(database, ("Demo:Queries", $"{queries}"));

            await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services)); // each host starts, and seeds, on first use

            await using var db = await a.OpenDbAsync();
            Assert.Equal(queries, await db.ExecuteScalarAsync<int>("select count(*) from queries"));
        }
        finally
        {
            database.Drop();
        }
    }
}
