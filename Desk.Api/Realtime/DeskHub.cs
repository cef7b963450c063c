using Desk.Api.Board;
using Desk.Api.Identity;
using Desk.Api.Presence;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Realtime;

/// <summary>
/// Live desk for signed-in staff: join the queues you work; supervisors also see everything. A connection in the
/// supervisors' group is in no queue group, since the desk pushes to both and each event must reach a console once.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class DeskHub(QueueAccess access, HubSessions sessions, BoardPresence presence, AgentPresence agents,
    QueryViewing viewing, WaitingQueries waiting) : Hub<IDeskClient>
{
    const string JoinedQueues = "queues";
    const string Supervising = "supervising";

    public override async Task OnConnectedAsync()
    {
        // An agent's first console makes them connected for the router: a query waiting for someone may now be theirs.
        var name = Context.User?.Identity?.Name;
        var arrived = name is not null && Context.User!.IsInRole(Roles.Agent) && !agents.IsConnected(name);
        sessions.Opened(Context);
        presence.Opened(Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Staff);
        if (arrived)
            await waiting.RouteAsync($"{name} opened the console", Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context.ConnectionId);
        presence.Closed(Context.ConnectionId);
        return viewing.ClosedAsync(Context, Clients);
    }

    public Task JoinQueue(string queue)
    {
        if (!Practice.IsQueue(queue))
            throw new HubException($"There is no queue '{queue}'.");
        if (!access.For(Context.User!).MaySee(queue))
            throw new HubException($"You do not work the queue '{queue}'.");
        Queues().Add(queue);
        return Context.Items.ContainsKey(Supervising) ? Task.CompletedTask : Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Queue(queue));
    }

    public Task LeaveQueue(string queue)
    {
        Queues().Remove(queue);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, DeskGroups.Queue(queue));
    }

    public async Task JoinSupervisors()
    {
        if (!Supervises())
            throw new HubException("Only supervisors and admins can watch every queue.");
        Context.Items[Supervising] = true;
        await Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Supervisors);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, DeskGroups.Staff);
        foreach (var queue in Queues())
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, DeskGroups.Queue(queue));
    }

    /// <summary>The live board's changes (<c>BoardChanged</c>); load <c>GET /api/board</c> after joining.</summary>
    public Task JoinBoard()
    {
        if (!Supervises())
            throw new HubException("Only supervisors and admins can watch the board.");
        return Groups.AddToGroupAsync(Context.ConnectionId, DeskGroups.Board);
    }

    /// <summary>Opens a query's presence: the others viewing it hear <c>joined</c> and answer; refused for a query the caller may not see.</summary>
    public Task ViewQuery(string reference) => viewing.ViewAsync(Context, Clients, Groups, reference);

    /// <summary>The answer to another console's <c>joined</c>: this console views the query too. The console also repeats it
    /// now and then, so that the others forget a console whose node went down without saying it left.</summary>
    public Task StillViewing(string reference) => viewing.SignalAsync(Context, Clients, Groups, reference, PresenceStates.Viewing);

    /// <summary>The agent is typing a reply or note on a query this console views; consoles forget it after a few seconds.</summary>
    public Task Typing(string reference) => viewing.SignalAsync(Context, Clients, Groups, reference, PresenceStates.Typing);

    public Task LeaveQuery(string reference) => viewing.LeaveAsync(Context, Clients, Groups, reference);

    HashSet<string> Queues() =>
        Context.Items.TryGetValue(JoinedQueues, out var joined) ? (HashSet<string>)joined! : (HashSet<string>)(Context.Items[JoinedQueues] = new HashSet<string>());

    bool Supervises() => Context.User?.IsInRole(Roles.Supervisor) == true || Context.User?.IsInRole(Roles.Admin) == true;
}
