using System.Text.Json;
using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Scale;

namespace Desk.Api.Routing;

/// <summary>
/// Which queues are restricted, as an admin set them in the desk (<c>queue_settings</c>) over what configuration says.
/// A change reaches every node at once, as a change of an agent's queues does: the agents who lose the queue (those who
/// work every unrestricted queue) hand back what they held in it and their consoles connect again; those who gain it may
/// be routed its waiting queries; API keys see it or not from their next request.
/// </summary>
internal sealed class QueueRestrictions(
    DeskDb db, QueueAccess access, AgentQueues agentQueues, NodeEvents nodes, WorkHandback handback, WaitingQueries waiting, TimeProvider clock)
{
    public async Task<IReadOnlyList<QueueSetting>> AllAsync(CancellationToken ct)
    {
        var agents = await AgentsAsync(ct);
        return Practice.Queues.Select(q => View(q.Queue, agents)).ToList();
    }

    /// <summary><paramref name="restricted"/>: whether the queue is restricted from now on; null gives it back to configuration.</summary>
    public async Task<QueueSetting> SetAsync(string queue, bool? restricted, string actor, CancellationToken ct)
    {
        await using (var write = await db.BeginWriteAsync(ct))
        {
            var (connection, tx) = (write.Connection, write.Transaction);
            var now = clock.GetUtcNow();
            // The queue's row, made once and locked by the first update: a second admin changing the queue waits here, so
            // each reads what the one before wrote and the audit log follows the order the changes took effect.
            await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("queue_settings",
                "queue, restricted, updated_by, updated_at", "@queue, null, @actor, @now", "queue"),
                new { queue, actor, now }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "update queue_settings set updated_by = @actor, updated_at = @now where queue = @queue",
                new { queue, actor, now }, tx, cancellationToken: ct));
            var before = await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(
                "select restricted from queue_settings where queue = @queue", new { queue }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "update queue_settings set restricted = @restricted where queue = @queue",
                new { queue, restricted }, tx, cancellationToken: ct));
            var change = JsonSerializer.Serialize(new
            {
                old = before ?? access.IsRestrictedInConfiguration(queue),
                @new = restricted ?? access.IsRestrictedInConfiguration(queue),
                from = restricted is null ? QueueAccess.FromConfiguration : QueueAccess.FromDesk,
            });
            await AuditLog.RecordAsync(tx, AuditKinds.QueueRestrictionChanged, actor, queue, change, now, ct);
            await tx.CommitAsync(ct);
        }

        var changed = await agentQueues.FollowAsync(ct);
        await nodes.PublishAsync(NodeEvents.QueueAccessChanged);
        var agents = await AgentsAsync(ct);
        var (queries, chats) = (0, 0);
        foreach (var agent in agents.Where(changed))
        {
            var handed = await handback.HandBackAsync(agent, Roles.Agent, actor, ct);
            (queries, chats) = (queries + handed.Queries, chats + handed.Chats);
        }
        await waiting.RouteAsync($"{actor} changed whether {queue} is restricted", ct);
        return View(queue, agents) with { HandedBackQueries = queries, HandedBackChats = chats };
    }

    QueueSetting View(string queue, IReadOnlyList<string> agents) => new(
        queue, Practice.Queues.First(q => q.Queue == queue).Practice, access.IsRestricted(queue), access.RestrictionSourceOf(queue),
        agents.Where(a => access.MayWork(a, Roles.Agent, queue)).ToList(), 0, 0);

    async Task<IReadOnlyList<string>> AgentsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select username from staff where role = @agent and disabled_at is null order by username",
            new { agent = Roles.Agent }, cancellationToken: ct))).AsList();
    }
}

/// <summary>
/// A queue as admins see it: whether it is restricted, whether the desk or configuration says so, and the enabled agents
/// who work it (supervisors and admins see every queue).
/// </summary>
internal sealed record QueueSetting(
    string Queue, string Practice, bool Restricted, string RestrictedFrom, IReadOnlyList<string> Agents, int HandedBackQueries, int HandedBackChats);

/// <summary><see cref="Restricted"/>: required; DELETE gives the queue back to configuration.</summary>
internal sealed record QueueRestrictionChange(bool? Restricted);
