using System.Collections.Frozen;
using System.Security.Claims;
using Desk.Api.Identity;
using Microsoft.Extensions.Options;

namespace Desk.Api.Routing;

/// <summary>
/// Who may see and work which queue: supervisors and admins every queue; an agent the queues set for them in the desk
/// (<see cref="AgentQueues"/>), else those QueueAccess:Agents lists; any other agent, and every API key, the queues that
/// are not restricted. Whether a queue is restricted is as an admin set it in the desk (<see cref="QueueRestrictions"/>),
/// else as QueueAccess:RestrictedQueues says.
/// </summary>
internal sealed class QueueAccess(IOptionsMonitor<QueueAccessOptions> options)
{
    public const string FromDesk = "desk";
    public const string FromConfiguration = "configuration";
    public const string FromDefault = "default";

    // Read on every request, so kept in memory; AgentQueues replaces it whole after each change on any node.
    volatile QueueAccessSettings stored = QueueAccessSettings.None;

    // Every API key and most agents see the unrestricted queues: built once for the settings and configuration in force.
    volatile UnrestrictedQueues? unrestricted;

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
        var (current, desk) = (options.CurrentValue, stored);
        var listed = desk.Agents.Values.Concat(current.Agents.Where(a => !desk.Agents.ContainsKey(a.Key)).Select(a => (IReadOnlyCollection<string>)a.Value));
        return queue == other
            || (!IsRestricted(desk, other) && listed.All(queues => !queues.Contains(queue) || queues.Contains(other)));
    }

    /// <summary>The queues this staff member works; null for every queue.</summary>
    public IReadOnlySet<string>? QueuesOf(string username, string role) =>
        role is Roles.Supervisor or Roles.Admin ? null : AgentQueuesIn(stored, username);

    /// <summary>The queues an agent works when the desk holds no setting for them.</summary>
    public IReadOnlySet<string> DefaultQueuesOf(string username) => DefaultQueuesIn(stored, username);

    /// <summary>Where an agent's queues come from: <see cref="FromDesk"/>, <see cref="FromConfiguration"/> or <see cref="FromDefault"/>.</summary>
    public string SourceOf(string username) =>
        stored.Agents.ContainsKey(username) ? FromDesk : options.CurrentValue.Agents.ContainsKey(username) ? FromConfiguration : FromDefault;

    public bool IsRestricted(string queue) => IsRestricted(stored, queue);

    public bool IsRestrictedInConfiguration(string queue) => options.CurrentValue.Restricted.Contains(queue);

    /// <summary>Where a queue's restriction comes from: <see cref="FromDesk"/>, else <see cref="FromConfiguration"/>.</summary>
    public string RestrictionSourceOf(string queue) => stored.Restrictions.ContainsKey(queue) ? FromDesk : FromConfiguration;

    /// <summary>Takes the settings held in the desk; answers whether an agent's queues differ from before.</summary>
    public Func<string, bool> Use(QueueAccessSettings next)
    {
        var before = stored;
        stored = next;
        return username => !AgentQueuesIn(before, username).SetEquals(AgentQueuesIn(next, username));
    }

    /// <summary>The queues every agent may see.</summary>
    public FrozenSet<string> Unrestricted() => UnrestrictedIn(stored);

    IReadOnlySet<string> AgentQueuesIn(QueueAccessSettings desk, string username) =>
        desk.Agents.TryGetValue(username, out var set) ? set : DefaultQueuesIn(desk, username);

    IReadOnlySet<string> DefaultQueuesIn(QueueAccessSettings desk, string username) =>
        options.CurrentValue.Agents.TryGetValue(username, out var listed) ? listed.ToFrozenSet() : UnrestrictedIn(desk);

    FrozenSet<string> UnrestrictedIn(QueueAccessSettings desk)
    {
        var configuration = options.CurrentValue;
        if (unrestricted is { } known && ReferenceEquals(known.Desk, desk) && ReferenceEquals(known.Configuration, configuration))
            return known.Queues;
        var queues = Practice.Queues.Select(q => q.Queue).Where(q => !IsRestricted(desk, q)).ToFrozenSet();
        unrestricted = new UnrestrictedQueues(desk, configuration, queues);
        return queues;
    }

    sealed record UnrestrictedQueues(QueueAccessSettings Desk, QueueAccessOptions Configuration, FrozenSet<string> Queues);

    bool IsRestricted(QueueAccessSettings desk, string queue) =>
        desk.Restrictions.TryGetValue(queue, out var restricted) ? restricted : IsRestrictedInConfiguration(queue);
}

/// <summary>What the desk holds on queue access: each agent's queues, and each queue an admin restricted or opened.</summary>
internal sealed record QueueAccessSettings(FrozenDictionary<string, FrozenSet<string>> Agents, FrozenDictionary<string, bool> Restrictions)
{
    public static readonly QueueAccessSettings None = new(
        FrozenDictionary<string, FrozenSet<string>>.Empty, FrozenDictionary<string, bool>.Empty);
}

/// <summary>Who is acting on a query: the principal name (a username or "key:12"), and the queues they may see (null: all).</summary>
internal sealed record Caller(string Name, bool IsStaff, string? KeyName, IReadOnlySet<string>? Queues)
{
    /// <summary>The desk itself acting in a staff member's name (demo data): every queue.</summary>
    public static Caller Desk(string username) => new(username, IsStaff: true, KeyName: null, Queues: null);

    public bool MaySee(string queue) => Queues?.Contains(queue) ?? true;
}
