using System.Collections.Concurrent;
using System.Security.Claims;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Scale;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Desk.Api.Realtime;

/// <summary>
/// A hub connection is authorized once, when it opens; this closes it when its staff session ends (sign-out,
/// password change, disable). A session ended on this node closes its connections at once; one ended on another
/// node too when the nodes share Redis (<see cref="NodeEvents.SessionsEnded"/>), and else by the next check.
/// </summary>
internal sealed class HubSessions : SessionWatch
{
    readonly ConcurrentDictionary<string, (string Session, HubCallerContext Connection)> live = new();
    readonly DeskDb db;
    readonly TimeProvider clock;

    public HubSessions(DeskDb db, SessionStore sessions, NodeEvents nodes, IOptions<RealtimeOptions> options, TimeProvider clock,
        ILogger<HubSessions> logger) : base(clock, options.Value.SessionCheckInterval, logger)
    {
        (this.db, this.clock) = (db, clock);
        sessions.Ended += Signal;
        nodes.Subscribe(NodeEvents.SessionsEnded, _ =>
        {
            Signal();
            return Task.CompletedTask;
        });
    }

    public void Opened(HubCallerContext connection)
    {
        if (connection.User?.FindFirst(SessionStore.SessionClaim)?.Value is { } session)
            live[connection.ConnectionId] = (session, connection);
    }

    public void Closed(string connectionId) => live.TryRemove(connectionId, out _);

    /// <summary>Closes the connections of the members chosen on this node; their consoles connect again and join what they may see now.</summary>
    public void Reconnect(Func<ClaimsPrincipal, bool> chosen)
    {
        foreach (var (id, (_, hub)) in live)
        {
            if (hub.User is not { } user || !chosen(user))
                continue;
            hub.Abort();
            live.TryRemove(id, out _);
        }
    }

    protected override async Task CheckAsync(CancellationToken ct)
    {
        var open = live.Values.Select(v => v.Session).Distinct().ToArray();
        if (open.Length == 0)
            return;
        await using var connection = await db.OpenAsync(ct);
        var current = (await connection.QueryAsync<string>(new CommandDefinition(
            $"select session_key from staff_sessions where {db.Dialect.InList("session_key", "open")} and expires_at > @now",
            new { open, now = clock.GetUtcNow() }, cancellationToken: ct))).ToHashSet();
        foreach (var (id, (session, hub)) in live)
        {
            if (current.Contains(session))
                continue;
            hub.Abort();
            live.TryRemove(id, out _);
        }
    }
}
