using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Scale;

namespace Desk.Api.Identity;

public sealed record ApiKeyInfo(long Id, string Name, string Prefix, string[] Scopes, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The secret is shown once, at creation.</summary>
public sealed record IssuedApiKey(ApiKeyInfo Info, string Key);

internal sealed record ApiKeyPrincipal(long Id, string Name, string[] Scopes);

/// <summary>
/// Keys look like sdk_&lt;prefix&gt;_&lt;secret&gt;. Only a SHA-256 of the whole key is stored: the key has 256 random
/// bits, so a slow password hash would add nothing but latency on every request.
/// </summary>
internal sealed class ApiKeyStore(DeskDb db, TimeProvider clock, NodeEvents nodes)
{
    // Every channel request authenticates; a short memory of good keys saves a query each time, and a revoke forgets
    // the key at once. With other nodes there is no such memory: a revoke on another node must be refused here at once,
    // and Redis pub/sub can arrive late or not at all, so each request reads the key's row (one indexed read, as a
    // staff session does).
    readonly bool remember = !nodes.Shared;
    static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);
    const int PrefixBytes = 8;
    const int MaxIssueAttempts = 5;
    readonly ConcurrentDictionary<string, (ApiKeyPrincipal Principal, DateTimeOffset Until)> recent = new();

    /// <summary>The new key; null when a live key has the name already (trimmed, in any case: migration 0040's index).</summary>
    public async Task<IssuedApiKey?> IssueAsync(string name, string[] scopes, string createdBy, CancellationToken ct)
    {
        try
        {
            return await DrawAsync(name, scopes, createdBy, ct);
        }
        catch (DbException e) when (UniqueViolation.On(e, "ux_api_keys_live_name"))
        {
            return null;
        }
    }

    async Task<IssuedApiKey> DrawAsync(string name, string[] scopes, string createdBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        // 64 random bits make a clash rare, not impossible: a clash draws again instead of failing the request.
        for (var attempt = 1; ; attempt++)
        {
            var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
            var key = $"sdk_{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
            var hash = Hash(key);
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
                insert into api_keys (name, prefix, key_hash, scopes, created_by, created_at)
                select @name, @prefix, @hash, @scopes, @createdBy, @now
                where not exists (select 1 from api_keys where prefix = @prefix);
                select id from api_keys where prefix = @prefix and key_hash = @hash;
                """, new { name, prefix, hash, scopes = string.Join(' ', scopes), createdBy, now }, cancellationToken: ct));
            if (id is { } issued)
                return new IssuedApiKey(new ApiKeyInfo(issued, name, prefix, scopes, createdBy, now, null), key);
            if (attempt == MaxIssueAttempts)
                throw new InvalidOperationException($"No free API key prefix after {MaxIssueAttempts} draws.");
        }
    }

    public async Task<ApiKeyPrincipal?> FindAsync(string key, CancellationToken ct)
    {
        var parts = key.Split('_');
        // Keys issued before prefixes grew to 16 characters keep their 8.
        if (parts is not ["sdk", { Length: 8 or PrefixBytes * 2 } prefix, { Length: > 0 }])
            return null;
        var hash = Hash(key);
        if (recent.TryGetValue(hash, out var known) && known.Until > clock.GetUtcNow())
            return known.Principal;
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Name, string KeyHash, string Scopes)?>(new CommandDefinition(
            "select id, name, key_hash, scopes from api_keys where prefix = @prefix and revoked_at is null",
            new { prefix }, cancellationToken: ct));
        if (row is not { } found || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.KeyHash), Encoding.ASCII.GetBytes(hash)))
            return null;
        var principal = new ApiKeyPrincipal(found.Id, found.Name, found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (remember)
            recent[hash] = (principal, clock.GetUtcNow() + Remember);
        return principal;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<KeyRow>(
            new CommandDefinition("select id, name, prefix, scopes, created_by, created_at, revoked_at from api_keys order by id", cancellationToken: ct));
        return rows.Select(r => new ApiKeyInfo(r.Id, r.Name, r.Prefix, r.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.CreatedBy, r.CreatedAt, r.RevokedAt)).ToList();
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        foreach (var entry in recent.Where(e => e.Value.Principal.Id == id))
            recent.TryRemove(entry.Key, out _);
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update api_keys set revoked_at = @now where id = @id and revoked_at is null",
            new { id, now = clock.GetUtcNow() }, cancellationToken: ct)) == 1;
    }

    sealed class KeyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string Scopes { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }

    static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
