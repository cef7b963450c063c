using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Desk.Api.Board;
using Desk.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Desk.Tests.Api;

/// <summary>
/// How a node takes in changes it was not told of (another node's, or a push it missed), on a desk of its own: every
/// <c>Board:ResyncInterval</c> it reads the queries changed since its last read, by their <c>updated_at</c>; every
/// <c>Board:ReloadInterval</c> it reads every open query again.
/// </summary>
public sealed class BoardCatchUpTests(DeskApplication desk) : IClassFixture<DeskApplication>
{
    [Fact]
    public async Task AStampedChange_ShowsAfterTheCatchUp_AndOnlyTheReloadFindsOneWithoutItsStamp()
    {
        using var supervisor = await desk.SignInAsync("supervisor");
        var resolved = await supervisor.SubmitAsync(Requests.Query("The badge reader at the north door stays red"));
        var closed = await supervisor.SubmitAsync(Requests.Query("My laptop fan runs loud all day"));
        var start = await OpenAsync(supervisor); // warms the counts; both queries are on them
        var tally = desk.Services.GetRequiredService<BoardTally>();
        // A catch-up looks back a little before its last read: past that, the two queries' creation is behind it.
        desk.Clock.Advance(TimeSpan.FromMinutes(3));
        await tally.TickAsync(CancellationToken.None);

        // Written as another node would, without telling this one: one change stamps updated_at as every writer of the
        // desk does; the other does not, so only a read of every open query can see it.
        await using (var connection = await desk.Services.GetRequiredService<DeskDb>().OpenAsync(CancellationToken.None))
        {
            var now = desk.Clock.GetUtcNow();
            await connection.ExecuteAsync("""
                update queries set status = 'resolved', resolved_at = @now, updated_at = @now, version = version + 1
                where reference = @reference
                """, new { now, reference = resolved.Str("reference") });
            await connection.ExecuteAsync("update queries set status = 'closed', version = version + 1 where reference = @reference",
                new { reference = closed.Str("reference") });
        }

        desk.Clock.Advance(TimeSpan.FromSeconds(31));
        await tally.TickAsync(CancellationToken.None);
        var caughtUp = await OpenAsync(supervisor);
        Assert.Equal(Less(start, resolved.Str("queue")), caughtUp);

        desk.Clock.Advance(TimeSpan.FromHours(1));
        await tally.TickAsync(CancellationToken.None);
        Assert.Equal(Less(Less(start, resolved.Str("queue")), closed.Str("queue")), await OpenAsync(supervisor));
    }

    static Dictionary<string, int> Less(Dictionary<string, int> open, string queue) =>
        open.ToDictionary(q => q.Key, q => q.Key == queue ? q.Value - 1 : q.Value);

    static async Task<Dictionary<string, int>> OpenAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/board")).GetProperty("queues").EnumerateArray()
            .ToDictionary(q => q.Str("queue"), q => q.GetProperty("open").GetInt32());
}
