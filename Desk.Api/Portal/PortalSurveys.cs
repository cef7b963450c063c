using Dapper;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Surveys;
using Desk.Bot;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Portal;

/// <summary>
/// The signed-in user's open survey questions, answered as through the survey link (the same validation and the same
/// consequences: a low score's moment of truth, a chat question forgotten). Another contact's survey is not found.
/// </summary>
internal static class PortalSurveys
{
    public static void MapPortalSurveys(this RouteGroupBuilder me)
    {
        me.MapGet("/surveys", OpenAsync);
        me.MapPost("/surveys/{id:long}", AnswerAsync);
    }

    static async Task<Ok<IReadOnlyList<PortalSurvey>>> OpenAsync(DeskDb db, HttpContext http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var open = await connection.QueryAsync<(long Id, string Reference, string Kind)>(new CommandDefinition("""
            select s.id, q.reference, s.kind from surveys s join queries q on q.id = s.query_id
            where s.contact_id = @contactId and s.status = 'sent' and s.kind is not null
            order by s.id
            """, new { contactId = PortalApi.Contact(http) }, cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<PortalSurvey>>([.. open.Select(Question)]);
    }

    static PortalSurvey Question((long Id, string Reference, string Kind) s)
    {
        var (min, max) = SurveyQuestions.Scale(s.Kind);
        return new PortalSurvey(s.Id, s.Reference, s.Kind, min, max, SurveyQuestions.Ask(BotLanguage.English, s.Kind, s.Reference, reminder: false),
            SurveyQuestions.Ask(BotLanguage.Chinese, s.Kind, s.Reference, reminder: false));
    }

    static async Task<Results<Ok<SurveyQuestion>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        long id, SurveyAnswerBody body, DeskDb db, SurveyStore store, SurveyAnswers answers, ConversationStore conversations, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var contactId = PortalApi.Contact(http);
        return await SurveysApi.AnswerClaimedAsync(async (tx, c) =>
            await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
                "select id from surveys where id = @id and contact_id = @contactId", new { id, contactId }, tx, cancellationToken: c)) is { } owned
                ? await store.ClaimAsync(tx, owned, c)
                : null, body, db, answers, conversations, clock, "user", ct, $"You have no survey {id}.");
    }
}
