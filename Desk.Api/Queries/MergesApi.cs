using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Queries;

internal static class MergesApi
{
    public static RouteHandlerBuilder MapMerges(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/queries/{reference}/merge", MergeAsync).WithTags("Queries").RequireAuthorization(Policies.Staff);

    /// <summary>Closes this query as a duplicate of <c>into</c>; 404 for a query the caller may not see, 409 when either cannot take part.</summary>
    static async Task<Results<Ok<MergeReceipt>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        string reference, MergeRequest request, Merges merges, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await merges.MergeAsync(reference, request, access.For(user), ct) switch
        {
            MergeResult.Merged(var receipt) => TypedResults.Ok(receipt),
            MergeResult.NotFound(var missing) => TypedResults.Problem(title: "No such query", detail: $"There is no query {missing}.",
                statusCode: StatusCodes.Status404NotFound),
            MergeResult.Invalid(var field, var error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }),
            MergeResult.Conflict(var detail) => TypedResults.Problem(title: "Cannot merge", detail: detail, statusCode: StatusCodes.Status409Conflict),
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
}
