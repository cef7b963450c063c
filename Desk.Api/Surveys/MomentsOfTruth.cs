using System.Data.Common;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Moments;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Sla;
using Desk.Bot;
using Desk.Classifier;

namespace Desk.Api.Surveys;

/// <summary>
/// A low score or a negative comment is a negative moment of truth (8.2.4) to turn into a positive one: it goes on the
/// query's timeline, is pushed to the query's queue and the supervisors, and becomes a recovery task for the team that
/// owns the query: a new complaint in that team's queue, in the user's name, pointing back at the query. A query (not
/// a flag on the old one) so that it is worked, timed and answered like any other: it has an owner, an SLA and a place
/// in the queue, and the user's reply to it reaches the agent. The moment itself is a row of <see cref="MomentStore"/>.
/// </summary>
internal sealed class MomentsOfTruth(QueryStore queries, TimelineStore timeline, MomentStore moments, SlaEngine sla, DeskNotifier notifier)
{
    /// <summary>Whether a score is low: CSAT 1–2 of 5, CES 1–3 of 7, NPS 0–6 of 10 (a detractor).</summary>
    public static bool IsLow(string kind, int score) => kind switch
    {
        SurveyQuestions.Ces => score <= 3,
        SurveyQuestions.Nps => score <= 6,
        _ => score <= 2,
    };

    /// <summary>
    /// Whether a score is in the top band: CSAT 4–5, CES 6–7, NPS 9–10 (a promoter). A user who scores so high is not
    /// turned into a complaint by a critical word in their comment: the comment is kept with the answer.
    /// </summary>
    public static bool IsHigh(string kind, int score) => kind switch
    {
        SurveyQuestions.Ces => score >= 6,
        SurveyQuestions.Nps => score >= 9,
        _ => score >= 4,
    };

    /// <summary>Raises the moment once per survey; returns the recovery query, for the caller to push after commit.</summary>
    public async Task<QueryRow> RaiseAsync(DbTransaction tx, SurveyRow survey, QueryRow query, DateTimeOffset now, List<Func<Task>> pushes,
        CancellationToken ct)
    {
        var kind = survey.Kind!;
        var (_, max) = SurveyQuestions.Scale(kind);
        var rated = survey.Score is { } score ? $"{kind.ToUpperInvariant()} {score} of {max}" : $"a {kind.ToUpperInvariant()} comment";
        var serviceLevel = await ContactStore.ServiceLevelAsync(tx, query.ContactId, ct);
        var practice = Practice.For(QueryType.Complaint);
        // Quick recovery counts (8.2.3): urgent at the complaint's usual impact.
        var (impact, urgency) = (Level.Medium, Level.High);
        var text = $"Recovery for {query.Reference} ({query.Subject}): the user gave {rated}."
            + (survey.Comment is { } comment ? $"\n\nTheir words: {comment}" : "");
        var recovery = new QueryRow
        {
            Reference = await queries.NextReferenceAsync(tx, practice.Prefix, ct),
            Type = QueryType.Complaint.ToCode(),
            Queue = query.Queue,
            Status = QueryStatus.New,
            Priority = Priority.Decide(QueryType.Complaint, impact, urgency, serviceLevel),
            Impact = impact.Code(),
            Urgency = urgency.Code(),
            Channel = query.Channel,
            ContactId = query.ContactId,
            ContactName = query.ContactName,
            Language = query.Language,
            Subject = $"Recovery for {query.Reference}: {rated}",
            Text = text,
            SubmittedBy = "survey",
            DecidedBy = "survey",
            Confidence = 1.0,
            DecisionRule = $"moment of truth: {rated}",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await sla.ForNewAsync(recovery, serviceLevel, ct);
        recovery.Id = await queries.InsertAsync(tx, recovery, ct);
        var created = await timeline.AppendAsync(tx, recovery, TimelineKinds.Created, "survey", text, new
        {
            recovery.Channel, recovery.Type, recovery.Queue, recovery.Priority, original = query.Reference, survey = survey.Id,
        }, now, ct);
        var moment = await timeline.AppendAsync(tx, query, SurveyKinds.MomentOfTruth, "survey",
            $"Moment of truth: {rated}. Recovery: {recovery.Reference}.",
            new { survey = survey.Id, kind, score = survey.Score, recovery = recovery.Reference, says = "moment_of_truth" }, now, ct);
        (survey.MomentAt, survey.RecoveryQueryId) = (now, recovery.Id);
        // The same record as every other moment; its line is the one above. Resolving the recovery query recovers it.
        await moments.RecordAsync(tx, query, new MomentDraft(MomentKinds.LowScore, false, $"survey:{survey.Id}", "survey", rated, recovery.Id),
            now, ct, onTimeline: false);

        var push = new MomentOfTruth(query.Reference, query.Queue, kind, survey.Score, survey.Comment, recovery.Reference, now);
        var summary = recovery.ToSummary();
        pushes.Add(async () =>
        {
            await notifier.QueryCreatedAsync(summary);
            await notifier.TimelineAppendedAsync(created, summary.Queue);
            await notifier.TimelineAppendedAsync(moment, query.Queue);
            await notifier.MomentOfTruthAsync(push);
        });
        return recovery;
    }
}
