using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Scale;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Desk.Api.Identity;

/// <summary>
/// Staff sessions live in the database, the cookie holds only their key: signing out, changing a password or
/// disabling an account deletes rows, and every node sees that on the next request. No cache, so nothing to go stale:
/// one indexed read per staff request is cheap next to the work the request does.
/// </summary>
internal sealed class SessionStore(DeskDb db, TimeProvider clock, NodeEvents nodes) : ITicketStore
{
    public const string StaffIdClaim = "staff_id";

    /// <summary>The session's own key, so a hub connection knows which session it belongs to.</summary>
    public const string SessionClaim = "session";

    /// <summary>The name the console shows for the member (the account's display name).</summary>
    public const string DisplayNameClaim = "display_name";

    /// <summary>
    /// Raised after sessions were deleted on this node, so what holds one open (a hub connection) can let go; the other
    /// nodes hear <see cref="NodeEvents.SessionsEnded"/>.
    /// </summary>
    public event Action? Ended;

    // Stands in for a ticket without an expiry; the cookie options always set one.
    static readonly TimeSpan FallbackLife = TimeSpan.FromHours(10);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? http, CancellationToken ct)
    {
        var staffId = long.Parse(ticket.Principal.FindFirst(StaffIdClaim)?.Value
            ?? throw new InvalidOperationException("A staff session needs the member's id."), CultureInfo.InvariantCulture);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        (ticket.Principal.Identity as ClaimsIdentity)?.AddClaim(new Claim(SessionClaim, key));
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        // Sign-in is rare enough to sweep what has expired since the last one.
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from staff_sessions where expires_at <= @now", new { now }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into staff_sessions (session_key, staff_id, ticket, created_at, expires_at)
            values (@key, @staffId, @ticket, @now, @expires)
            """, new { key, staffId, ticket = TicketSerializer.Default.Serialize(ticket), now, expires = Expiry(ticket, now) },
            cancellationToken: ct));
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update staff_sessions set ticket = @ticket, expires_at = @expires, last_renewed_at = @now
            where session_key = @key
            """, new { key, ticket = TicketSerializer.Default.Serialize(ticket), now, expires = Expiry(ticket, now) },
            cancellationToken: ct));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var ticket = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "select ticket from staff_sessions where session_key = @key and expires_at > @now",
            new { key, now = clock.GetUtcNow() }, cancellationToken: ct));
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    public async Task RemoveAsync(string key, HttpContext? http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from staff_sessions where session_key = @key", new { key }, cancellationToken: ct));
        Ended?.Invoke();
        await nodes.PublishAsync(NodeEvents.SessionsEnded);
    }

    /// <summary>Ends every session of one staff member; returns how many there were.</summary>
    public async Task<int> EndAllAsync(long staffId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var ended = await connection.ExecuteAsync(new CommandDefinition(
            "delete from staff_sessions where staff_id = @staffId", new { staffId }, cancellationToken: ct));
        Ended?.Invoke();
        await nodes.PublishAsync(NodeEvents.SessionsEnded);
        return ended;
    }

    /// <summary>
    /// Gives one staff member's open sessions their new display name, so that the console shows it from the next request
    /// on rather than after the next sign-in. A rename changes no right, so the sessions stay.
    /// </summary>
    public async Task RenameAsync(long staffId, string displayName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sessions = await connection.QueryAsync<(string Key, byte[] Ticket)>(new CommandDefinition(
            "select session_key, ticket from staff_sessions where staff_id = @staffId", new { staffId }, cancellationToken: ct));
        foreach (var (key, stored) in sessions)
        {
            var ticket = TicketSerializer.Default.Deserialize(stored);
            if (ticket?.Principal.Identity is not ClaimsIdentity identity)
                continue;
            if (identity.FindFirst(DisplayNameClaim) is { } old)
                identity.RemoveClaim(old);
            identity.AddClaim(new Claim(DisplayNameClaim, displayName));
            await connection.ExecuteAsync(new CommandDefinition(
                "update staff_sessions set ticket = @ticket where session_key = @key",
                new { key, ticket = TicketSerializer.Default.Serialize(ticket) }, cancellationToken: ct));
        }
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken ct) => StoreAsync(ticket, null, ct);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken ct) => RenewAsync(key, ticket, null, ct);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken ct) => RetrieveAsync(key, null, ct);

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken ct) => RemoveAsync(key, null, ct);

    static DateTimeOffset Expiry(AuthenticationTicket ticket, DateTimeOffset now) => ticket.Properties.ExpiresUtc ?? now + FallbackLife;
}
