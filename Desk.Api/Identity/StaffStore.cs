using Dapper;
using Desk.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace Desk.Api.Identity;

internal sealed record StaffMember(long Id, string Username, string DisplayName, string Role);

/// <summary>Agents, supervisors and admins, with passwords hashed by the framework's PasswordHasher.</summary>
internal sealed class StaffStore(DeskDb db, IPasswordHasher<StaffMember> hasher, TimeProvider clock)
{
    public async Task<StaffMember?> VerifyAsync(string username, string password, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Username, string DisplayName, string Role, string PasswordHash)?>(
            new CommandDefinition("select id, username, display_name, role, password_hash from staff where username = @username",
                new { username }, cancellationToken: ct));
        if (row is not { } found)
        {
            // Hash anyway, so the answer takes as long for an unknown name as for a wrong password.
            hasher.HashPassword(new StaffMember(0, username, "", ""), password);
            return null;
        }
        var member = new StaffMember(found.Id, found.Username, found.DisplayName, found.Role);
        return hasher.VerifyHashedPassword(member, found.PasswordHash, password) == PasswordVerificationResult.Failed ? null : member;
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from staff)", cancellationToken: ct));
    }

    /// <summary>Adds a staff member; false when the username is taken.</summary>
    public async Task<bool> AddAsync(string username, string displayName, string role, string password, CancellationToken ct)
    {
        var hash = hasher.HashPassword(new StaffMember(0, username, displayName, role), password);
        await using var connection = await db.OpenAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            insert into staff (username, display_name, role, password_hash, created_at)
            values (@username, @displayName, @role, @hash, @now)
            on conflict (username) do nothing
            """, new { username, displayName, role, hash, now = clock.GetUtcNow() }, cancellationToken: ct));
        return added == 1;
    }
}
