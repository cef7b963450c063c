using System.Collections.Frozen;
using System.Text.Json;
using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Realtime;
using Desk.Api.Scale;

namespace Desk.Api.Routing;

/// <summary>
/// The queues each agent works, as a supervisor or admin set them in the desk (<c>agent_profiles.queues</c>), kept in
/// <see cref="QueueAccess"/> on every node with the queues an admin restricted (<c>queue_settings</c>). A change hands
/// back what the agent held in the queues they left, routes waiting queries to them in the queues they joined, and
/// closes their console connections so that each connects again and joins the queues it may see now: a connection left
/// in a queue's group would go on hearing its queries.
/// </summary>
internal sealed class AgentQueues(
    DeskDb db, QueueAccess access, NodeEvents nodes, HubSessions hubs, WorkHandback handback, WaitingQueries waiting, TimeProvider clock)
{
    readonly SemaphoreSlim following = new(1, 1);

    /// <summary>Reads the stored queues at start-up, and follows the changes other nodes make.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        nodes.Subscribe(NodeEvents.QueueAccessChanged, ct => FollowAsync(ct));
        access.Use(await ReadAsync(ct));
    }

    /// <summary>Takes what the desk holds now; answers whether an agent's queues changed with it.</summary>
    public async Task<Func<string, bool>> FollowAsync(CancellationToken ct)
    {
        // One read-and-take at a time: two changes followed at once could otherwise leave the older read in force.
        await following.WaitAsync(ct);
        try
        {
            var changed = access.Use(await ReadAsync(ct));
            hubs.Reconnect(user => user.IsInRole(Roles.Agent) && changed(user.Identity?.Name ?? ""));
            return changed;
        }
        finally
        {
            following.Release();
        }
    }

    /// <summary><paramref name="queues"/>: the queues the agent works from now on; null gives them back to configuration.</summary>
    public async Task<AgentQueuesResult> SetAsync(string username, IReadOnlyList<string>? queues, string actor, bool byAdmin, CancellationToken ct)
    {
        await using (var write = await db.BeginWriteAsync(ct))
        {
            var (connection, tx) = (write.Connection, write.Transaction);
            var role = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select role from staff where username = @username", new { username }, tx, cancellationToken: ct));
            if (role is null)
                return new AgentQueuesResult.NotFound();
            if (role != Roles.Agent)
                return new AgentQueuesResult.Conflict($"{username} is a {role}: supervisors and admins see every queue.");
            var before = access.QueuesOf(username, Roles.Agent)!;
            IEnumerable<string> after = queues ?? (IEnumerable<string>)access.DefaultQueuesOf(username);
            if (!byAdmin && after.FirstOrDefault(q => access.IsRestricted(q) && !before.Contains(q)) is { } restricted)
                return new AgentQueuesResult.Forbidden($"Only an admin can give an agent the restricted queue '{restricted}'.");

            var now = clock.GetUtcNow();
            var stored = queues is null ? null : string.Join(',', queues.Order(StringComparer.Ordinal));
            await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("agent_profiles",
                "username, availability, updated_by, updated_at", "@username, @online, @actor, @now", "username"),
                new { username, online = RoutingProfile.Online, actor, now }, tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "update agent_profiles set queues = @stored, updated_by = @actor, updated_at = @now where username = @username",
                new { username, stored, actor, now }, tx, cancellationToken: ct));
            var change = JsonSerializer.Serialize(new { old = before.Order(StringComparer.Ordinal), @new = after.Order(StringComparer.Ordinal) });
            await AuditLog.RecordAsync(tx, AuditKinds.AgentQueuesChanged, actor, username, change, now, ct);
            await tx.CommitAsync(ct);
        }

        await FollowAsync(ct);
        await nodes.PublishAsync(NodeEvents.QueueAccessChanged);
        var (queries, chats) = await handback.HandBackAsync(username, Roles.Agent, actor, ct);
        await waiting.RouteAsync($"{actor} changed {username}'s queues", ct);
        return new AgentQueuesResult.Set(View(username) with { HandedBackQueries = queries, HandedBackChats = chats });
    }

    public AgentQueuesView View(string username) =>
        new(username, access.QueuesOf(username, Roles.Agent)!.Order(StringComparer.Ordinal).ToList(), access.SourceOf(username), 0, 0);

    async Task<QueueAccessSettings> ReadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var agents = await connection.QueryAsync<(string Username, string Queues)>(new CommandDefinition(
            "select username, queues from agent_profiles where queues is not null", cancellationToken: ct));
        var restrictions = await connection.QueryAsync<(string Queue, bool Restricted)>(new CommandDefinition(
            "select queue, restricted from queue_settings where restricted is not null", cancellationToken: ct));
        return new QueueAccessSettings(
            agents.ToFrozenDictionary(
                r => r.Username, r => r.Queues.Split(',', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal),
            restrictions.ToFrozenDictionary(r => r.Queue, r => r.Restricted, StringComparer.Ordinal));
    }
}

/// <summary>An agent's queues: <see cref="Source"/> says whether the desk, configuration or the default decides them.</summary>
internal sealed record AgentQueuesView(string Username, IReadOnlyList<string> Queues, string Source, int HandedBackQueries, int HandedBackChats);

/// <summary><see cref="Queues"/>: the queues the agent works from now on, or null for what configuration says.</summary>
internal sealed record AgentQueuesChange(string?[]? Queues);

internal abstract record AgentQueuesResult
{
    public sealed record Set(AgentQueuesView View) : AgentQueuesResult;
    public sealed record NotFound : AgentQueuesResult;
    public sealed record Conflict(string Detail) : AgentQueuesResult;
    public sealed record Forbidden(string Detail) : AgentQueuesResult;
}
