using System.Data.Common;
using Desk.Api.Identity;
using Desk.Api.Queries;

namespace Desk.Api.Routing;

/// <summary>
/// A resolved query keeps its assignee, who may have been disabled or stopped working its queue since (WorkHandback
/// hands back open work only). Reopened, such a query goes back to its queue unassigned instead of waiting on someone
/// who will never see it.
/// </summary>
internal sealed class ReopenedAssignee(QueueAccess access, TimelineStore timeline)
{
    /// <summary>Unassigns the query when its assignee can no longer work <paramref name="queue"/>; the timeline line, or null.</summary>
    public async Task<TimelineEntry?> ReleaseIfGoneAsync(DbTransaction tx, QueryRow query, string queue, DateTimeOffset now, CancellationToken ct)
    {
        if (query.Assignee is not { } assignee)
            return null;
        var (role, disabled) = await StaffStore.StandingAsync(tx, assignee, ct);
        if (role is not null && !disabled && access.MayWork(assignee, role, queue))
            return null;
        query.Assignee = null;
        return await timeline.AppendAsync(tx, query, TimelineKinds.AssigneeChanged, "routing",
            $"{assignee} no longer works the {queue} queue; the reopened query goes back to it unassigned.",
            new { from = assignee, to = (string?)null, queue, says = "reopened_unassigned" }, now, ct);
    }
}
