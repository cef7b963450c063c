using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Board;

/// <summary>
/// Who has a live hub connection (a console or a board open): on this node, fed by <see cref="Realtime.DeskHub"/> as
/// connections open and close, and on the other nodes, as <see cref="Scale.NodePresence"/> last read them from Redis.
/// Alone, or with Redis out of reach for longer than <c>Redis:PresenceLease</c>, only this node's own.
/// </summary>
internal sealed class BoardPresence
{
    // One lock, never held while an event runs: the handlers read presence again, under locks of their own.
    readonly Lock gate = new();
    readonly Dictionary<string, string> byConnection = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> here = new(StringComparer.Ordinal);
    HashSet<string> elsewhere = new(StringComparer.Ordinal);

    /// <summary>A member came online or went offline on the desk (on no node before, or on none now).</summary>
    public event Action<string>? Changed;

    /// <summary>Who is online on this node changed: the set the other nodes should hear of.</summary>
    public event Action? HereChanged;

    public IReadOnlyList<string> Online
    {
        get
        {
            lock (gate)
                return [.. here.Keys.Union(elsewhere)];
        }
    }

    /// <summary>Who has a connection to this node.</summary>
    public IReadOnlyList<string> Here
    {
        get
        {
            lock (gate)
                return [.. here.Keys];
        }
    }

    public bool IsOnline(string username)
    {
        lock (gate)
            return here.ContainsKey(username) || elsewhere.Contains(username);
    }

    public void Opened(HubCallerContext connection)
    {
        if (connection.User?.Identity?.Name is { } username)
            Opened(connection.ConnectionId, username);
    }

    public void Opened(string connectionId, string username)
    {
        bool first, arrived;
        lock (gate)
        {
            if (!byConnection.TryAdd(connectionId, username))
                return;
            var count = here.GetValueOrDefault(username) + 1;
            here[username] = count;
            first = count == 1;
            arrived = first && !elsewhere.Contains(username);
        }
        Tell(first, arrived ? [username] : []);
    }

    public void Closed(string connectionId)
    {
        bool last, left;
        string? username;
        lock (gate)
        {
            if (!byConnection.Remove(connectionId, out username))
                return;
            var count = here[username] - 1;
            last = count == 0;
            if (last)
                here.Remove(username);
            else
                here[username] = count;
            left = last && !elsewhere.Contains(username);
        }
        Tell(last, left ? [username] : []);
    }

    /// <summary>Who the other nodes say is online on them now, replacing what they said before.</summary>
    public void OnOtherNodes(IEnumerable<string> usernames)
    {
        List<string> changed;
        lock (gate)
        {
            var next = new HashSet<string>(usernames, StringComparer.Ordinal);
            changed = [.. next.Union(elsewhere).Where(u => next.Contains(u) != elsewhere.Contains(u) && !here.ContainsKey(u))];
            elsewhere = next;
        }
        Tell(false, changed);
    }

    void Tell(bool hereChanged, IReadOnlyList<string> changed)
    {
        if (hereChanged)
            HereChanged?.Invoke();
        foreach (var username in changed)
            Changed?.Invoke(username);
    }
}
