using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Desk.Api.Identity;

internal sealed record StaffMember(long Id, string Username, string DisplayName, string Role);

public sealed record StaffAccount(
    string Username, string DisplayName, string Role, bool Disabled, int FailedSignIns, DateTimeOffset? LockedUntil,
    DateTimeOffset? PasswordChangedAt, DateTimeOffset CreatedAt)
{
    internal long Id { get; init; }
}

internal enum SignInStatus { Succeeded, Failed, Locked }

/// <summary>A sign-in's outcome. <c>JustLocked</c>: this very failure locked the account.</summary>
internal sealed record SignInOutcome(SignInStatus Status, StaffMember? Member = null, DateTimeOffset? LockedUntil = null, bool JustLocked = false);

/// <summary>Agents, supervisors and admins, with passwords hashed by the framework's PasswordHasher.</summary>
internal sealed class StaffStore(
    DeskDb db, IPasswordHasher<StaffMember> hasher, UnknownNameFailures unknownNames, TimeProvider clock, IOptions<DeskIdentityOptions> options)
{
    const string AccountColumns = "id, username, display_name, role, case when disabled_at is not null then 1 else 0 end as disabled, failed_sign_ins, locked_until, password_changed_at, created_at";

    /// <summary>Checks a password, counting failures in a row and locking the account for longer after each one past the free ones.</summary>
    public async Task<SignInOutcome> VerifyAsync(string username, string password, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // No username holds a control character (StaffApi refuses one), and PostgreSQL cannot even look for a NUL.
        var row = !TextRules.IsStorable(username) ? null : await connection.QuerySingleOrDefaultAsync<CredentialRow>(new CommandDefinition("""
            select id, username, display_name, role, password_hash, case when disabled_at is not null then 1 else 0 end as disabled, locked_until
            from staff where username = @username
            """, new { username }, cancellationToken: ct));
        var now = clock.GetUtcNow();
        if (row is null)
        {
            if (unknownNames.LockedUntil(username, now) is { } locked)
                return new SignInOutcome(SignInStatus.Locked, LockedUntil: locked);
            // Hash anyway, so the answer takes as long for an unknown name as for a wrong password.
            hasher.HashPassword(new StaffMember(0, username, "", ""), password);
            return unknownNames.Fail(username, now) is { } lockedNow
                ? new SignInOutcome(SignInStatus.Locked, LockedUntil: lockedNow, JustLocked: true)
                : new SignInOutcome(SignInStatus.Failed);
        }
        if (row.LockedUntil > now)
            return new SignInOutcome(SignInStatus.Locked, LockedUntil: row.LockedUntil);
        var member = new StaffMember(row.Id, row.Username, row.DisplayName, row.Role);
        var verified = hasher.VerifyHashedPassword(member, row.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (verified && !row.Disabled)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update staff set failed_sign_ins = 0, locked_until = null where id = @id and (failed_sign_ins > 0 or locked_until is not null)",
                new { id = row.Id }, cancellationToken: ct));
            return new SignInOutcome(SignInStatus.Succeeded, member);
        }
        if (row.Disabled)
            return new SignInOutcome(SignInStatus.Failed);
        var failures = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "update staff set failed_sign_ins = failed_sign_ins + 1 where id = @id; select failed_sign_ins from staff where id = @id;",
            new { id = row.Id }, cancellationToken: ct));
        var lockout = options.Value.LockoutAfter(failures);
        if (lockout == TimeSpan.Zero)
            return new SignInOutcome(SignInStatus.Failed);
        var until = now + lockout;
        await connection.ExecuteAsync(new CommandDefinition(
            "update staff set locked_until = @until where id = @id", new { id = row.Id, until }, cancellationToken: ct));
        return new SignInOutcome(SignInStatus.Locked, LockedUntil: until, JustLocked: true);
    }

    /// <summary>A staff member's display name, inside the caller's transaction; the username when there is none.</summary>
    public static async Task<string> DisplayNameAsync(DbTransaction tx, string username, CancellationToken ct) =>
        await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select display_name from staff where username = @username", new { username }, tx, cancellationToken: ct)) ?? username;

    /// <summary>The display names of every member not disabled, inside the caller's transaction.</summary>
    public static async Task<IReadOnlyList<string>> ActiveNamesAsync(DbTransaction tx, CancellationToken ct) =>
        (await tx.Connection!.QueryAsync<string>(new CommandDefinition(
            "select display_name from staff where disabled_at is null", transaction: tx, cancellationToken: ct))).AsList();

    /// <summary>The member's role and whether they are disabled; a null role when nobody is called so.</summary>
    public static async Task<(string? Role, bool Disabled)> StandingAsync(DbTransaction tx, string username, CancellationToken ct)
    {
        if (!TextRules.IsStorable(username))
            return (null, false);
        var (role, disabled) = await tx.Connection!.QuerySingleOrDefaultAsync<(string? Role, int Disabled)>(new CommandDefinition(
            "select role, case when disabled_at is null then 0 else 1 end from staff where username = @username",
            new { username }, tx, cancellationToken: ct));
        return (role, disabled == 1);
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(db.Dialect.Exists("select 1 from staff"), cancellationToken: ct));
    }

    /// <summary>Adds a staff member; false when the username is taken.</summary>
    public async Task<bool> AddAsync(string username, string displayName, string role, string password, CancellationToken ct)
    {
        var hash = hasher.HashPassword(new StaffMember(0, username, displayName, role), password);
        await using var connection = await db.OpenAsync(ct);
        var added = await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict(
            "staff", "username, display_name, role, password_hash, created_at", "@username, @displayName, @role, @hash, @now", "username"),
            new { username, displayName, role, hash, now = clock.GetUtcNow() }, cancellationToken: ct));
        return added == 1;
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"select {AccountColumns} from staff order by username", cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<StaffAccount?> FindAsync(string username, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"select {AccountColumns} from staff where username = @username", new { username }, cancellationToken: ct));
        return row?.ToAccount();
    }

    /// <summary>Changes what is given. A new password also clears the failure count and any lock.</summary>
    public async Task UpdateAsync(long id, bool? disabled, string? role, string? displayName, string? password, CancellationToken ct)
    {
        var hash = password is null ? null : hasher.HashPassword(new StaffMember(id, "", "", ""), password);
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update staff set
                disabled_at = case @access when 1 then coalesce(disabled_at, @now) when 2 then null else disabled_at end,
                role = coalesce(@role, role),
                display_name = coalesce(@displayName, display_name),
                password_hash = coalesce(@hash, password_hash),
                password_changed_at = case when @hash is null then password_changed_at else @now end,
                failed_sign_ins = case when @hash is null then failed_sign_ins else 0 end,
                locked_until = case when @hash is null then locked_until else null end
            where id = @id
            """, new { id, access = disabled switch { true => 1, false => 2, null => 0 }, role, displayName, hash, now = clock.GetUtcNow() },
            cancellationToken: ct));
    }

    sealed class CredentialRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public bool Disabled { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }

    sealed class AccountRow
    {
        public long Id { get; init; }
        public string Username { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public bool Disabled { get; init; }
        public int FailedSignIns { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
        public DateTimeOffset? PasswordChangedAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public StaffAccount ToAccount() =>
            new(Username, DisplayName, Role, Disabled, FailedSignIns, LockedUntil, PasswordChangedAt, CreatedAt) { Id = Id };
    }
}
