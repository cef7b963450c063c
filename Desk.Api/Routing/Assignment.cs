using System.Security.Claims;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Realtime;

namespace Desk.Api.Routing;

/// <summary>
/// An agent claims a waiting query or releases one they hold; a released query goes back to the router, which gives it
/// to someone else or says why it waits. Taking a query from its holder is a reassignment, the query's PATCH: deliberate,
/// and on the timeline under the name of whoever made it.
/// </summary>
internal sealed class Assignment(
    DeskDb db, QueryStore queries, TimelineStore timeline, DeskNotifier notifier, QueueAccess access, Router router, TimeProvider clock)
{
    public Task<CaseResult> ClaimAsync(string reference, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(reference, user, release: false, ct);

    public Task<CaseResult> ReleaseAsync(string reference, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(reference, user, release: true, ct);

    async Task<CaseResult> ChangeAsync(string reference, ClaimsPrincipal user, bool release, CancellationToken ct)
    {
        var caller = access.For(user);
        var supervises = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var query = await queries.ClaimAsync(tx, reference, ct);
        if (query is null || !caller.MaySee(query.Queue))
            return new CaseResult.NotFound();
        if (!QueryStatus.IsOpen(query.Status))
            return new CaseResult.Conflict($"The query is {query.Status}.");
        if (!release && query.Assignee == caller.Name)
            return new CaseResult.Changed(query.ToSummary());
        if (!release && query.Assignee is { } holder)
            return new CaseResult.Conflict($"{holder} already has this query; to take it over, reassign it (the change is on its timeline).");
        if (release && query.Assignee is null)
            return new CaseResult.Conflict("Nobody has this query.");
        if (release && query.Assignee != caller.Name && !supervises)
            return new CaseResult.Conflict($"{query.Assignee} has this query; only they or a supervisor can release it. To move it, reassign it.");

        var now = clock.GetUtcNow();
        var to = release ? null : caller.Name;
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, TimelineKinds.AssigneeChanged, caller.Name, null,
                new { from = query.Assignee, to, how = release ? "release" : "claim" }, now, ct),
        };
        var released = query.Assignee;
        query.Assignee = to;
        if (release && await router.DecideAsync(tx, query.Queue, query.Text, except: released, now, ct) is { } routed)
        {
            entries.Add(await router.RecordAsync(tx, query, routed, now, ct));
            query.Assignee = routed.Assignee;
        }
        query.UpdatedAt = now;
        await queries.UpdateAsync(tx, query, ct);
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing

        var summary = query.ToSummary();
        await notifier.QueryUpdatedAsync(summary, query.Queue);
        foreach (var entry in entries)
            await notifier.TimelineAppendedAsync(entry, query.Queue);
        return new CaseResult.Changed(summary);
    }
}
