using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Desk.Api.Audit;
using Desk.Api.Queries;
using Desk.Api.Queues;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Identity;

public sealed record CreateStaff(
    [property: Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,99}$", ErrorMessage = "Use 1 to 100 lower-case letters, digits, '.', '_' or '-'.")] string Username,
    [property: Required, MaxLength(200)] string DisplayName,
    [property: Required] string Role,
    [property: Required] string Password);

/// <summary>Only the fields given change. A password here is an admin's reset.</summary>
public sealed record UpdateStaff(bool? Disabled, string? Role, [property: MaxLength(200)] string? DisplayName, string? Password);

/// <summary>Admins list, create, disable and change staff accounts; anything that changes who may do what ends the member's sessions.</summary>
internal static class StaffApi
{
    /// <summary>
    /// Words the desk uses itself where a username goes: the list filters' "me" and "unassigned", the names it writes
    /// on timelines for its own doings, and those it writes for end users ("user", a channel's name such as "portal").
    /// A member by one of these names could not be told from them.
    /// </summary>
    static readonly HashSet<string> Reserved =
        [ListFilters.Me, ListFilters.Unassigned, RoutingKinds.Actor, "system", "bot", "sla", "desk", "survey", "user", "contact",
            BotChannel.BotFrameworkChannel.ChannelName, .. Channels.All];

    public static RouteGroupBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/staff").WithTags("Staff").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{username}", UpdateAsync);
        return group;
    }

    static async Task<Ok<IReadOnlyList<StaffAccount>>> ListAsync(StaffStore staff, CancellationToken ct) =>
        TypedResults.Ok(await staff.ListAsync(ct));

    static async Task<Results<Created<StaffAccount>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateStaff request, StaffStore staff, AuditLog audit, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Reserved.Contains(request.Username))
            errors["username"] = [$"'{request.Username}' is a word the desk uses itself (a list filter, or the name it writes on timelines); choose another."];
        if (!Roles.All.Contains(request.Role))
            errors["role"] = [$"Role must be one of: {string.Join(", ", Roles.All)}."];
        if (TextRules.NameProblem(request.DisplayName, "Display name", Limits.NameLength) is { } name)
            errors["displayName"] = [name];
        if (PasswordRules.Problem(request.Password, request.Username) is { } problem)
            errors["password"] = [problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (!await staff.AddAsync(request.Username, request.DisplayName.Trim(), request.Role, request.Password, ct))
            return TypedResults.Problem(title: "Username taken", detail: $"There is already a staff member '{request.Username}'.", statusCode: StatusCodes.Status409Conflict);
        await audit.RecordAsync(AuditKinds.StaffCreated, user.Identity!.Name, request.Username, http, $"Role {request.Role}.", ct);
        return TypedResults.Created($"/api/admin/staff/{request.Username}", (await staff.FindAsync(request.Username, ct))!);
    }

    static async Task<Results<Ok<StaffAccount>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string username, UpdateStaff request, StaffStore staff, SessionStore sessions, WorkHandback handback, AuditLog audit,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Role is not null && !Roles.All.Contains(request.Role))
            errors["role"] = [$"Role must be one of: {string.Join(", ", Roles.All)}."];
        if (request.DisplayName is not null && TextRules.NameProblem(request.DisplayName, "Display name", Limits.NameLength) is { } badName)
            errors["displayName"] = [badName];
        if (request.Password is not null && PasswordRules.Problem(request.Password, username) is { } problem)
            errors["password"] = [problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (await staff.FindAsync(username, ct) is not { } account)
            return TypedResults.Problem(title: "Not found", detail: $"No staff member '{username}'.", statusCode: StatusCodes.Status404NotFound);
        var self = string.Equals(username, user.Identity!.Name, StringComparison.Ordinal);
        if (self && (request.Disabled == true || request.Role is not null && request.Role != Roles.Admin))
            return TypedResults.Problem(title: "Cannot lock yourself out", statusCode: StatusCodes.Status409Conflict,
                detail: "An admin cannot disable or demote their own account; ask another admin.");

        var changes = new List<string>();
        if (request.Disabled is { } disabled && disabled != account.Disabled)
            changes.Add(disabled ? "disabled" : "enabled");
        if (request.Role is { } role && role != account.Role)
            changes.Add($"role {account.Role} to {role}");
        if (request.DisplayName is { } name && name.Trim() != account.DisplayName)
            changes.Add("display name");
        if (request.Password is not null)
            changes.Add("password reset");
        if (changes.Count == 0)
            return TypedResults.Ok(account);

        await staff.UpdateAsync(account.Id, request.Disabled, request.Role, request.DisplayName?.Trim(), request.Password, ct);
        // Sessions carry the role and prove the password: any change to either, or a disable, ends them.
        if (request.Disabled == true || request.Role is not null && request.Role != account.Role || request.Password is not null)
            await sessions.EndAllAsync(account.Id, ct);
        else if (changes.Contains("display name"))
            await sessions.RenameAsync(account.Id, request.DisplayName!.Trim(), ct);
        // What they can no longer work goes back: all of it when disabled, a queue their new role does not work.
        if (request.Disabled == true || request.Role is not null && request.Role != account.Role)
        {
            var (queries, chats) = await handback.HandBackAsync(username, request.Disabled == true ? null : request.Role ?? account.Role,
                user.Identity.Name!, ct);
            if (queries + chats > 0)
                changes.Add($"handed back {queries} open queries and {chats} live chats");
        }
        await audit.RecordAsync(AuditKinds.StaffChanged, user.Identity.Name, username, http, string.Join("; ", changes) + ".", ct);
        return TypedResults.Ok((await staff.FindAsync(username, ct))!);
    }
}
