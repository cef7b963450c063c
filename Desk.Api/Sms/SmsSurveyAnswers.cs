using System.Data.Common;
using Dapper;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Surveys;
using Desk.Bot;

namespace Desk.Api.Sms;

/// <summary>
/// A survey asked by SMS is also answered by texting the score back: a text that is a score alone ("6", "6分") on the
/// scale of the newest survey sent by SMS to that number, while it is open, answers it as the link would, and is not a
/// message on a query. Words after the number, a number off the scale or no open survey: the text is handled as any
/// other, since "2 monitors are dead" is a new matter, not a score with a comment.
/// </summary>
internal sealed class SmsSurveyAnswers(
    DeskDb db, SurveyStore surveys, SurveyAnswers answers, ConversationStore conversations, UserReach reach, TwilioSmsChannel channel,
    SmsStore store, QueryStore queries, OutboxSender sender, DeskNotifier notifier)
{
    /// <summary>
    /// Answers the survey when the text is its score, in the caller's transaction; false when it is not one. A score
    /// alone for the newest survey to this number that is answered already (by its link a moment before, or an earlier
    /// text) while it would still be open tells the user their answer is in: it is no message on the query either.
    /// </summary>
    public async Task<bool> TryAnswerAsync(DbTransaction tx, IncomingSms sms, DateTimeOffset now, List<Func<Task>> after, CancellationToken ct)
    {
        if (SurveyQuestions.Read(sms.Text) is not (var score, null))
            return false;
        var newest = (await tx.Connection!.QueryAsync<(long Id, string Status, string Kind, long QueryId)>(new CommandDefinition($"""
            select s.id, s.status, s.kind, s.query_id from surveys s
            join contact_identities i on i.contact_id = s.contact_id
            where i.channel = @channel and i.address = @from and s.channel = @channel and s.status in ('sent', 'answered')
              and s.expires_at > @now
            order by s.sent_at desc, s.id desc
            {db.Dialect.Limit("one")}
            """, new { channel = TwilioSmsChannel.ChannelName, from = sms.From, now, one = 1 }, tx, cancellationToken: ct))).FirstOrDefault();
        // A number off the survey's scale is words for the query.
        if (newest is not (var id, { } status, { } kind, var queryId) || !SurveyQuestions.InScale(kind, score))
            return false;
        string said;
        QueryRow query;
        if (status == SurveyStatus.Sent && await surveys.ClaimAsync(tx, id, ct) is { } survey)
        {
            if (await answers.RecordAsync(tx, survey, score, null, inChat: false, "user", now, after, ct) is AnswerResult.Recorded(var answered, var recovery))
            {
                await SurveyChat.ForgetAsync(conversations, tx, survey, now, ct);
                (query, said) = (answered, Thanks(answered, recovery));
            }
            else
                (query, said) = await AnsweredAlreadyAsync(tx, queryId, ct);
        }
        else
            (query, said) = await AnsweredAlreadyAsync(tx, queryId, ct);
        await store.LinkAsync(tx, sms.MessageSid, query.Id, ct);
        var via = new Reach(TwilioSmsChannel.ChannelName, null, channel, sms.From, query.Language);
        var told = await reach.SayAsync(tx, via, query, said, null, now, ct, Automatic.Replied);
        after.Add(async () =>
        {
            await notifier.TimelineAppendedAsync(told, query.Queue);
            sender.Wake();
        });
        return true;
    }

    async Task<(QueryRow, string)> AnsweredAlreadyAsync(DbTransaction tx, long queryId, CancellationToken ct)
    {
        var query = await queries.GetAsync(tx, queryId, ct);
        return (query, query.Language == "zh" ? $"{query.Reference}：我们已收到您的评价，谢谢。" : $"{query.Reference}: we have your answer already, thank you.");
    }

    static string Thanks(QueryRow query, QueryRow? recovery) => (query.Language == "zh", recovery?.Reference) switch
    {
        (true, null) => $"{query.Reference}：谢谢您的评价。",
        (true, { } follow) => $"{query.Reference}：谢谢您的反馈，很抱歉没有让您满意。我们的团队会通过 {follow} 跟进。",
        (false, null) => $"{query.Reference}: thank you for your answer.",
        (false, { } follow) => $"{query.Reference}: thank you, and we are sorry it was not better. Our team will follow up with you on {follow}.",
    };
}
