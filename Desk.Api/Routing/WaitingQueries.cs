using System.Text.Json;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Realtime;

namespace Desk.Api.Routing;

/// <summary>
/// Queries the router left waiting (<see cref="RoutingKinds.Waiting"/>: nobody fitted then) get another decision when an
/// agent may now take one: they said they are online, a query of theirs was resolved or closed, or their limit was raised.
/// Oldest first; a queue for which nobody fits is left for the next such moment. Each query is its own transaction, and its
/// routing entry says what set it going.
/// </summary>
internal sealed partial class WaitingQueries(
    DeskDb db, QueryStore queries, Router router, DeskNotifier notifier, TimeProvider clock, ILogger<WaitingQueries> logger)
{
    const int Batch = 100;

    /// <summary>Best effort after the change that freed an agent has committed: a failure is logged, and the next moment tries again.</summary>
    public async Task RouteAsync(string trigger, CancellationToken ct)
    {
        if (!router.On)
            return;
        try
        {
            var full = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (reference, queue) in await WaitingAsync(ct))
            {
                if (!full.Contains(queue) && !await RouteOneAsync(reference, trigger, ct))
                    full.Add(queue);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRoutingFailed(e);
        }
    }

    async Task<IReadOnlyList<(string Reference, string Queue)>> WaitingAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition($"""
            select q.reference, q.queue from queries q
            where q.assignee is null and q.status not in ('resolved', 'closed')
              and exists (select 1 from timeline_entries t where t.query_id = q.id and t.kind = @waiting)
            order by q.id
            {db.Dialect.Limit("batch")}
            """, new { waiting = RoutingKinds.Waiting, batch = Batch }, cancellationToken: ct))).ToList();
    }

    /// <summary>False when nobody fits the query's queue now; nothing is written then.</summary>
    async Task<bool> RouteOneAsync(string reference, string trigger, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var query = await queries.ClaimAsync(tx, reference, ct);
        // Taken or closed meanwhile: nothing to do, and the queue may still have room.
        if (query is null || query.Assignee is not null || !QueryStatus.IsOpen(query.Status))
            return true;
        var now = clock.GetUtcNow();
        if (await router.DecideAsync(tx, query.Queue, query.Text, except: null, now, ct) is not { Assignee: { } assignee } decision)
            return false;
        var data = JsonSerializer.SerializeToNode(decision.Data, JsonSerializerOptions.Web)!.AsObject();
        data["trigger"] = trigger;
        var entry = await router.RecordAsync(tx, query, decision with { Body = $"{decision.Body} It was waiting; then {trigger}.", Data = data }, now, ct);
        query.Assignee = assignee;
        query.UpdatedAt = now;
        await queries.UpdateAsync(tx, query, ct);
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing

        await notifier.QueryUpdatedAsync(query.ToSummary(), query.Queue);
        await notifier.TimelineAppendedAsync(entry, query.Queue);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not route the waiting queries")]
    partial void LogRoutingFailed(Exception exception);
}
