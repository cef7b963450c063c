using System.Data.Common;
using Desk.Api.Improvements;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Bot;
using Microsoft.Extensions.Options;

namespace Desk.Api.Surveys;

/// <summary>
/// Records an answer, from the chat or the link, in the caller's transaction: on the query's timeline; a low score or a
/// negative comment raises a moment of truth (once per survey); a comment that proposes a change joins the improvement
/// register. A score answers a survey once; the comment may follow it (in the chat, within the comment window).
/// </summary>
internal sealed class SurveyAnswers(
    SurveyStore store, QueryStore queries, TimelineStore timeline, MomentsOfTruth moments, CommentReading reading,
    ImprovementStore improvements, DeskNotifier notifier, IOptionsMonitor<SurveyOptions> options)
{
    /// <param name="survey">Claimed by the caller.</param>
    /// <param name="inChat">Answered in the chat, where a score alone opens a comment window.</param>
    public async Task<AnswerResult> RecordAsync(DbTransaction tx, SurveyRow survey, int? score, string? comment, bool inChat, string actor,
        DateTimeOffset now, List<Func<Task>> pushes, CancellationToken ct)
    {
        if (score is { } given)
        {
            if (survey.Status != SurveyStatus.Sent)
                return new AnswerResult.NotOpen(Why(survey));
            if (!SurveyQuestions.InScale(survey.Kind!, given))
                return new AnswerResult.Invalid("score", $"The score must be from {SurveyQuestions.Scale(survey.Kind!).Min} to {SurveyQuestions.Scale(survey.Kind!).Max}.");
            (survey.Status, survey.Score, survey.AnsweredAt, survey.Comment) = (SurveyStatus.Answered, given, now, comment);
            survey.DueAt = inChat && comment is null ? now + options.CurrentValue.CommentWindow : null;
        }
        else
        {
            // A comment alone follows a score given in the chat, while its window is open.
            if (survey.Status != SurveyStatus.Answered || survey.Comment is not null || survey.DueAt is null || comment is null)
                return new AnswerResult.NotOpen(Why(survey));
            (survey.Comment, survey.DueAt) = (comment, null);
        }
        survey.UpdatedAt = now;

        var query = await queries.ClaimAsync(tx, (await queries.GetAsync(tx, survey.QueryId, ct)).Reference, ct) ?? throw new InvalidOperationException("A surveyed query is gone.");
        var (_, max) = SurveyQuestions.Scale(survey.Kind!);
        var entries = new List<TimelineEntry>
        {
            await timeline.AppendAsync(tx, query, SurveyKinds.Answered, actor,
                comment, new { survey = survey.Id, survey.Kind, survey.Score, max, commentOnly = score is null, channel = inChat ? Reach.Chat : "link" }, now, ct),
        };
        var (negative, proposes) = comment is null ? (false, false) : reading.Read(comment);
        QueryRow? recovery = null;
        var scoredHigh = survey.Score is { } kept && MomentsOfTruth.IsHigh(survey.Kind!, kept);
        if (survey.MomentAt is null && ((score is { } s && MomentsOfTruth.IsLow(survey.Kind!, s)) || (negative && !scoredHigh)))
            recovery = await moments.RaiseAsync(tx, survey, query, now, pushes, ct);
        else if (comment is not null && score is null && survey.RecoveryQueryId is { } earlier)
        {
            // The comment after a low score belongs with the recovery its score raised.
            var raised = await queries.ClaimAsync(tx, (await queries.GetAsync(tx, earlier, ct)).Reference, ct);
            var added = await timeline.AppendAsync(tx, raised!, TimelineKinds.MessageIn, actor, comment, new { survey = survey.Id }, now, ct);
            raised!.UpdatedAt = now;
            await queries.UpdateAsync(tx, raised, ct);
            pushes.Add(() => notifier.TimelineAppendedAsync(added, raised.Queue));
        }
        if (proposes && await improvements.RegisterAsync(tx, ImprovementSources.Survey, survey.Id, query, comment!, now, ct) is { } registered)
            entries.Add(registered.Entry);
        query.UpdatedAt = now;
        await queries.UpdateAsync(tx, query, ct);
        await store.SaveAsync(tx, survey, ct);
        pushes.Add(async () =>
        {
            foreach (var entry in entries)
                await notifier.TimelineAppendedAsync(entry, query.Queue);
        });
        return new AnswerResult.Recorded(query, recovery);
    }

    static string Why(SurveyRow survey) => survey.Status switch
    {
        SurveyStatus.Answered => "This survey is already answered.",
        SurveyStatus.Expired => "This survey has expired.",
        SurveyStatus.Scheduled => "This survey has not been sent.",
        _ => $"This survey is {survey.Status}.",
    };
}

internal abstract record AnswerResult
{
    /// <summary>Recorded on <paramref name="Query"/>; <paramref name="Recovery"/> when this answer raised a moment of truth.</summary>
    public sealed record Recorded(QueryRow Query, QueryRow? Recovery) : AnswerResult;

    public sealed record NotOpen(string Why) : AnswerResult;

    public sealed record Invalid(string Field, string Message) : AnswerResult;
}
