using System.Data.Common;
using System.Text.Json;
using Desk.Api.Conversations;
using Desk.Bot;

namespace Desk.Api.Surveys;

/// <summary>
/// A survey question in a chat is a step of the conversation (<see cref="BotSteps.Survey"/>, the survey's id in its
/// pending answer), set in the transaction that sends it, so the user's "4" or tap is read as the answer.
/// </summary>
internal static class SurveyChat
{
    /// <summary>
    /// Whether the conversation may be asked now: the bot holds it and awaits no answer to a question of its own (a
    /// choice of type, an article's feedback); an earlier survey question or the soft "new matter?" may be replaced.
    /// </summary>
    public static bool MayAsk(ConversationRow c) =>
        c.State == ConversationStates.Bot && c.Step is null or BotSteps.MaybeNewMatter or BotSteps.Survey or BotSteps.SurveyComment;

    public static void Ask(ConversationRow c, SurveyRow survey, string reference, DateTimeOffset now)
    {
        (c.Step, c.UpdatedAt) = (BotSteps.Survey, now);
        c.Pending = JsonSerializer.Serialize(new BotPending(null, SurveyQuestions.Scores(survey.Kind!), reference, survey.Id), JsonSerializerOptions.Web);
    }

    /// <summary>Forgets the survey's question or comment window in the chat it was asked in, if that still awaits it.</summary>
    public static async Task ForgetAsync(ConversationStore conversations, DbTransaction tx, SurveyRow survey, DateTimeOffset now, CancellationToken ct)
    {
        if (survey.ConversationId is { } id && await conversations.ClaimAsync(tx, id, null, ct) is { } conversation && Forget(conversation, survey.Id, now))
            await conversations.SaveAsync(tx, conversation, ct);
    }

    static bool Forget(ConversationRow c, long surveyId, DateTimeOffset now)
    {
        if (c.Step is not (BotSteps.Survey or BotSteps.SurveyComment) || c.Pending is null
            || JsonSerializer.Deserialize<BotPending>(c.Pending, JsonSerializerOptions.Web)?.Survey != surveyId)
            return false;
        (c.Step, c.Pending, c.UpdatedAt) = (null, null, now);
        return true;
    }
}
