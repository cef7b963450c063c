using System.Collections.Frozen;
using System.Security.Claims;
using Desk.Api.Identity;
using Microsoft.Extensions.Options;

namespace Desk.Api.Routing;

/// <summary>
/// Who may see and work which queue: supervisors and admins every queue; a listed agent the queues listed;
/// any other agent, and every API key, the queues that are not restricted.
/// </summary>
internal sealed class QueueAccess(IOptionsMonitor<QueueAccessOptions> options)
{

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
        return queue == other
            || (!current.Restricted.Contains(other) && current.Agents.Values.All(listed => !listed.Contains(queue) || listed.Contains(other)));
    }

    /// <summary>The queues this staff member works; null for every queue.</summary>
    IReadOnlySet<string>? QueuesOf(string username, string role)
    {
        if (role is Roles.Supervisor or Roles.Admin)
            return null;
        return options.CurrentValue.Agents.TryGetValue(username, out var listed) ? listed.ToFrozenSet() : Unrestricted();
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
