using Desk.Api.Queries;
using Desk.Api.Routing;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Realtime;

/// <summary>
/// Who else has a query open, and who is typing on it. Nothing is kept on the server but each connection's own list
/// of the queries it views: a console that opens a query joins the query's group and says so ("joined"), the consoles
/// already there answer ("viewing"), typing is a signal the consoles let expire, and the node that held a connection
/// says "left" for it when it closes. So it works the same whichever node each console is connected to.
/// </summary>
internal sealed class QueryViewing(QueryStore queries, QueueAccess access)
{
    const string ViewedKey = "viewed-queries";
    const string ViewerKey = "viewer";

    /// <summary>Joins the query's group once the caller may see it; a query they may not see is refused as if it did not exist.</summary>
    public async Task ViewAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients, IGroupManager groups, string reference)
    {
        var query = reference.Length is > 0 and <= 40 ? await queries.GetAsync(reference, context.ConnectionAborted) : null;
        if (query is null || !access.For(context.User!).MaySee(query.Queue))
            throw new HubException($"There is no query {reference}.");
        await groups.AddToGroupAsync(context.ConnectionId, DeskGroups.Viewers(query.Reference));
        Viewed(context).Add(query.Reference);
        await clients.OthersInGroup(DeskGroups.Viewers(query.Reference)).PresenceChanged(Presence(context, query.Reference, PresenceStates.Joined));
    }

    /// <summary>
    /// Answers a console that joined, or says the caller is typing: only on a query the caller views and may still see.
    /// A query moved since to a queue the caller may not work (a security event) drops them from its viewers.
    /// </summary>
    public async Task SignalAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients, IGroupManager groups, string reference, string state)
    {
        if (!Viewed(context).Contains(reference))
            throw new HubException($"You are not viewing {reference}: view it first.");
        var query = await queries.GetAsync(reference, context.ConnectionAborted);
        if (query is null || !access.For(context.User!).MaySee(query.Queue))
        {
            Viewed(context).Remove(reference);
            await groups.RemoveFromGroupAsync(context.ConnectionId, DeskGroups.Viewers(reference));
            throw new HubException($"There is no query {reference}.");
        }
        await clients.OthersInGroup(DeskGroups.Viewers(reference)).PresenceChanged(Presence(context, reference, state));
    }

    public async Task LeaveAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients, IGroupManager groups, string reference)
    {
        if (!Viewed(context).Remove(reference))
            return;
        await groups.RemoveFromGroupAsync(context.ConnectionId, DeskGroups.Viewers(reference));
        await clients.Group(DeskGroups.Viewers(reference)).PresenceChanged(Presence(context, reference, PresenceStates.Left));
    }

    /// <summary>The connection closed: its queries' other viewers hear that it left.</summary>
    public async Task ClosedAsync(HubCallerContext context, IHubCallerClients<IDeskClient> clients)
    {
        if (!context.Items.TryGetValue(ViewedKey, out var viewed))
            return;
        foreach (var reference in (HashSet<string>)viewed!)
            await clients.OthersInGroup(DeskGroups.Viewers(reference)).PresenceChanged(Presence(context, reference, PresenceStates.Left));
    }

    static HashSet<string> Viewed(HubCallerContext context) =>
        (HashSet<string>)(context.Items.TryGetValue(ViewedKey, out var viewed) ? viewed! : context.Items[ViewedKey] = new HashSet<string>(StringComparer.Ordinal));

    // An id of the connection's own, not its connection id: it tells one console (one tab) from another, and nothing more.
    static QueryPresence Presence(HubCallerContext context, string reference, string state)
    {
        var viewer = (string)(context.Items.TryGetValue(ViewerKey, out var id) ? id! : context.Items[ViewerKey] = Guid.NewGuid().ToString("N")[..16]);
        var username = context.User!.Identity!.Name!;
        return new QueryPresence(reference, viewer, username, context.User.FindFirst("display_name")?.Value ?? username, state);
    }
}

internal static class PresenceStates
{
    public const string Joined = "joined";
    public const string Viewing = "viewing";
    public const string Typing = "typing";
    public const string Left = "left";
}
