using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Identity;
using Microsoft.Extensions.Options;

namespace Desk.Api.Routing;

/// <summary>What the router weighs about an agent: the languages they speak, how many open queries they hold at most, and
/// whether they said they are online, away or offline.</summary>
internal sealed partial record RoutingProfile(string Username, IReadOnlyList<string> Languages, int MaxLoad, string Availability)
{
    public const string Online = "online";
    public const string Away = "away";
    public const string Offline = "offline";
    public static readonly string[] Availabilities = [Online, Away, Offline];

    public static bool IsLanguage(string code) => LanguageCode().IsMatch(code);

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCode();
}

/// <summary>The agents' routing profiles (<c>agent_profiles</c>) and their load, read with defaults filled in.</summary>
internal sealed class AgentProfiles(DeskDb db, IOptionsMonitor<RoutingOptions> options, TimeProvider clock)
{
    /// <summary>Every agent whose account is not disabled, by username.</summary>
    public async Task<IReadOnlyList<RoutingProfile>> AgentsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Username, string? Languages, int? MaxLoad, string? Availability)>(new CommandDefinition("""
            select s.username, p.languages, p.max_load, p.availability
            from staff s left join agent_profiles p on p.username = s.username
            where s.role = @role and s.disabled_at is null
            order by s.username
            """, new { role = Roles.Agent }, tx, cancellationToken: ct));
        return rows.Select(r => Profile(r.Username, r.Languages, r.MaxLoad, r.Availability)).ToList();
    }

    /// <summary>How many open queries each staff member holds.</summary>
    public async Task<IReadOnlyDictionary<string, int>> LoadsAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Assignee, int Open)>(new CommandDefinition("""
            select assignee, count(*) from queries
            where assignee is not null and status not in ('resolved', 'closed')
            group by assignee
            """, transaction: tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Assignee, r => r.Open, StringComparer.Ordinal);
    }

    /// <summary>Sets what the agent said about themselves; false when they have no staff account.</summary>
    public Task<RoutingProfile?> SetAvailabilityAsync(string username, string availability, CancellationToken ct) =>
        UpsertAsync(username, username, new { availability }, (tx, parameters) => tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update agent_profiles set availability = @availability, updated_by = @actor, updated_at = @now where username = @username",
            parameters, tx, cancellationToken: ct)), ct);

    /// <summary>A supervisor's setting of an agent's languages and load limit (null: the defaults); null when there is no such agent.</summary>
    public Task<RoutingProfile?> SetRoutingAsync(string username, IReadOnlyList<string>? languages, int? maxLoad, string actor, CancellationToken ct) =>
        UpsertAsync(username, actor, new { languages = languages is null ? null : string.Join(',', languages), maxLoad },
            (tx, parameters) => tx.Connection!.ExecuteAsync(new CommandDefinition(
                "update agent_profiles set languages = @languages, max_load = @maxLoad, updated_by = @actor, updated_at = @now where username = @username",
                parameters, tx, cancellationToken: ct)), ct);

    /// <summary>Makes the agent's row if they have none, then runs <paramref name="update"/> on it.</summary>
    async Task<RoutingProfile?> UpsertAsync(
        string username, string actor, object values, Func<DbTransaction, DynamicParameters, Task<int>> update, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        var role = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select role from staff where username = @username", new { username }, tx, cancellationToken: ct));
        if (role is null)
            return null;
        var parameters = new DynamicParameters(values);
        parameters.AddDynamicParams(new { username, actor, now = clock.GetUtcNow(), online = RoutingProfile.Online });
        await connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("agent_profiles",
            "username, availability, updated_by, updated_at", "@username, @online, @actor, @now", "username"),
            parameters, tx, cancellationToken: ct));
        await update(tx, parameters);
        var row = await connection.QuerySingleAsync<(string Username, string? Languages, int? MaxLoad, string? Availability)>(new CommandDefinition(
            "select username, languages, max_load, availability from agent_profiles where username = @username",
            new { username }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return Profile(row.Username, row.Languages, row.MaxLoad, row.Availability);
    }

    RoutingProfile Profile(string username, string? languages, int? maxLoad, string? availability) => new(
        username,
        languages is null ? options.CurrentValue.Spoken : languages.Split(',', StringSplitOptions.RemoveEmptyEntries),
        maxLoad ?? options.CurrentValue.MaxLoad,
        availability ?? RoutingProfile.Online);
}
