using System.Security.Claims;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Presence;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Routing;

/// <summary>Agents say whether they take work and claim or release queries; supervisors see the agents and set their routing.</summary>
internal static class RoutingApi
{
    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/me/availability", SetAvailabilityAsync).WithTags("Routing").RequireAuthorization(Policies.Staff);
        app.MapGet("/api/routing/agents", AgentsAsync).WithTags("Routing").RequireAuthorization(Policies.Supervisor);
        app.MapPut("/api/admin/agents/{username}/routing", SetRoutingAsync).WithTags("Routing").RequireAuthorization(Policies.Supervisor);
        app.MapPut("/api/admin/agents/{username}/queues", SetQueuesAsync).WithTags("Routing").RequireAuthorization(Policies.Supervisor);
        app.MapPost("/api/queries/{reference}/claim", ClaimAsync).WithTags("Queries").RequireAuthorization(Policies.Staff);
        app.MapPost("/api/queries/{reference}/release", ReleaseAsync).WithTags("Queries").RequireAuthorization(Policies.Staff);
        app.MapAssignees();
        return app;
    }

    static async Task<Results<Ok<RoutingProfile>, ValidationProblem>> SetAvailabilityAsync(
        AvailabilityChange request, AgentProfiles profiles, WaitingQueries waiting, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Availability is not { } availability || !RoutingProfile.Availabilities.Contains(availability))
            return Invalid("availability", $"Availability must be one of: {string.Join(", ", RoutingProfile.Availabilities)}.");
        var profile = (await profiles.SetAvailabilityAsync(user.Identity!.Name!, availability, ct))!;
        if (availability == RoutingProfile.Online)
            await waiting.RouteAsync($"{profile.Username} said they are online", ct);
        return TypedResults.Ok(profile);
    }

    static async Task<Ok<List<AgentRouting>>> AgentsAsync(
        AgentProfiles profiles, AgentPresence presence, DeskDb db, QueueAccess access, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var loads = await profiles.LoadsAsync(connection, null, ct);
        var agents = await profiles.AgentsAsync(connection, null, ct);
        return TypedResults.Ok(agents.Select(a =>
        {
            var connected = presence.IsConnected(a.Username);
            return new AgentRouting(a.Username, a.Languages, a.MaxLoad, loads.GetValueOrDefault(a.Username), a.Availability, connected,
                a.Availability == RoutingProfile.Online && connected,
                Practice.Queues.Select(q => q.Queue).Where(q => access.MayWork(a.Username, Roles.Agent, q)).ToList(), access.SourceOf(a.Username));
        }).ToList());
    }

    /// <summary>Sets the queues an agent works (null: as configuration says); only an admin gives a restricted queue.</summary>
    static async Task<Results<Ok<AgentQueuesView>, ValidationProblem, ProblemHttpResult>> SetQueuesAsync(
        string username, AgentQueuesChange request, AgentQueues queues, ClaimsPrincipal user, CancellationToken ct)
    {
        var chosen = request.Queues?.Select(q => q?.Trim() ?? "").Distinct().ToList();
        if (chosen?.FirstOrDefault(q => !Practice.IsQueue(q)) is { } unknown)
            return Invalid("queues", $"'{unknown}' is not a queue; queues are: {string.Join(", ", Practice.Queues.Select(q => q.Queue))}.");
        return await queues.SetAsync(username, chosen, user.Identity!.Name!, user.IsInRole(Roles.Admin), ct) switch
        {
            AgentQueuesResult.Set(var view) => TypedResults.Ok(view),
            AgentQueuesResult.Conflict(var detail) => TypedResults.Problem(title: "Not an agent", detail: detail, statusCode: StatusCodes.Status409Conflict),
            AgentQueuesResult.Forbidden(var detail) => TypedResults.Problem(title: "Restricted queue", detail: detail, statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Problem(title: "No such staff member", detail: $"Nobody is called '{username}'.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    static async Task<Results<Ok<RoutingProfile>, ValidationProblem, ProblemHttpResult>> SetRoutingAsync(
        string username, RoutingChange request, AgentProfiles profiles, WaitingQueries waiting, ClaimsPrincipal user, CancellationToken ct)
    {
        var languages = request.Languages?.Select(l => l?.Trim().ToLowerInvariant() ?? "").Distinct().ToList();
        if (languages is not null && (languages.Count is 0 or > 20 || languages.Any(l => !RoutingProfile.IsLanguage(l))))
            return Invalid("languages", "Languages must be 1 to 20 codes such as en or zh, or null for the desk's default.");
        if (request.MaxLoad is < 1 or > 1000)
            return Invalid("maxLoad", "MaxLoad must be from 1 to 1000, or null for the desk's default.");
        if (await profiles.SetRoutingAsync(username, languages, request.MaxLoad, user.Identity!.Name!, ct) is not { } profile)
            return TypedResults.Problem(title: "No such staff member", detail: $"Nobody is called '{username}'.", statusCode: StatusCodes.Status404NotFound);
        // New languages or a higher limit may fit a query that waits.
        await waiting.RouteAsync($"{user.Identity!.Name} changed {profile.Username}'s languages or limit", ct);
        return TypedResults.Ok(profile);
    }

    static async Task<Results<Ok<QuerySummary>, ProblemHttpResult>> ClaimAsync(
        string reference, Assignment assignment, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(reference, await assignment.ClaimAsync(reference, user, ct));

    static async Task<Results<Ok<QuerySummary>, ProblemHttpResult>> ReleaseAsync(
        string reference, Assignment assignment, ClaimsPrincipal user, CancellationToken ct) =>
        Answer(reference, await assignment.ReleaseAsync(reference, user, ct));

    static Results<Ok<QuerySummary>, ProblemHttpResult> Answer(string reference, CaseResult result) => result switch
    {
        CaseResult.Changed(var summary) => TypedResults.Ok(summary),
        CaseResult.Conflict(var detail) => TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(title: "No such query", detail: $"There is no query {reference}.", statusCode: StatusCodes.Status404NotFound),
    };

    static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

internal sealed record AvailabilityChange(string? Availability);

internal sealed record RoutingChange(string?[]? Languages, int? MaxLoad);

internal sealed record AgentRouting(
    string Username, IReadOnlyList<string> Languages, int MaxLoad, int Load, string Availability, bool Connected, bool Online,
    IReadOnlyList<string> Queues, string QueuesFrom);
