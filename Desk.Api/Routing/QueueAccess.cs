using System.Collections.Frozen;
using System.Security.Claims;
using Desk.Api.Identity;
using Microsoft.Extensions.Options;

namespace Desk.Api.Routing;

/// <summary>
/// Who may see and work which queue: supervisors and admins every queue; an agent the queues set for them in the desk
/// (<see cref="AgentQueues"/>), else those QueueAccess:Agents lists; any other agent, and every API key, the queues that
/// are not restricted.
/// </summary>
internal sealed class QueueAccess(IOptionsMonitor<QueueAccessOptions> options)
{
    public const string FromDesk = "desk";
    public const string FromConfiguration = "configuration";
    public const string FromDefault = "default";

    // Read on every request, so kept in memory; AgentQueues replaces it whole after each change on any node.
    volatile FrozenDictionary<string, FrozenSet<string>> stored = FrozenDictionary<string, FrozenSet<string>>.Empty;

    public Caller For(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "";
        if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin))
            return new Caller(name, IsStaff: true, KeyName: null, Queues: null);
        return user.IsInRole(Roles.Agent)
            ? new Caller(name, IsStaff: true, KeyName: null, QueuesOf(name, Roles.Agent))
            : new Caller(name, IsStaff: false, user.FindFirstValue(ApiKeyAuthentication.KeyNameClaim), Unrestricted());
    }

    /// <summary>Whether a staff member with this role may be given work in the queue.</summary>
    public bool MayWork(string username, string role, string queue) => QueuesOf(username, role)?.Contains(queue) ?? true;

    /// <summary>Whether everyone who may see <paramref name="queue"/> may see <paramref name="other"/> too.</summary>
    public bool SeenAlike(string queue, string other)
    {
        var current = options.CurrentValue;
        var desk = stored;
        var listed = desk.Values.Concat(current.Agents.Where(a => !desk.ContainsKey(a.Key)).Select(a => (IReadOnlyCollection<string>)a.Value));
        return queue == other
            || (!current.Restricted.Contains(other) && listed.All(queues => !queues.Contains(queue) || queues.Contains(other)));
    }

    /// <summary>The queues this staff member works; null for every queue.</summary>
    public IReadOnlySet<string>? QueuesOf(string username, string role)
    {
        if (role is Roles.Supervisor or Roles.Admin)
            return null;
        return stored.TryGetValue(username, out var set) ? set : DefaultQueuesOf(username);
    }

    /// <summary>The queues an agent works when the desk holds no setting for them.</summary>
    public IReadOnlySet<string> DefaultQueuesOf(string username) =>
        options.CurrentValue.Agents.TryGetValue(username, out var listed) ? listed.ToFrozenSet() : Unrestricted();

    /// <summary>Where an agent's queues come from: <see cref="FromDesk"/>, <see cref="FromConfiguration"/> or <see cref="FromDefault"/>.</summary>
    public string SourceOf(string username) =>
        stored.ContainsKey(username) ? FromDesk : options.CurrentValue.Agents.ContainsKey(username) ? FromConfiguration : FromDefault;

    public bool IsRestricted(string queue) => options.CurrentValue.Restricted.Contains(queue);

    /// <summary>Takes the queues set in the desk; answers the agents whose set changed.</summary>
    public IReadOnlyList<string> Use(FrozenDictionary<string, FrozenSet<string>> next)
    {
        var before = stored;
        stored = next;
        return before.Keys.Union(next.Keys, StringComparer.Ordinal)
            .Where(name => !(before.TryGetValue(name, out var was) && next.TryGetValue(name, out var now) && was.SetEquals(now)))
            .ToList();
    }

    /// <summary>The queues every agent may see.</summary>
    public FrozenSet<string> Unrestricted()
    {
        var restricted = options.CurrentValue.Restricted;
        return Practice.Queues.Select(q => q.Queue).Where(q => !restricted.Contains(q)).ToFrozenSet();
    }
}

/// <summary>Who is acting on a query: the principal name (a username or "key:12"), and the queues they may see (null: all).</summary>
internal sealed record Caller(string Name, bool IsStaff, string? KeyName, IReadOnlySet<string>? Queues)
{
    /// <summary>The desk itself acting in a staff member's name (demo data): every queue.</summary>
    public static Caller Desk(string username) => new(username, IsStaff: true, KeyName: null, Queues: null);

    public bool MaySee(string queue) => Queues?.Contains(queue) ?? true;
}
