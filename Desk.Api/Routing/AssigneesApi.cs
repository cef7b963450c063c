using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Routing;

/// <summary>A colleague a query may be given to: <paramref name="Role"/> agent, supervisor or admin.</summary>
public sealed record Assignee(string Username, string DisplayName, string Role);

/// <summary>
/// Who may be given a query: the staff who work its queue, for the console's reassign control. Any staff member who
/// may see the query may ask (an agent has no other way to learn colleagues' names); the disabled are left out.
/// </summary>
internal static class AssigneesApi
{
    public static void MapAssignees(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/queries/{reference}/assignees", ListAsync).WithTags("Queries").RequireAuthorization(Policies.Staff);

    static async Task<Results<Ok<IReadOnlyList<Assignee>>, ProblemHttpResult>> ListAsync(
        string reference, QueryStore queries, StaffStore staff, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = await queries.GetAsync(reference, ct);
        if (query is null || !access.For(user).MaySee(query.Queue))
            return TypedResults.Problem(title: "No such query", detail: $"There is no query {reference}.", statusCode: StatusCodes.Status404NotFound);
        var members = await staff.ListAsync(ct);
        IReadOnlyList<Assignee> working = members.Where(m => !m.Disabled && access.MayWork(m.Username, m.Role, query.Queue))
            .Select(m => new Assignee(m.Username, m.DisplayName, m.Role)).ToList();
        return TypedResults.Ok(working);
    }
}
