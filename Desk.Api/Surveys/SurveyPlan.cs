using System.Data.Common;
using Desk.Api.Conversations;
using Desk.Api.Queries;
using Microsoft.Extensions.Options;

namespace Desk.Api.Surveys;

/// <summary>
/// What the query lifecycle does to its survey, in the transaction of the change: a resolution plans one (after
/// <see cref="SurveyOptions.Delay"/>), a reopening withdraws one not yet answered.
/// </summary>
internal sealed class SurveyPlan(SurveyStore store, ConversationStore conversations, TimelineStore timeline, IOptionsMonitor<SurveyOptions> options)
{
    /// <summary>Plans the survey of a query just resolved, unless it has one (asked, answered, skipped, suppressed).</summary>
    public async Task ResolvedAsync(DbTransaction tx, QueryRow query, DateTimeOffset now, CancellationToken ct)
    {
        if (!options.CurrentValue.Enabled || await store.ForQueryAsync(tx, query.Id, ct) is not null)
            return;
        var sendAt = now + options.CurrentValue.Delay;
        await store.InsertAsync(tx, new SurveyRow
        {
            QueryId = query.Id,
            ContactId = query.ContactId,
            Token = SurveyStore.NewToken(),
            Status = SurveyStatus.Scheduled,
            SendAt = sendAt,
            DueAt = sendAt,
            CreatedAt = now,
            UpdatedAt = now,
        }, ct);
    }

    /// <summary>Withdraws the survey of a reopened query if it is not answered yet; the timeline entry saying so, or null.</summary>
    public async Task<TimelineEntry?> ReopenedAsync(DbTransaction tx, QueryRow query, DateTimeOffset now, CancellationToken ct)
    {
        if (await store.ForQueryAsync(tx, query.Id, ct) is not { Status: SurveyStatus.Scheduled or SurveyStatus.Sent } found
            || await store.ClaimAsync(tx, found.Id, ct) is not { } survey)
            return null;
        var asked = survey.Status == SurveyStatus.Sent;
        (survey.Status, survey.DueAt, survey.Reason, survey.UpdatedAt) = (SurveyStatus.Cancelled, null, "The query was reopened.", now);
        await store.SaveAsync(tx, survey, ct);
        await SurveyChat.ForgetAsync(conversations, tx, survey, now, ct);
        return await timeline.AppendAsync(tx, query, SurveyKinds.Cancelled, "system",
            asked ? "The query was reopened: its survey question is withdrawn." : "The query was reopened: its survey will not be sent.",
            new { survey = survey.Id, says = asked ? "survey_withdrawn" : "survey_not_sent" }, now, ct);
    }
}

/// <summary>What surveys write on a query's timeline.</summary>
internal static class SurveyKinds
{
    public const string Answered = "survey_answered";
    public const string Skipped = "survey_skipped";
    public const string Cancelled = "survey_cancelled";
    public const string Suppressed = "survey_suppressed";
    public const string Expired = "survey_expired";
    public const string MomentOfTruth = "moment_of_truth";
}
