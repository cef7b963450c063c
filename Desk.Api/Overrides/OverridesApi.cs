using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Overrides;

/// <summary>
/// The overridable rules (any staff member), and the audit log of overrides for supervisors to review and count. There
/// is no endpoint that changes or deletes an override: the log is append-only.
/// </summary>
internal static class OverridesApi
{
    public static RouteGroupBuilder MapOverrides(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/overrides").WithTags("Overrides");
        group.MapGet("/rules", () => TypedResults.Ok(OverrideRules.All)).RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Supervisor);
        group.MapGet("/counts", CountsAsync).RequireAuthorization(Policies.Supervisor);
        group.MapPost("/{id:long}/review", ReviewAsync).RequireAuthorization(Policies.Supervisor);
        return group;
    }

    /// <summary>Newest first; <c>reviewed=false</c> is the supervisors' to-do list; <c>before</c> pages on.</summary>
    static async Task<Results<Ok<IReadOnlyList<OverrideView>>, ValidationProblem>> ListAsync(
        string? rule, bool? reviewed, long? before, int? limit, OverrideStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (rule is not null && OverrideRules.Find(rule) is null)
            errors["rule"] = [$"Rule must be one of: {string.Join(", ", OverrideRules.All.Select(r => r.Name))}."];
        if (limit is < 1 or > 200)
            errors["limit"] = ["Limit must be from 1 to 200."];
        if (before is < 1)
            errors["before"] = ["Before is an override's id."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await store.ListAsync(rule, reviewed, before, limit ?? 50, ct));
    }

    static async Task<Ok<IReadOnlyList<OverrideCount>>> CountsAsync(OverrideStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.CountsAsync(ct));

    /// <summary>Once per override; <c>propose_change</c> also adds the proposal to the improvement register, its id in the answer.</summary>
    static async Task<Results<Ok<OverrideReviewed>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        long id, OverrideReviewBody body, OverrideReviews reviews, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Decision is not (OverrideDecisions.Accept or OverrideDecisions.ProposeChange))
            errors["decision"] = ["Decision must be accept or propose_change."];
        if (TextRules.Problem(body.Note, "Note", Limits.ReasonLength, required: body.Decision == OverrideDecisions.ProposeChange) is { } problem)
            errors["note"] = [body.Note is null ? "A proposed rule change needs a note: what should the rule say?" : problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return await reviews.ReviewAsync(id, body.Decision!, body.Note?.Trim(), user.Identity!.Name!, clock.GetUtcNow(), ct) switch
        {
            ReviewResult.Reviewed(var receipt) => TypedResults.Ok(receipt),
            ReviewResult.ReviewedAlready => TypedResults.Problem(title: "Reviewed already",
                detail: $"Override {id} has a review; reviews are not changed.", statusCode: StatusCodes.Status409Conflict),
            ReviewResult.OwnOverride => TypedResults.Problem(title: "Your own override",
                detail: "An override is reviewed by someone other than who made it.", statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Problem(title: "No such override", detail: $"There is no override {id}.", statusCode: StatusCodes.Status404NotFound),
        };
    }
}
