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
    SmsStore store, OutboxSender sender, DeskNotifier notifier)
{
    /// <summary>Answers the survey when the text is its score, in the caller's transaction; false when it is not one.</summary>
    public async Task<bool> TryAnswerAsync(DbTransaction tx, IncomingSms sms, DateTimeOffset now, List<Func<Task>> after, CancellationToken ct)
    {
        if (SurveyQuestions.Read(sms.Text) is not (var score, null))
            return false;
        var id = await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition($"""
            select s.id from surveys s
            join contact_identities i on i.contact_id = s.contact_id
            where i.channel = @channel and i.address = @from and s.channel = @channel and s.status = 'sent' and s.expires_at > @now
            order by s.sent_at desc, s.id desc
            {db.Dialect.Limit("one")}
            """, new { channel = TwilioSmsChannel.ChannelName, from = sms.From, now, one = 1 }, tx, cancellationToken: ct));
        if (id is not { } surveyId || await surveys.ClaimAsync(tx, surveyId, ct) is not { Kind: { } kind } survey || !SurveyQuestions.InScale(kind, score))
            return false;
        if (await answers.RecordAsync(tx, survey, score, null, inChat: false, "user", now, after, ct) is not AnswerResult.Recorded(var query, var recovery))
            return false;
        await SurveyChat.ForgetAsync(conversations, tx, survey, now, ct);
        await store.LinkAsync(tx, sms.MessageSid, query.Id, ct);
        var via = new Reach(TwilioSmsChannel.ChannelName, null, channel, sms.From, query.Language);
        var thanks = await reach.SayAsync(tx, via, query, Thanks(query, recovery), null, now, ct, Automatic.Replied);
        after.Add(async () =>
        {
            await notifier.TimelineAppendedAsync(thanks, query.Queue);
            sender.Wake();
        });
        return true;
    }

    static string Thanks(QueryRow query, QueryRow? recovery) => (query.Language == "zh", recovery?.Reference) switch
    {
        (true, null) => $"{query.Reference}：谢谢您的评价。",
        (true, { } follow) => $"{query.Reference}：谢谢您的反馈，很抱歉没有让您满意。我们的团队会通过 {follow} 跟进。",
        (false, null) => $"{query.Reference}: thank you for your answer.",
        (false, { } follow) => $"{query.Reference}: thank you, and we are sorry it was not better. Our team will follow up with you on {follow}.",
    };
}
