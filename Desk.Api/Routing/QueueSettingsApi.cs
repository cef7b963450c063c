using System.Security.Claims;
using Desk.Api.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Routing;

/// <summary>The queues as admins set them: supervisors read who works each; only an admin restricts or opens one.</summary>
internal static class QueueSettingsApi
{
    public static IEndpointRouteBuilder MapQueueSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/queues").WithTags("Routing");
        group.MapGet("", AllAsync).RequireAuthorization(Policies.Supervisor);
        group.MapPut("{queue}/restriction", SetAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("{queue}/restriction", FromConfigurationAsync).RequireAuthorization(Policies.Admin);
        return app;
    }

    static async Task<Ok<IReadOnlyList<QueueSetting>>> AllAsync(QueueRestrictions restrictions, CancellationToken ct) =>
        TypedResults.Ok(await restrictions.AllAsync(ct));

    static async Task<Results<Ok<QueueSetting>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string queue, QueueRestrictionChange request, QueueRestrictions restrictions, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Practice.IsQueue(queue))
            return NoSuchQueue(queue);
        if (request.Restricted is not { } restricted)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["restricted"] = ["Restricted must be true or false; DELETE gives the queue back to configuration."],
            });
        return TypedResults.Ok(await restrictions.SetAsync(queue, restricted, user.Identity!.Name!, ct));
    }

    static async Task<Results<Ok<QueueSetting>, ProblemHttpResult>> FromConfigurationAsync(
        string queue, QueueRestrictions restrictions, ClaimsPrincipal user, CancellationToken ct) =>
        Practice.IsQueue(queue)
            ? TypedResults.Ok(await restrictions.SetAsync(queue, null, user.Identity!.Name!, ct))
            : NoSuchQueue(queue);

    static ProblemHttpResult NoSuchQueue(string queue) => TypedResults.Problem(
        title: "No such queue", detail: $"'{queue}' is not a queue; queues are: {string.Join(", ", Practice.Queues.Select(q => q.Queue))}.",
        statusCode: StatusCodes.Status404NotFound);
}
