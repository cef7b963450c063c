using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Knowledge;
using Desk.Api.Presence;
using Desk.Api.Queries;
using Microsoft.Extensions.Options;

namespace Desk.Api.Routing;

/// <summary>What the router decided for a query: an assignee, or why it waits; the body and data go on its timeline.</summary>
internal sealed record RoutingDecision(string? Assignee, string Body, object Data);

internal static class RoutingKinds
{
    /// <summary>The router gave the query to an agent; the body says why them.</summary>
    public const string Assigned = "assigned_by_routing";

    /// <summary>Nobody fitted; the body says why, and the query waits unassigned.</summary>
    public const string Waiting = "routing_waiting";

    public const string Actor = "routing";
}

/// <summary>
/// Gives a query to an agent who may work its queue, is online (said so, and has a console open), speaks its language
/// and holds fewer open queries than their limit: the least loaded, ties in turn after the queue's cursor.
/// </summary>
internal sealed class Router(
    DeskDb db, AgentProfiles profiles, AgentPresence presence, QueueAccess access, TimelineStore timeline, IOptionsMonitor<RoutingOptions> options)
{
    static readonly IReadOnlyDictionary<string, int> NoLoads = new Dictionary<string, int>();

    public bool On => options.CurrentValue.Mode == RoutingModes.Assign;

    /// <summary>
    /// Decides inside the caller's write transaction, holding the queue's cursor row until it ends so that two decisions
    /// for one queue take turns. Null when routing is off. <paramref name="except"/> is an agent not to choose (who just released it).
    /// </summary>
    public async Task<RoutingDecision?> DecideAsync(DbTransaction tx, string queue, string text, string? except, DateTimeOffset now, CancellationToken ct)
    {
        if (!On)
            return null;
        var connection = tx.Connection!;
        var language = KnowledgeText.GuessLanguage(text);
        var working = (await profiles.AgentsAsync(connection, tx, ct))
            .Where(a => a.Username != except && access.MayWork(a.Username, Roles.Agent, queue)).ToList();
        var online = working.Where(a => a.Availability == RoutingProfile.Online && presence.IsConnected(a.Username)).ToList();
        var speaking = online.Where(a => a.Languages.Contains(language)).ToList();
        // Nobody online speaks the language: no load changes that, so the queue's cursor is neither taken nor read (issue 13:
        // four statements fewer for every query that waits).
        var cursor = speaking.Count == 0 ? "" : await LockCursorAsync(tx, queue, now, ct);
        var loads = speaking.Count == 0 ? NoLoads : await profiles.LoadsAsync(connection, tx, ct);
        int Load(RoutingProfile a) => loads.GetValueOrDefault(a.Username);
        var free = speaking.Where(a => Load(a) < a.MaxLoad).ToList();
        if (free.Count == 0)
        {
            var (code, why) = working.Count == 0 ? ("no_agent", $"no agent works {queue}")
                : online.Count == 0 ? ("none_online", $"nobody who works {queue} is online")
                : speaking.Count == 0 ? ("none_speaks", $"nobody online speaks {language}")
                : ("all_busy", $"everyone online who speaks {language} is at their limit");
            var skipped = working.Take(20).Select(a => new { agent = a.Username, why = Skipped(a, Load(a), language) }).ToList();
            return new RoutingDecision(null, $"Waiting for an agent: {why}.", new { reason = why, queue, language, skipped, says = "waiting_" + code });
        }

        var least = free.Min(Load);
        var tied = free.Where(a => Load(a) == least).Select(a => a.Username).Order(StringComparer.Ordinal).ToList();
        var chosen = free.Single(a => a.Username == (tied.FirstOrDefault(u => string.CompareOrdinal(u, cursor) > 0) ?? tied[0]));
        var load = Load(chosen) + 1;
        var reasons = new[] { $"speaks {language}", $"works {queue}", $"{load}/{chosen.MaxLoad} load" };
        return new RoutingDecision(chosen.Username, $"Assigned to {chosen.Username}: {string.Join(", ", reasons)}.",
            new { assignee = chosen.Username, reasons, language, queue, load, maxLoad = chosen.MaxLoad, tiedWith = tied, after = cursor, says = "assigned" });
    }

    /// <summary>Writes the decision on the query's timeline and, when it chose someone, moves the queue's cursor to them.</summary>
    public async Task<TimelineEntry> RecordAsync(DbTransaction tx, QueryRow query, RoutingDecision decision, DateTimeOffset now, CancellationToken ct)
    {
        if (decision.Assignee is { } chosen)
            await tx.Connection!.ExecuteAsync(new CommandDefinition(
                "update routing_cursors set last_username = @chosen, updated_at = @now where queue = @Queue",
                new { chosen, now, query.Queue }, tx, cancellationToken: ct));
        return await timeline.AppendAsync(tx, query, decision.Assignee is null ? RoutingKinds.Waiting : RoutingKinds.Assigned,
            RoutingKinds.Actor, decision.Body, decision.Data, now, ct);
    }

    async Task<string> LockCursorAsync(DbTransaction tx, string queue, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("routing_cursors",
            "queue, last_username, updated_at", "@queue, '', @now", "queue"), new { queue, now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "update routing_cursors set last_username = last_username where queue = @queue", new { queue }, tx, cancellationToken: ct));
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "select last_username from routing_cursors where queue = @queue", new { queue }, tx, cancellationToken: ct)) ?? "";
    }

    string Skipped(RoutingProfile agent, int load, string language) =>
        agent.Availability != RoutingProfile.Online ? agent.Availability
        : !presence.IsConnected(agent.Username) ? "no console open"
        : !agent.Languages.Contains(language) ? $"does not speak {language}"
        : $"at their limit, {load}/{agent.MaxLoad}";
}
