using System.Collections.Concurrent;
using Desk.Api.Board;
using Desk.Api.Routing;
using Microsoft.Extensions.Options;

namespace Desk.Api.Presence;

/// <summary>
/// Whether a staff member has a console open, for the router: a live hub connection (<see cref="BoardPresence"/>), or one
/// that closed less than <see cref="RoutingOptions.OfflineGrace"/> ago, so that a page reload or a short network drop
/// does not take an agent out of the rotation. On every node alike when nodes share Redis: <see cref="BoardPresence"/>
/// counts the other nodes' connections too, so a reload that lands on another node is a short drop here as well.
/// </summary>
internal sealed class AgentPresence
{
    readonly ConcurrentDictionary<string, DateTimeOffset> leftAt = new(StringComparer.Ordinal);
    readonly BoardPresence connections;
    readonly TimeProvider clock;
    readonly IOptionsMonitor<RoutingOptions> options;

    public AgentPresence(BoardPresence connections, TimeProvider clock, IOptionsMonitor<RoutingOptions> options)
    {
        (this.connections, this.clock, this.options) = (connections, clock, options);
        connections.Changed += username =>
        {
            if (connections.IsOnline(username))
                leftAt.TryRemove(username, out _);
            else
                leftAt[username] = clock.GetUtcNow();
        };
    }

    public bool IsConnected(string username) =>
        connections.IsOnline(username)
        || (leftAt.TryGetValue(username, out var at) && clock.GetUtcNow() - at < options.CurrentValue.OfflineGrace);
}
