using System.Security.Claims;
using Dapper;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Bot;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Surveys;

/// <summary>
/// Staff see and skip a query's survey. A user answers through the link a channel without buttons carried: the token is
/// the only credential, as it is for any link in a mail; the portal's answer page calls these two.
/// </summary>
internal static class SurveysApi
{
    public static void MapSurveys(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/queries/{reference}/survey", GetAsync).WithTags("Surveys").RequireAuthorization(Policies.Staff);
        app.MapPost("/api/queries/{reference}/survey/skip", SkipAsync).WithTags("Surveys").RequireAuthorization(Policies.Staff);
        var link = app.MapGroup("/api/surveys").WithTags("Surveys").AllowAnonymous();
        link.MapGet("/{token}", QuestionAsync);
        link.MapPost("/{token}", AnswerAsync);
    }

    static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> GetAsync(
        string reference, SurveySkips skips, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await skips.GetAsync(reference, access.For(user), ct) switch
        {
            (true, { } survey) => TypedResults.Ok(survey),
            (true, null) => TypedResults.Problem(title: "No survey", detail: $"{reference} has no survey (yet).", statusCode: StatusCodes.Status404NotFound),
            _ => NoQuery(reference),
        };

    static async Task<Results<Ok<SurveyView>, ValidationProblem, ProblemHttpResult>> SkipAsync(
        string reference, SkipSurvey request, SurveySkips skips, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await skips.SkipAsync(reference, request.Reason, access.For(user), ct) switch
        {
            SkipResult.Skipped(var survey) => TypedResults.Ok(survey),
            SkipResult.Invalid(var message) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [message] }),
            SkipResult.Conflict(var message) => TypedResults.Problem(title: "Not possible now", detail: message, statusCode: StatusCodes.Status409Conflict),
            _ => NoQuery(reference),
        };

    static async Task<Results<Ok<SurveyQuestion>, ProblemHttpResult>> QuestionAsync(string token, SurveyStore store, DeskDb db, CancellationToken ct)
    {
        if (!SurveyStore.IsTokenShaped(token) || await store.ByTokenAsync(token, ct) is not { Kind: { } kind } survey)
            return NoSurvey();
        await using var connection = await db.OpenAsync(ct);
        var reference = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "select reference from queries where id = @QueryId", survey, cancellationToken: ct));
        return TypedResults.Ok(Question(survey, kind, reference!));
    }

    static async Task<Results<Ok<SurveyQuestion>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string token, SurveyAnswerBody body, DeskDb db, SurveyStore store, SurveyAnswers answers, ConversationStore conversations,
        TimeProvider clock, CancellationToken ct) =>
        SurveyStore.IsTokenShaped(token)
            ? await AnswerClaimedAsync((tx, c) => store.ClaimByTokenAsync(tx, token, c), body, db, answers, conversations, clock, "user", ct)
            : NoSurvey();

    /// <summary>
    /// Records an answer to the survey <paramref name="claim"/> finds and locks (null: none it may answer, 404 with
    /// <paramref name="missing"/>, the link's words by default), with the link's validation; the portal answers its
    /// signed-in user's surveys through here too.
    /// </summary>
    internal static async Task<Results<Ok<SurveyQuestion>, ValidationProblem, ProblemHttpResult>> AnswerClaimedAsync(
        Func<System.Data.Common.DbTransaction, CancellationToken, Task<SurveyRow?>> claim, SurveyAnswerBody body, DeskDb db,
        SurveyAnswers answers, ConversationStore conversations, TimeProvider clock, string actor, CancellationToken ct, string? missing = null)
    {
        if (TextRules.Problem(body.Comment, "Comment", Limits.TextLength, required: false) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = [problem] });
        var comment = body.Comment is { } text && TextRules.HasVisible(text) ? text.Trim() : null;
        var now = clock.GetUtcNow();
        var pushes = new List<Func<Task>>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        // A survey never asked has no live link.
        if (await claim(tx, ct) is not { Kind: { } kind } survey)
            return NoSurvey(missing);
        switch (await answers.RecordAsync(tx, survey, body.Score, comment, inChat: false, actor, now, pushes, ct))
        {
            case AnswerResult.Invalid(var field, var message):
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
            case AnswerResult.NotOpen(var why):
                return TypedResults.Problem(title: "Not open", detail: why, statusCode: StatusCodes.Status409Conflict);
            case AnswerResult.Recorded(var query, _):
                // Asked in a chat too: its question is answered now.
                await SurveyChat.ForgetAsync(conversations, tx, survey, now, ct);
                await write.CommitAsync(ct);
                await write.DisposeAsync();
                foreach (var push in pushes)
                    await push();
                return TypedResults.Ok(Question(survey, kind, query.Reference));
            default:
                throw new InvalidOperationException("Unexpected answer result.");
        }
    }

    static SurveyQuestion Question(SurveyRow survey, string kind, string reference)
    {
        var (min, max) = SurveyQuestions.Scale(kind);
        return new SurveyQuestion(reference, kind, min, max, SurveyQuestions.Ask(BotLanguage.English, kind, reference, reminder: false),
            SurveyQuestions.Ask(BotLanguage.Chinese, kind, reference, reminder: false), survey.Status);
    }

    static ProblemHttpResult NoSurvey(string? detail = null) =>
        TypedResults.Problem(title: "No such survey", detail: detail ?? "This link does not lead to a survey.", statusCode: StatusCodes.Status404NotFound);

    static ProblemHttpResult NoQuery(string reference) =>
        TypedResults.Problem(title: "No such query", detail: $"There is no query {reference}.", statusCode: StatusCodes.Status404NotFound);
}
