using Dapper;
using Desk.Api.BotChannel;
using Desk.Api.Contacts;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Surveys;

namespace Desk.Api.Sms;

/// <summary>An incoming SMS, signature already checked, with its sender's number in E.164.</summary>
internal sealed record IncomingSms(string MessageSid, string From, string Text);

internal enum SmsOutcome { Query, Message, SurveyAnswer, OptedOut, OptedIn, CarrierKeyword, Replayed }

/// <summary>
/// What an incoming SMS does, in one transaction: STOP words, and START words from a number that opted out, change
/// whether the desk may write to the number; a score alone answers the survey open on that number
/// (<see cref="SmsSurveyAnswers"/>); any other text is a message on the sender's open query or, without one, a new query
/// through the intake, acknowledged by SMS with its reference and agreed time frame. A MessageSid seen before changes
/// nothing.
/// </summary>
internal sealed class SmsInbound(
    DeskDb db, SmsStore store, Intake intake, QueryStore queries, TimelineStore timeline, ChatCasework casework, UserReach reach,
    TwilioSmsChannel channel, SmsSurveyAnswers surveys, OutboxSender sender, DeskNotifier notifier, TimeProvider clock)
{
    const string Principal = "sms";
    static readonly HashSet<string> StopWords = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"], StringComparer.OrdinalIgnoreCase);
    static readonly HashSet<string> StartWords = new(["START", "YES", "UNSTOP"], StringComparer.OrdinalIgnoreCase);
    // Twilio answers these itself (its opt-out handling): they ask about the number's texts, not for a query.
    static readonly HashSet<string> HelpWords = new(["HELP", "INFO"], StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string[]> Validate(IncomingSms sms) => intake.Validate(Submission(sms));

    public async Task<SmsOutcome> TakeAsync(IncomingSms sms, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = new List<Func<Task>>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (!await store.FirstSightAsync(tx, sms.MessageSid, sms.From, now, ct))
            return SmsOutcome.Replayed;

        // "STOP." or "Stop!" is the same word; a keyword is the whole text, so "stop texting me please" is words for a person.
        var keyword = sms.Text.Trim().Trim('.', '!', '?', ',', ';', ':', '。', '！', '？', ' ');
        SmsOutcome outcome;
        if (StopWords.Contains(keyword))
        {
            await store.OptOutAsync(tx, sms.From, keyword.ToUpperInvariant(), now, ct);
            // The agent on the open query must know that their replies will not arrive ("cancel" may mean the query, too).
            if (await OpenQueryAsync(tx, sms.From, now, ct) is { } open)
            {
                var note = await timeline.AppendAsync(tx, open, TimelineKinds.Note, Principal,
                    $"The user texted \"{keyword}\": their number opted out of SMS, so replies by SMS fail until it texts START.",
                    new { channel = TwilioSmsChannel.ChannelName, keyword, says = "sms_opted_out" }, now, ct);
                after.Add(() => notifier.TimelineAppendedAsync(note, open.Queue));
            }
            outcome = SmsOutcome.OptedOut;
        }
        // "Yes" from a number that never opted out is an answer to someone, not a request to resume texts.
        else if (StartWords.Contains(keyword) && await store.OptedOutAsync(tx, sms.From, ct))
        {
            await store.OptInAsync(tx, sms.From, ct);
            if (await OpenQueryAsync(tx, sms.From, now, ct) is { } open)
            {
                var note = await timeline.AppendAsync(tx, open, TimelineKinds.Note, Principal,
                    $"The user texted \"{keyword}\": their number takes SMS again, so replies by SMS go out.",
                    new { channel = TwilioSmsChannel.ChannelName, keyword, says = "sms_opted_in" }, now, ct);
                after.Add(() => notifier.TimelineAppendedAsync(note, open.Queue));
            }
            outcome = SmsOutcome.OptedIn;
        }
        else if (HelpWords.Contains(keyword))
            outcome = SmsOutcome.CarrierKeyword;
        else if (await surveys.TryAnswerAsync(tx, sms, now, after, ct))
            outcome = SmsOutcome.SurveyAnswer;
        else if (await OpenQueryAsync(tx, sms.From, now, ct) is { } open)
        {
            await casework.UserWroteAsync(tx, open, sms.Text, Principal, TwilioSmsChannel.ChannelName, "The user wrote by SMS.", now, after, ct);
            await store.LinkAsync(tx, sms.MessageSid, open.Id, ct);
            outcome = SmsOutcome.Message;
        }
        else
        {
            var (query, _) = await intake.TakeAsync(tx, Submission(sms), Principal, null, ChannelHints.None, now, ct);
            await store.LinkAsync(tx, sms.MessageSid, query.Id, ct);
            var via = new Reach(TwilioSmsChannel.ChannelName, null, channel, sms.From, query.Language);
            var acknowledged = await reach.SayAsync(tx, via, query, Acknowledgement(query), null, now, ct);
            var summary = query.ToSummary();
            after.Add(async () =>
            {
                await notifier.QueryCreatedAsync(summary);
                await notifier.TimelineAppendedAsync(acknowledged, summary.Queue);
                sender.Wake();
            });
            outcome = SmsOutcome.Query;
        }
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        foreach (var push in after)
            await push();
        return outcome;
    }

    static SubmitQuery Submission(IncomingSms sms) =>
        new(sms.Text, TwilioSmsChannel.ChannelName, new ContactIdentity(TwilioSmsChannel.ChannelName, sms.From));

    // The sender's query that still takes their words: open first, then one resolved within the reopen window.
    async Task<QueryRow?> OpenQueryAsync(System.Data.Common.DbTransaction tx, string from, DateTimeOffset now, CancellationToken ct)
    {
        var reference = await tx.Connection!.ExecuteScalarAsync<string?>(new CommandDefinition($"""
            select q.reference from queries q
            join contact_identities i on i.contact_id = q.contact_id
            where i.channel = @channel and i.address = @from and q.status <> 'closed'
            order by case when q.status = 'resolved' then 1 else 0 end, q.id desc
            {db.Dialect.Limit("one")}
            """, new { channel = TwilioSmsChannel.ChannelName, from, one = 1 }, tx, cancellationToken: ct));
        if (reference is null || await queries.ClaimAsync(tx, reference, ct) is not { } query)
            return null;
        return casework.TakesFollowUps(query, now) ? query : null;
    }

    static string Acknowledgement(QueryRow query) => query.Language == "zh"
        ? $"{query.Reference}：我们已收到您的问题，将在 {query.FirstResponseDue:yyyy-MM-dd HH:mm} (UTC) 前回复，并在 {query.ResolutionDue:yyyy-MM-dd HH:mm} (UTC) 前解决。回复本号码即可补充信息。"
        : $"{query.Reference}: we have your query and will answer by {query.FirstResponseDue:yyyy-MM-dd HH:mm} UTC, resolving it by {query.ResolutionDue:yyyy-MM-dd HH:mm} UTC. Reply to this number to add to it.";
}
