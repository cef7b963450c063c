using System.Net;
using Dapper;
using Desk.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// Many clients at once on what must have one winner. On SQLite the desk queues its writers; on PostgreSQL (test.sh's
/// second run) they truly race, and the unique constraints and row locks decide.
/// </summary>
public sealed class ConcurrencyTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    const int Clients = 16;

    [Fact]
    public async Task OneNewContact_WritingFromManyClientsAtOnce_BecomesOneContact()
    {
        using var channel = await desk.WithApiKeyAsync("intake");
        var address = $"race-{Guid.NewGuid():n}@example.org";

        var receipts = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i =>
            channel.SubmitAsync(Requests.Query($"Printer {i} on floor two is out of toner", address: address))));

        await using var db = await desk.OpenDbAsync();
        var contacts = await db.QueryAsync<long>("""
            select distinct q.contact_id from queries q join contact_identities i on i.contact_id = q.contact_id
            where i.address = @address
            """, new { address });
        Assert.Single(contacts);
        Assert.Equal(Clients, receipts.Select(r => r.Str("reference")).Distinct().Count());
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("select count(*) from contact_identities where address = @address", new { address }));
    }

    [Fact]
    public async Task ManyIntakesAtOnce_NeverShareAReference()
    {
        using var channel = await desk.WithApiKeyAsync("intake");

        var receipts = await Task.WhenAll(Enumerable.Range(0, Clients * 2).Select(i =>
            channel.SubmitAsync(Requests.Query($"The VPN drops every {i + 2} minutes"))));

        Assert.Equal(Clients * 2, receipts.Select(r => r.Str("reference")).Distinct().Count());
    }

    [Fact]
    public async Task Instants_SurviveARoundTripExactToTheMillisecond()
    {
        var at = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero).AddTicks(1_234_567); // .1234567 s
        await using var db = await desk.OpenDbAsync();

        var id = await db.ExecuteScalarAsync<long>(
            $"insert into audit_events (kind, created_at) values ('probe', @at) {desk.Services.GetRequiredService<ISqlDialect>().ReturningId()}",
            new { at });
        var back = await db.ExecuteScalarAsync<DateTimeOffset>("select created_at from audit_events where id = @id", new { id });

        Assert.Equal(at.ToUnixTimeMilliseconds(), back.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, back.Offset);
    }

    [Fact]
    public async Task ManyPatchesOfTheSameVersion_HaveOneWinner()
    {
        using var agent = await desk.SignInAsync("agent");
        var reference = (await agent.SubmitAsync(Requests.Query("Shared calendar shows the wrong time zone"))).Str("reference");
        // Within a step of the matrix's P3 (no override needed), and each a change: a PATCH to what the query already is
        // changes nothing and is answered 200 at the version it named, however many send it.
        string[] priorities = ["P2", "P4"];

        var answers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => QueryVersionTests.PatchAsync(
            agent, reference, new { priority = priorities[i % 2], reason = $"triage {i}" }, "\"1\"")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
    }

    [Fact]
    public async Task ChangesToDifferentFieldsAtOnce_AreAllKept()
    {
        using var agent = await desk.SignInAsync("agent");
        for (var round = 0; round < 4; round++)
        {
            var reference = (await agent.SubmitAsync(Requests.Query($"Scanner {round} on floor one saves blank pages"))).Str("reference");

            await Task.WhenAll(
                QueryVersionTests.PatchAsync(agent, reference, new { priority = "P2", reason = "blocks payroll" }, null),
                QueryVersionTests.PatchAsync(agent, reference, new { assignee = "agent" }, null),
                QueryVersionTests.PatchAsync(agent, reference, new { status = "in_progress" }, null));

            var query = await (await agent.GetAsync($"/api/queries/{reference}")).JsonAsync();
            Assert.Equal(("P2", "agent", "in_progress"), (query.Str("priority"), query.Str("assignee"), query.Str("status")));
            Assert.Equal(4, query.GetProperty("version").GetInt64());
        }
    }
}
