using Desk.Api.Improvements;
using Desk.Api.Identity;
using Desk.Api.Overrides;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Desk.Api.Board;

/// <summary>The supervisors' live board: a snapshot to start from; the changes come by push (<c>JoinBoard</c> on the hub).</summary>
internal static class BoardApi
{
    public static void MapBoard(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/board", SnapshotAsync).WithTags("Board").RequireAuthorization(Policies.Supervisor);

    /// <summary>Per queue open, at risk, breached and the oldest waiting; staff online and their load; today's attainment; the feed.</summary>
    static async Task<Results<Ok<BoardSnapshot>, ValidationProblem>> SnapshotAsync(
        BoardTally tally, ImprovementStore improvements, OverrideStore overrides, IOptions<BoardOptions> options, CancellationToken ct,
        int? feed = null)
    {
        if (feed is < 1 or > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["feed"] = ["feed is from 1 to 200 lines."] });
        var snapshot = await tally.SnapshotAsync(feed ?? options.Value.FeedSize, ct);
        return TypedResults.Ok(snapshot with { Improvements = await improvements.CountsAsync(null, ct), Overrides = await overrides.CountsAsync(ct) });
    }
}
