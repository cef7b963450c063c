using System.Collections.Concurrent;
using System.Threading.Channels;
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
internal sealed partial class HubSessions : BackgroundService
{
    readonly ConcurrentDictionary<string, (string Session, HubCallerContext Connection)> live = new();
    readonly Channel<bool> ended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly DeskDb db;
    readonly TimeProvider clock;
    readonly TimeSpan checkEvery;
    readonly ILogger<HubSessions> logger;

    public HubSessions(DeskDb db, SessionStore sessions, NodeEvents nodes, IOptions<RealtimeOptions> options, TimeProvider clock,
        ILogger<HubSessions> logger)
    {
        (this.db, this.clock, this.logger, checkEvery) = (db, clock, logger, options.Value.SessionCheckInterval);
        sessions.Ended += () => ended.Writer.TryWrite(true);
        nodes.Subscribe(NodeEvents.SessionsEnded, _ =>
        {
            ended.Writer.TryWrite(true);
            return Task.CompletedTask;
        });
    }

    public void Opened(HubCallerContext connection)
    {
        if (connection.User?.FindFirst(SessionStore.SessionClaim)?.Value is { } session)
            live[connection.ConnectionId] = (session, connection);
    }

    public void Closed(string connectionId) => live.TryRemove(connectionId, out _);

    /// <summary>Closes a member's connections on this node; their consoles connect again and join what they may see now.</summary>
    public void Reconnect(string username)
    {
        foreach (var (id, (_, hub)) in live)
        {
            if (hub.User?.Identity?.Name != username)
                continue;
            hub.Abort();
            live.TryRemove(id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        Task<bool>? signal = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                signal ??= ended.Reader.WaitToReadAsync(stopping).AsTask();
                if (await Task.WhenAny(signal, Task.Delay(checkEvery, clock, stopping)) == signal)
                {
                    await signal;
                    signal = null;
                    ended.Reader.TryRead(out _);
                }
                await CloseEndedAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogCheckFailed(e);
            }
        }
    }

    async Task CloseEndedAsync(CancellationToken ct)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the hub connections' sessions")]
    partial void LogCheckFailed(Exception exception);
}
