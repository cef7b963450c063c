using Desk.Api.Board;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Realtime;

/// <summary>Live desk for signed-in staff: join the queues you work; supervisors also see everything.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class DeskHub(QueueAccess access, HubSessions sessions, BoardPresence presence) : Hub<IDeskClient>
{
    public override Task OnConnectedAsync()
    {
        sessions.Opened(Context);
        presence.Opened(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context.ConnectionId);
        presence.Closed(Context.ConnectionId);
        return Task.CompletedTask;
    }

    public Task JoinQueue(string queue)
    {
        if (!Practice.IsQueue(queue))
            throw new HubException($"There is no queue '{queue}'.");
        if (!access.For(Context.User!).MaySee(queue))
            throw new HubException($"You do not work the queue '{queue}'.");
        return Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Queue(queue));
    }

    public Task LeaveQueue(string queue) => Groups.RemoveFromGroupAsync(Context.ConnectionId, DeskGroups.Queue(queue));

    public Task JoinSupervisors()
    {
        if (!Supervises())
            throw new HubException("Only supervisors and admins can watch every queue.");
        return Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Supervisors);
    }

    /// <summary>The live board's changes (<c>BoardChanged</c>); load <c>GET /api/board</c> after joining.</summary>
    public Task JoinBoard()
    {
        if (!Supervises())
            throw new HubException("Only supervisors and admins can watch the board.");
        return Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Board);
    }

    bool Supervises() => Context.User?.IsInRole(Roles.Supervisor) == true || Context.User?.IsInRole(Roles.Admin) == true;
}
