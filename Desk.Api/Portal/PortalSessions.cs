using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Scale;
using Microsoft.Extensions.Options;

namespace Desk.Api.Portal;

/// <summary>
/// End users' sessions, apart from staff sessions: their own cookie (<see cref="CookieName"/>), their own table, and the
/// cookie holds a random key of which the desk keeps only a hash. A session belongs to a contact; when an agent merges
/// that contact into another, the session follows to the one that stayed; an erased contact's sessions are dead.
/// </summary>
internal sealed class PortalSessions(DeskDb db, NodeEvents nodes, IOptions<PortalOptions> options, TimeProvider clock)
{
    public const string CookieName = "desk.portal";
    const int MergeHops = 10;

    /// <summary>
    /// Raised on this node when a session ended or now stands for another contact (a merge), so that the portal hub
    /// checks its connections at once (<see cref="PortalHubSessions"/>); the other nodes hear <see cref="NodeEvents.PortalSessionsChanged"/>.
    /// </summary>
    public event Action? Changed;

    public async Task ChangedAsync()
    {
        Changed?.Invoke();
        await nodes.PublishAsync(NodeEvents.PortalSessionsChanged);
    }

    public async Task<string> StartAsync(DbTransaction tx, long contactId, CancellationToken ct)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            delete from portal_sessions where expires_at <= @now;
            insert into portal_sessions (session_hash, contact_id, created_at, expires_at) values (@hash, @contactId, @now, @expires);
            """, new { now, hash = Hash(key), contactId, expires = now + options.Value.SessionLife }, tx, cancellationToken: ct));
        return key;
    }

    /// <summary>The contact the request's portal cookie signs in, or null.</summary>
    public async Task<long?> ContactAsync(HttpContext http, CancellationToken ct) => (await SessionAsync(http, ct))?.Contact;

    /// <summary>The request's portal session (the hash of its key, which the desk keeps) and the contact it signs in, or null.</summary>
    public async Task<(string Hash, long Contact)?> SessionAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.Cookies[CookieName] is not { Length: 64 } key)
            return null;
        var hash = Hash(key);
        await using var connection = await db.OpenAsync(ct);
        var contactId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select contact_id from portal_sessions where session_hash = @hash and expires_at > @now",
            new { hash, now = clock.GetUtcNow() }, cancellationToken: ct));
        return contactId is { } id && await ActiveContactAsync(connection, null, id, ct) is { } active ? (hash, active) : null;
    }

    /// <summary>Of the sessions with these hashes, those still open, each with the contact it stands for now.</summary>
    public async Task<Dictionary<string, long>> ContactsAsync(string[] hashes, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<OpenSession>(new CommandDefinition($"""
            select s.session_hash, s.contact_id, c.merged_into_id, c.erased_at
            from portal_sessions s join contacts c on c.id = s.contact_id
            where {db.Dialect.InList("s.session_hash", "hashes")} and s.expires_at > @now
            """, new { hashes, now = clock.GetUtcNow() }, cancellationToken: ct));
        var open = new Dictionary<string, long>();
        foreach (var row in rows.Where(r => r.ErasedAt is null))
        {
            var active = row.MergedIntoId is null ? row.ContactId : await ActiveContactAsync(connection, null, row.ContactId, ct);
            if (active is { } contact)
                open[row.SessionHash] = contact;
        }
        return open;
    }

    /// <summary>The contact that now stands for <paramref name="id"/>: itself, or the one it was merged into; null when erased.</summary>
    public static async Task<long?> ActiveContactAsync(DbConnection connection, DbTransaction? tx, long id, CancellationToken ct)
    {
        for (var hop = 0; hop < MergeHops; hop++)
        {
            var row = await connection.QuerySingleOrDefaultAsync<ContactState>(new CommandDefinition(
                "select merged_into_id, erased_at from contacts where id = @id", new { id }, tx, cancellationToken: ct));
            if (row is null || row.ErasedAt is not null)
                return null;
            if (row.MergedIntoId is not { } into)
                return id;
            id = into;
        }
        return null;
    }

    public async Task EndAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.Cookies[CookieName] is { Length: > 0 } key)
        {
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "delete from portal_sessions where session_hash = @hash", new { hash = Hash(key) }, cancellationToken: ct));
            await ChangedAsync();
        }
        http.Response.Cookies.Delete(CookieName, Cookie(http));
    }

    public void SetCookie(HttpContext http, string key) =>
        http.Response.Cookies.Append(CookieName, key, Cookie(http, clock.GetUtcNow() + options.Value.SessionLife));

    static CookieOptions Cookie(HttpContext http, DateTimeOffset? expires = null) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        Expires = expires,
    };

    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));

    sealed class OpenSession
    {
        public string SessionHash { get; init; } = "";
        public long ContactId { get; init; }
        public long? MergedIntoId { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
    }

    sealed class ContactState
    {
        public long? MergedIntoId { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
    }
}
