using System.Data.Common;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Bot;
using Microsoft.Extensions.Options;

namespace Desk.Api.Surveys;

/// <summary>
/// Acts on every survey whose moment has come: asks the question (or suppresses it), sends the one reminder, expires
/// it, closes a chat's comment window. Each survey is claimed and moved on in one transaction with what it sends (the
/// outbox, the chat's step), so a second run, a second node or a restart finds it done and sends nothing twice.
/// </summary>
internal sealed partial class SurveySender(
    DeskDb db, SurveyStore store, QueryStore queries, TimelineStore timeline, ConversationStore conversations, UserReach reach,
    OutboxSender outbox, DeskNotifier notifier, SurveyLinks links, IOptionsMonitor<SurveyOptions> options, TimeProvider clock, ILogger<SurveySender> logger)
{
    /// <summary>A chat busy with another question is asked again this much later.</summary>
    static readonly TimeSpan BusyRetry = TimeSpan.FromMinutes(5);

    /// <summary>Does everything due now; returns how many surveys it moved on.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var done = 0;
        var batch = options.CurrentValue.BatchSize;
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await store.DueAsync(now, batch, ct);
            var before = done;
            foreach (var id in due)
                done += await ProcessAsync(id, now, ct) ? 1 : 0;
            // A full batch that moved nothing was all done by another node meanwhile: the next run looks again.
            if (due.Count < batch || done == before)
                break;
        }
        if (done > 0)
            LogMoved(done);
        return done;
    }

    async Task<bool> ProcessAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.ClaimAsync(tx, id, ct) is not { DueAt: { } due } survey || due > now)
            return false;
        var query = await queries.GetAsync(tx, survey.QueryId, ct);
        var settings = options.CurrentValue;
        switch (survey.Status)
        {
            case SurveyStatus.Scheduled:
                await SendAsync(tx, survey, query, settings, now, entries, ct);
                break;
            case SurveyStatus.Sent when survey.ExpiresAt <= now:
                (survey.Status, survey.DueAt) = (SurveyStatus.Expired, null);
                await SurveyChat.ForgetAsync(conversations, tx, survey, now, ct);
                entries.Add(await timeline.AppendAsync(tx, query, SurveyKinds.Expired, "system", "The survey was not answered in time.",
                    new { survey = survey.Id, survey.Kind, says = "survey_expired" }, now, ct));
                break;
            case SurveyStatus.Sent:
                survey.RemindedAt = now;
                survey.DueAt = survey.ExpiresAt;
                if (await reach.FindAsync(tx, query, ct) is { } remindVia && (remindVia.Conversation is null || SurveyChat.MayAsk(remindVia.Conversation)))
                    entries.Add(await AskAsync(tx, survey, query, remindVia, reminder: true, now, ct));
                break;
            case SurveyStatus.Answered:
                // The chat's comment window is over: the user's next words are theirs again.
                survey.DueAt = null;
                await SurveyChat.ForgetAsync(conversations, tx, survey, now, ct);
                break;
            default:
                survey.DueAt = null;
                break;
        }
        survey.UpdatedAt = now;
        await store.SaveAsync(tx, survey, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        if (entries.Any(e => e.Delivery is not null))
            outbox.Wake();
        foreach (var entry in entries)
            await notifier.TimelineAppendedAsync(entry, query.Queue);
        return true;
    }

    async Task SendAsync(DbTransaction tx, SurveyRow survey, QueryRow query, SurveyOptions settings, DateTimeOffset now,
        List<TimelineEntry> entries, CancellationToken ct)
    {
        if (query.Status != QueryStatus.Resolved && query.Status != QueryStatus.Closed)
        {
            (survey.Status, survey.DueAt, survey.Reason) = (SurveyStatus.Cancelled, null, "The query is no longer resolved.");
            return;
        }
        await store.LockContactAsync(tx, survey.ContactId, ct);
        (string Key, string English)? suppressed = null;
        var via = await reach.FindAsync(tx, query, ct);
        if (await store.LastAskedAsync(tx, survey.ContactId, survey.Id, ct) is { } last && last > now - settings.MinGap)
            suppressed = ("asked_recently", $"The user was asked on {last:yyyy-MM-dd HH:mm} UTC, within the minimum gap of {settings.MinGap}.");
        else if (via is null)
            suppressed = ("unreachable", "No installed channel reaches the user.");
        else if (via.Conversation is { } busy && !SurveyChat.MayAsk(busy))
        {
            // Not in the middle of another question or a live chat: later, while the answer would still be fresh.
            if (now + BusyRetry < survey.SendAt + settings.ExpireAfter)
            {
                survey.DueAt = now + BusyRetry;
                return;
            }
            suppressed = ("chat_busy", "The chat stayed busy with other questions.");
        }
        if (suppressed is { } why)
        {
            (survey.Status, survey.DueAt, survey.Reason) = (SurveyStatus.Suppressed, null, why.English);
            entries.Add(await timeline.AppendAsync(tx, query, SurveyKinds.Suppressed, "system", why.English,
                new { survey = survey.Id, says = "suppressed_" + why.Key }, now, ct));
            return;
        }
        survey.Kind = await KindAsync(tx, survey, query, settings, now, ct);
        (survey.Status, survey.Channel, survey.ConversationId, survey.SentAt) = (SurveyStatus.Sent, via!.Channel, via.Conversation?.Id, now);
        survey.ExpiresAt = now + settings.ExpireAfter;
        survey.DueAt = settings.ReminderAfter > TimeSpan.Zero ? now + settings.ReminderAfter : survey.ExpiresAt;
        entries.Add(await AskAsync(tx, survey, query, via, reminder: false, now, ct));
    }

    // The net promoter question when the contact is due one (NpsEvery after their first survey or last NPS), else
    // effort for the types that are about getting something done, else satisfaction.
    async Task<string> KindAsync(DbTransaction tx, SurveyRow survey, QueryRow query, SurveyOptions settings,
        DateTimeOffset now, CancellationToken ct)
    {
        var (first, lastNps) = await store.NpsHistoryAsync(tx, survey.ContactId, ct);
        if ((lastNps ?? first) is { } since && since <= now - settings.NpsEvery)
            return SurveyQuestions.Nps;
        return settings.EffortTypes.Contains(query.Type) ? SurveyQuestions.Ces : SurveyQuestions.Csat;
    }

    async Task<TimelineEntry> AskAsync(DbTransaction tx, SurveyRow survey, QueryRow query, Reach via, bool reminder,
        DateTimeOffset now, CancellationToken ct)
    {
        var kind = survey.Kind!;
        if (via.Conversation is { } conversation)
        {
            SurveyChat.Ask(conversation, survey, query.Reference, now);
            await conversations.SaveAsync(tx, conversation, ct);
            return await reach.SayAsync(tx, via, query, SurveyQuestions.Ask(via.Language, kind, query.Reference, reminder),
                SurveyQuestions.Buttons(kind), now, ct);
        }
        var link = links.For(survey.Token);
        var question = via.Plugin?.Features.HasFlag(ChannelFeatures.ScoreReplies) == true
            ? SurveyQuestions.AskByReply(via.Language, kind, query.Reference, reminder, link)
            : SurveyQuestions.AskWithLink(via.Language, kind, query.Reference, reminder, link);
        return await reach.SayAsync(tx, via, query, question, null, now, ct, Automatic.Generated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey sender moved {Count} surveys on")]
    partial void LogMoved(int count);
}
