using Desk.Api.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Portal;

/// <summary>What the desk pushes to an end user's portal page. Never content: the page reads it through <c>/api/portal/me</c>.</summary>
public interface IPortalClient
{
    /// <summary>Something the portal shows of this query changed (a reply, a status, a time frame), or the query is new.</summary>
    Task QueryChanged(PortalQueryChange change);

    /// <summary>Pushes may have been missed (the desk dropped some, or the user's queries moved in a merge): read everything again.</summary>
    Task Resync();
}

/// <param name="Reference">The query to read again; one of the user's own.</param>
public sealed record PortalQueryChange(string Reference);

/// <summary>
/// Live portal for a signed-in end user: the connection hears of its own contact's queries only. Opened by the portal
/// cookie alone (<see cref="PortalAuthentication"/>); it has nothing to call.
/// </summary>
[Authorize(Policy = PortalAuthentication.Policy)]
internal sealed class PortalHub(PortalHubSessions sessions) : Hub<IPortalClient>
{
    public override Task OnConnectedAsync() => sessions.OpenedAsync(Context, Groups);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
