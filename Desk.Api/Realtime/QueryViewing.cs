using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Realtime;

/// <summary>
/// Who else has a query open, and who is typing on it. Nothing is kept on the server but each connection's own list
/// of the queries it views: a console that opens a query joins the query's group and says so ("joined"), the consoles
/// already there answer ("viewing"), typing is a signal the consoles let expire, and the node that held a connection
/// says "left" for it when it closes. So it works the same whichever node each console is connected to.
/// The group is the query's in its queue at the time (<see cref="DeskGroups.Viewers"/>): once a query moves to a queue
/// a viewer may not see (a security event), nothing said on it reaches them, whether or not they signal again.
/// </summary>
internal sealed class QueryViewing(QueryStore queries, QueueAccess access)
{
    const string ViewedKey = "viewed-queries";
    const string ViewerKey = "viewer";

    /// <summary>Joins the query's group once the caller may see it; a query they may not see is refused as if it did not exist.</summary>
    public async Task ViewAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients, IGroupManager groups, string reference)
    {
        var query = reference is { Length: > 0 and <= 40 } ? await queries.GetAsync(reference, context.ConnectionAborted) : null;
        if (query is null || !access.For(context.User!).MaySee(query.Queue))
            throw new HubException(reference is null || !TextRules.IsStorable(reference) ? "There is no such query." : $"There is no query {reference}.");
        await JoinAsync(context, groups, query.Reference, query.Queue);
        await clients.OthersInGroup(DeskGroups.Viewers(query.Reference, query.Queue)).PresenceChanged(Presence(context, query.Reference, PresenceStates.Joined));
    }

    /// <summary>
    /// Answers a console that joined, or says the caller is typing: only on a query the caller views and may still see.
    /// A query moved since to a queue the caller may not work (a security event) drops them from its viewers; one moved
    /// to a queue they may see takes them to its new group, where they say they joined.
    /// </summary>
    public async Task SignalAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients, IGroupManager groups, string reference, string state)
    {
        if (reference is null || !Viewed(context).TryGetValue(reference, out var joinedIn))
            throw new HubException($"You are not viewing {reference}: view it first.");
        var query = await queries.GetAsync(reference, context.ConnectionAborted);
        if (query is null || !access.For(context.User!).MaySee(query.Queue))
        {
            Viewed(context).Remove(reference);
            await groups.RemoveFromGroupAsync(context.ConnectionId, DeskGroups.Viewers(reference, joinedIn));
            throw new HubException($"There is no query {reference}.");
        }
        if (query.Queue != joinedIn)
        {
            await JoinAsync(context, groups, reference, query.Queue);
            state = PresenceStates.Joined;
        }
        await clients.OthersInGroup(DeskGroups.Viewers(reference, query.Queue)).PresenceChanged(Presence(context, reference, state));
    }

    public async Task LeaveAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients, IGroupManager groups, string reference)
    {
        if (!Viewed(context).Remove(reference, out var joinedIn))
            return;
        await groups.RemoveFromGroupAsync(context.ConnectionId, DeskGroups.Viewers(reference, joinedIn));
        await clients.Group(DeskGroups.Viewers(reference, joinedIn)).PresenceChanged(Presence(context, reference, PresenceStates.Left));
    }

    /// <summary>The connection closed: its queries' other viewers hear that it left.</summary>
    public async Task ClosedAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients)
    {
        if (!context.Items.TryGetValue(ViewedKey, out var viewed))
            return;
        foreach (var (reference, joinedIn) in (Dictionary<string, string>)viewed!)
            await clients.OthersInGroup(DeskGroups.Viewers(reference, joinedIn)).PresenceChanged(Presence(context, reference, PresenceStates.Left));
    }

    // In the group of the query's queue only: a viewer who joined before a move leaves the old one.
    static async Task JoinAsync(HubCallerContext context, IGroupManager groups, string reference, string queue)
    {
        if (Viewed(context).TryGetValue(reference, out var joinedIn) && joinedIn != queue)
            await groups.RemoveFromGroupAsync(context.ConnectionId, DeskGroups.Viewers(reference, joinedIn));
        await groups.AddToGroupAsync(context.ConnectionId, DeskGroups.Viewers(reference, queue));
        Viewed(context)[reference] = queue;
    }

    /// <summary>The queries this connection views, each with the queue whose group it joined.</summary>
    static Dictionary<string, string> Viewed(HubCallerContext context) =>
        (Dictionary<string, string>)(context.Items.TryGetValue(ViewedKey, out var viewed) ? viewed! : context.Items[ViewedKey] = new Dictionary<string, string>(StringComparer.Ordinal));

    // An id of the connection's own, not its connection id: it tells one console (one tab) from another, and nothing more.
    static QueryPresence Presence(HubCallerContext context, string reference, string state)
    {
        var viewer = (string)(context.Items.TryGetValue(ViewerKey, out var id) ? id! : context.Items[ViewerKey] = Guid.NewGuid().ToString("N")[..16]);
        var username = context.User!.Identity!.Name!;
        return new QueryPresence(reference, viewer, username, context.User.FindFirst(SessionStore.DisplayNameClaim)?.Value ?? username, state);
    }
}

internal static class PresenceStates
{
    public const string Joined = "joined";
    public const string Viewing = "viewing";
    public const string Typing = "typing";
    public const string Left = "left";
}
