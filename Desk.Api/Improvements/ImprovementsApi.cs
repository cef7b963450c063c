using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Improvements;

/// <summary>The improvement register: staff read it, supervisors move entries along; one entry for the portal to show its originator.</summary>
internal static class ImprovementsApi
{
    public static RouteGroupBuilder MapImprovements(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/improvements").WithTags("Improvements");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/counts", CountsAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.ReadQueries);
        group.MapPatch("/{id:long}", ChangeAsync).RequireAuthorization(Policies.Supervisor);
        return group;
    }

    static async Task<Results<Ok<ImprovementPage>, ValidationProblem>> ListAsync(
        string? status, string? after, int? limit, ImprovementStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !ImprovementStatus.All.Contains(status))
            errors["status"] = [$"Status must be one of: {string.Join(", ", ImprovementStatus.All)}."];
        if (limit is < 1 or > 200)
            errors["limit"] = ["Limit must be from 1 to 200."];
        long? cursor = null;
        if (after is not null)
        {
            if (long.TryParse(after, out var id) && id > 0) cursor = id;
            else errors["after"] = ["The cursor is not one this API gave out."];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var size = limit ?? 50;
        var rows = await store.ListAsync(status, cursor, size + 1, access.For(user).Queues?.ToArray(), ct);
        var page = rows.Take(size).ToList();
        return TypedResults.Ok(new ImprovementPage(page.Select(r => r.ToView()).ToList(), rows.Count > size ? page[^1].Id.ToString() : null));
    }

    /// <summary>
    /// By status, all sources and the rule changes proposed from overrides: what the board shows; of the entries the caller
    /// may list, as the list counts them.
    /// </summary>
    static async Task<Ok<ImprovementCounts>> CountsAsync(ImprovementStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await store.CountsAsync(access.For(user).Queues?.ToArray(), ct));

    /// <summary>A portal's key sees what users raised; a rule change proposed from an override's review is the staff's.</summary>
    static async Task<Results<Ok<Improvement>, ProblemHttpResult>> GetAsync(
        long id, ImprovementStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } row && access.For(user).MaySee(row.Queue)
            && (row.Source != ImprovementSources.Override || Roles.All.Any(user.IsInRole))
            ? TypedResults.Ok(row.ToView())
            : NotFound(id);

    static async Task<Results<Ok<Improvement>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        long id, ImprovementPatch patch, ImprovementRegister register, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await register.ChangeAsync(id, patch, access.For(user), ct) switch
        {
            ImprovementResult.Changed(var improvement) => TypedResults.Ok(improvement),
            ImprovementResult.Invalid(var field, var message) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }),
            ImprovementResult.Conflict(var message) => TypedResults.Problem(title: "Not possible now", detail: message, statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(id),
        };

    static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(title: "No such improvement", detail: $"There is no improvement {id}.", statusCode: StatusCodes.Status404NotFound);
}
