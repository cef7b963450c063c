using Desk.Api.Audit;
using Desk.Api.Board;
using Desk.Api.Data;
using Desk.Api.Improvements;
using Desk.Api.Queries;
using Desk.Api.Realtime;

namespace Desk.Api.Overrides;

/// <summary>
/// A supervisor's review of an override, once, by someone other than who made it. A proposal to change the rule it broke
/// is continual improvement's to weigh: it joins the improvement register (source <c>override</c>) in the review's
/// transaction, linked to the override's query, and tells no user (they did not raise it).
/// </summary>
internal sealed class OverrideReviews(
    DeskDb db, OverrideStore store, QueryStore queries, ImprovementStore improvements, DeskNotifier notifier, BoardFeed feed)
{
    public async Task<ReviewResult> ReviewAsync(long id, string decision, string? note, string reviewer, DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.FindAsync(tx, id, ct) is not { } made)
            return new ReviewResult.NotFound();
        // A review is the second pair of eyes on a broken rule: the one who broke it cannot be them.
        if (made.Actor == reviewer)
            return new ReviewResult.OwnOverride();
        if (!await store.AddReviewAsync(tx, id, decision, note, reviewer, now, ct))
            return new ReviewResult.ReviewedAlready();
        await AuditLog.RecordAsync(tx, AuditKinds.OverrideReviewed, reviewer, $"override:{id}",
            $"{decision} {made.Actor}'s override of {made.RuleName}" + (note is null ? "." : $": {note}"), now, ct);
        // Every override the desk records has its query; one without (the column allows it) has nothing to link an entry to.
        var query = made.QueryId is { } queryId ? await queries.GetAsync(tx, queryId, ct) : null;
        Registration? registered = null;
        if (decision == OverrideDecisions.ProposeChange && query is not null)
            registered = await improvements.RegisterAsync(tx, ImprovementSources.Override, id, query,
                Proposal(made, query.Reference, note!), now, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        if (query is not null)
        {
            if (registered is not null)
                await notifier.TimelineAppendedAsync(registered.Entry, query.Queue);
            await feed.PostAsync(new BoardFeedItem("override_reviewed", now, query.Reference, query.Queue, Metric: made.RuleName, Text: decision));
        }
        return new ReviewResult.Reviewed(new OverrideReviewed(id, decision, registered?.Id));
    }

    /// <summary>The register entry's text: the rule, whose override on which query, and what the supervisor would change.</summary>
    static string Proposal(OverrideMade made, string reference, string note) =>
        $"Change rule {made.RuleName} (overridden by {made.Actor} on {reference}): {note}";
}

internal abstract record ReviewResult
{
    public sealed record Reviewed(OverrideReviewed Receipt) : ReviewResult;

    public sealed record ReviewedAlready : ReviewResult;

    public sealed record OwnOverride : ReviewResult;

    public sealed record NotFound : ReviewResult;
}
