using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Desk.Api.Board;

/// <summary>
/// Who has a live hub connection on this node (a console or a board open), fed by <see cref="Realtime.DeskHub"/> as
/// connections open and close. Per node: with several nodes each knows its own connections only.
/// </summary>
internal sealed class BoardPresence
{
    readonly ConcurrentDictionary<string, string> byConnection = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> connections = new(StringComparer.Ordinal);

    /// <summary>A member came online or went offline (their first connection opened, their last closed).</summary>
    public event Action<string>? Changed;

    public IEnumerable<string> Online => connections.Where(c => c.Value > 0).Select(c => c.Key);

    public bool IsOnline(string username) => connections.GetValueOrDefault(username) > 0;

    public void Opened(HubCallerContext connection)
    {
        if (connection.User?.Identity?.Name is { } username)
            Opened(connection.ConnectionId, username);
    }

    public void Opened(string connectionId, string username)
    {
        if (!byConnection.TryAdd(connectionId, username))
            return;
        if (connections.AddOrUpdate(username, 1, (_, n) => n + 1) == 1)
            Changed?.Invoke(username);
    }

    public void Closed(string connectionId)
    {
        if (!byConnection.TryRemove(connectionId, out var username))
            return;
        if (connections.AddOrUpdate(username, 0, (_, n) => n - 1) <= 0)
        {
            connections.TryRemove(new KeyValuePair<string, int>(username, 0));
            Changed?.Invoke(username);
        }
    }
}
