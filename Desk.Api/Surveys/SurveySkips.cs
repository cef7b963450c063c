using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;

namespace Desk.Api.Surveys;

/// <summary>
/// An agent may spare a user the survey of a query (a sensitive case, a user who asked not to be surveyed), with a
/// reason kept on the timeline: before the query is resolved as well as after, as long as nothing was asked yet.
/// </summary>
internal sealed class SurveySkips(DeskDb db, SurveyStore store, QueryStore queries, TimelineStore timeline, DeskNotifier notifier, TimeProvider clock)
{
    public async Task<SkipResult> SkipAsync(string reference, string reason, Caller caller, CancellationToken ct)
    {
        if (TextRules.Problem(reason, "Reason", Limits.ReasonLength) is { } problem)
            return new SkipResult.Invalid(problem);
        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var query = await queries.ClaimAsync(tx, reference, ct);
        if (query is null || !caller.MaySee(query.Queue))
            return new SkipResult.NotFound();
        var survey = await store.ForQueryAsync(tx, query.Id, ct);
        switch (survey?.Status)
        {
            case SurveyStatus.Skipped:
                return new SkipResult.Skipped(survey.ToView(query.Reference));
            case null:
                survey = new SurveyRow
                {
                    QueryId = query.Id, ContactId = query.ContactId, Token = SurveyStore.NewToken(), SendAt = now, CreatedAt = now,
                };
                break;
            case SurveyStatus.Scheduled:
                survey = await store.ClaimAsync(tx, survey.Id, ct);
                break;
            default:
                return new SkipResult.Conflict($"The survey of {reference} is already {survey.Status}: only one not yet sent can be skipped.");
        }
        (survey!.Status, survey.DueAt, survey.Reason, survey.Actor, survey.UpdatedAt) = (SurveyStatus.Skipped, null, reason.Trim(), caller.Name, now);
        if (survey.Id == 0)
            survey.Id = await store.InsertAsync(tx, survey, ct);
        else
            await store.SaveAsync(tx, survey, ct);
        var entry = await timeline.AppendAsync(tx, query, SurveyKinds.Skipped, caller.Name, reason.Trim(), new { survey = survey.Id }, now, ct);
        query.UpdatedAt = now;
        await queries.UpdateAsync(tx, query, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        await notifier.TimelineAppendedAsync(entry, query.Queue);
        await notifier.QueryUpdatedAsync(query.ToSummary(), query.Queue);
        return new SkipResult.Skipped(survey.ToView(query.Reference));
    }

    /// <summary>The query's survey, for staff who may see the query; null when there is none or they may not.</summary>
    public async Task<(bool Found, SurveyView? Survey)> GetAsync(string reference, Caller caller, CancellationToken ct)
    {
        var query = await queries.GetAsync(reference, ct);
        if (query is null || !caller.MaySee(query.Queue))
            return (false, null);
        return (true, (await store.ForQueryAsync(query.Id, ct))?.ToView(query.Reference));
    }
}

internal abstract record SkipResult
{
    public sealed record Skipped(SurveyView Survey) : SkipResult;

    public sealed record NotFound : SkipResult;

    public sealed record Invalid(string Message) : SkipResult;

    public sealed record Conflict(string Message) : SkipResult;
}
