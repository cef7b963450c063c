using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Queues;

/// <summary>Each staff member's saved queue views, and the team's shared ones.</summary>
internal static class SavedViewsApi
{
    public static RouteGroupBuilder MapSavedViews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/views").WithTags("Queues").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return group;
    }

    static async Task<Ok<IReadOnlyList<SavedView>>> ListAsync(SavedViewStore views, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await views.ListAsync(user.Identity!.Name!, ct));

    static async Task<Results<Created<SavedView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SaveView request, SavedViewStore views, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Problems(request) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        return Answer(await views.CreateAsync(user.Identity!.Name!, Trimmed(request), ct), 0) switch
        {
            Ok<SavedView> ok => TypedResults.Created($"/api/me/views/{ok.Value!.Id}", ok.Value),
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
    }

    static async Task<Results<Ok<SavedView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, SaveView request, SavedViewStore views, ClaimsPrincipal user, CancellationToken ct)
    {
        if (Problems(request) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        return Answer(await views.UpdateAsync(id, user.Identity!.Name!, Trimmed(request), ct), id) switch
        {
            Ok<SavedView> ok => ok,
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, SavedViewStore views, ClaimsPrincipal user, CancellationToken ct) =>
        await views.DeleteAsync(id, user.Identity!.Name!, ct) is { } refused ? (ProblemHttpResult)Answer(refused, id) : TypedResults.NoContent();

    static Dictionary<string, string[]> Problems(SaveView request)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.Problem(request.Name?.Trim(), "Name", SaveView.NameLength) is { } name)
            errors["name"] = [name];
        if (request.Filters is null)
            errors["filters"] = ["Filters are required (an empty object for none)."];
        else
            foreach (var (field, problems) in request.Filters.Problems())
                errors[$"filters.{field}"] = problems;
        return errors;
    }

    static SaveView Trimmed(SaveView request) => request with { Name = request.Name.Trim() };

    static IResult Answer(ViewResult result, long id) => result switch
    {
        ViewResult.Saved(var view) => TypedResults.Ok(view),
        ViewResult.NotFound => TypedResults.Problem(title: "No such view", detail: $"There is no saved view {id} of yours.",
            statusCode: StatusCodes.Status404NotFound),
        ViewResult.NotOwner(var owner) => TypedResults.Problem(title: "Not your view",
            detail: $"This shared view is {owner}'s; only they change or delete it. Save a copy of your own instead.",
            statusCode: StatusCodes.Status403Forbidden),
        ViewResult.NameTaken => TypedResults.Problem(title: "Name taken", detail: "You have a saved view of that name already.",
            statusCode: StatusCodes.Status409Conflict),
        ViewResult.TooMany => TypedResults.Problem(title: "Too many views",
            detail: $"You have {SaveView.MostPerOwner} saved views; delete one first.", statusCode: StatusCodes.Status409Conflict),
        _ => throw new InvalidOperationException($"Unexpected {result}"),
    };
}
