using System.Collections.Concurrent;
using Desk.Api.Realtime;
using Desk.Api.Scale;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Desk.Api.Portal;

/// <summary>
/// Keeps each portal connection where its session is: in the group of the contact the session stands for now (a merge
/// moves it to the contact that stayed, an un-merge back), and closed once the session ends (sign-out, expiry, erasure).
/// A change on this node is acted on at once, one on another node too when the nodes share Redis
/// (<see cref="NodeEvents.PortalSessionsChanged"/>), and else by the next check (Realtime:SessionCheckInterval).
/// </summary>
internal sealed class PortalHubSessions : SessionWatch
{
    readonly ConcurrentDictionary<string, Connection> live = new();
    readonly PortalSessions sessions;
    readonly IHubContext<PortalHub, IPortalClient> hub;
    readonly PushDispatcher pushes;

    public PortalHubSessions(PortalSessions sessions, IHubContext<PortalHub, IPortalClient> hub, PushDispatcher pushes, NodeEvents nodes,
        IOptions<RealtimeOptions> options, TimeProvider clock, ILogger<PortalHubSessions> logger) : base(clock, options.Value.SessionCheckInterval, logger)
    {
        (this.sessions, this.hub, this.pushes) = (sessions, hub, pushes);
        sessions.Changed += Signal;
        nodes.Subscribe(NodeEvents.PortalSessionsChanged, _ =>
        {
            Signal();
            return Task.CompletedTask;
        });
    }

    public async Task OpenedAsync(HubCallerContext context, IGroupManager groups)
    {
        var contact = PortalAuthentication.Contact(context.User!);
        live[context.ConnectionId] = new Connection(context.User!.FindFirst(PortalAuthentication.SessionClaim)!.Value, contact, context);
        await groups.AddToGroupAsync(context.ConnectionId, DeskGroups.Contact(contact), context.ConnectionAborted);
    }

    public void Closed(string connectionId) => live.TryRemove(connectionId, out _);

    protected override async Task CheckAsync(CancellationToken ct)
    {
        if (live.IsEmpty)
            return;
        var current = await sessions.ContactsAsync([.. live.Values.Select(c => c.Session).Distinct()], ct);
        foreach (var (id, connection) in live)
        {
            if (!current.TryGetValue(connection.Session, out var contact))
            {
                connection.Context.Abort();
                live.TryRemove(id, out _);
            }
            else if (contact != connection.Contact && live.TryUpdate(id, connection with { Contact = contact }, connection))
            {
                await hub.Groups.RemoveFromGroupAsync(id, DeskGroups.Contact(connection.Contact), ct);
                await hub.Groups.AddToGroupAsync(id, DeskGroups.Contact(contact), ct);
                pushes.EnqueuePortal(nameof(IPortalClient.Resync), c => c.Client(id).Resync());
            }
        }
    }

    readonly record struct Connection(string Session, long Contact, HubCallerContext Context);
}
