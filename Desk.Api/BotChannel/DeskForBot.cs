using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Knowledge;
using Desk.Api.Moments;
using Desk.Api.Outages;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Surveys;
using Desk.Bot;
using Desk.Classifier;
using Microsoft.Extensions.Options;

namespace Desk.Api.BotChannel;

/// <summary>
/// The desk as Desk.Bot sees it. Each turn is one transaction: the conversation's state, the change (a query through
/// the same intake as every channel, a message on it, a correction, a handoff), the bot's replies to the outbox and
/// the turn's measures; pushes to the console follow the commit.
/// </summary>
internal sealed class DeskForBot(
    DeskDb db,
    Intake intake,
    QueryStore queries,
    TimelineStore timeline,
    ConversationStore conversations,
    ChatCasework casework,
    MomentStore moments,
    ChatOutbox chat,
    OutboxSender sender,
    DeskNotifier notifier,
    ContactAddresses addresses,
    IQueryClassifier classifier,
    KnowledgeSearch knowledge,
    SurveyStore surveys,
    SurveyAnswers surveyAnswers,
    OutageStore outages,
    IOptions<RoutingOptions> routing,
    IOptions<BotOptions> bot,
    IHttpContextAccessor http,
    TimeProvider clock) : IBotDesk
{
    const int IdLength = 256;
    const int ConversationIdLength = 1_024;

    public IReadOnlyDictionary<string, string[]> Check(BotAddress address, string activityId, string text)
    {
        var errors = new Dictionary<string, string[]>();
        if (text.Length > 0 && TextRules.Problem(text, "Text", Limits.TextLength) is { } textProblem)
            errors["text"] = [textProblem];
        if (!Channels.IsIdentityChannel(address.ChannelId))
            errors["channelId"] = ["The channelId is a short token such as directline, msteams or slack: at most 32 letters, digits, '.', '_' or '-'."];
        if (TextRules.Problem(activityId, "The activity id", IdLength) is { } id)
            errors["id"] = [id];
        if (TextRules.Problem(address.ConversationId, "The conversation id", ConversationIdLength) is { } conversation)
            errors["conversation.id"] = [conversation];
        if (address.User.Id is { } user && addresses.Normalise(IdentityChannel(address), user, out var problem) is null)
            errors["from.id"] = [problem!];
        if (TextRules.Problem(address.User.Name, "Display name", Limits.NameLength, required: false) is { } name)
            errors["from.name"] = [name];
        return errors;
    }

    public async Task<BotConversation> ConversationAsync(BotAddress address, CancellationToken ct)
    {
        var (row, started) = await conversations.FindOrStartAsync(address.ChannelId, ConversationStore.KeyOf(address),
            BotActivities.Write(address), LanguageCode(BotWordingLanguage(address.Locale)), clock.GetUtcNow(), ct);
        BotTicket? ticket = null;
        if (row.QueryId is { } queryId)
        {
            await using var connection = await db.OpenAsync(ct);
            ticket = await casework.TicketAsync(connection, queryId, ct);
        }
        return new BotConversation(row.Id, row.Version, started, address, Language(row.Language), State(row.State), row.Step,
            row.Pending is null ? null : JsonSerializer.Deserialize<BotPending>(row.Pending, JsonSerializerOptions.Web), ticket, row.Agent);
    }

    public Task<BotUnderstanding> UnderstandAsync(string text, CancellationToken ct)
    {
        var classification = classifier.Classify(text, ClassificationContext.None);
        var confident = classification.DecidedBy != TypeDecider.Model || classification.Confidence >= routing.Value.TriageThreshold;
        return Task.FromResult(new BotUnderstanding(classification.Type.ToCode(), classification.Confidence, confident,
            classification.Ranked.Select(l => l.Type.ToCode()).ToList()));
    }

    public async Task<IReadOnlyList<BotArticle>> ArticlesAsync(string text, BotLanguage language, CancellationToken ct) =>
        (await knowledge.MatchAsync(text, LanguageCode(language), 3, ct)).Select(a => new BotArticle(a.Slug, a.Title, a.Summary)).ToList();

    public async Task<IReadOnlyList<BotTicket>> TicketsAsync(BotConversation conversation, string? reference, CancellationToken ct)
    {
        // The sender, as intake knows them: their queries from any conversation (a new Web Chat on each page load), where
        // the channel vouches for who they are. Where the page picks the user id (Direct Line with a secret), anyone could
        // send another's: only the queries this conversation carried.
        var address = conversation.Address;
        var channel = IdentityChannel(address);
        if (addresses.Normalise(channel, address.User.Id, out _) is not { } user)
            return [];
        var vouched = bot.Value.VouchesForUserIds(address.ChannelId);
        await using var connection = await db.OpenAsync(ct);
        var contactId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select contact_id from contact_identities where channel = @channel and address = @user",
            new { channel, user }, cancellationToken: ct));
        if (contactId is null)
            return [];
        const string ThisConversation = """
            and (q.id = (select c.query_id from conversations c where c.id = @conversation)
                 or exists (select 1 from bot_events e where e.query_id = q.id and e.conversation_id = @conversation))
            """;
        var carried = vouched ? "" : ThisConversation;
        // Only the user's own (another's reference is not found); without one, those open or resolved lately (words reopen them).
        var ids = await connection.QueryAsync<long>(new CommandDefinition(reference is null
            ? $"""
               select q.id from queries q
               where q.contact_id = @contactId and (q.status not in ('resolved', 'closed') or (q.status = 'resolved' and q.resolved_at >= @since))
               {carried}
               order by q.id desc {db.Dialect.Limit("most")}
               """
            : $"select q.id from queries q where q.contact_id = @contactId and q.reference = @reference {carried}",
            new { contactId, reference, most = 5, conversation = conversation.Id, since = casework.ReopenableSince(clock.GetUtcNow()) },
            cancellationToken: ct));
        var tickets = new List<BotTicket>();
        foreach (var id in ids)
            tickets.Add((await casework.TicketAsync(connection, id, ct))!);
        return tickets;
    }

    public async Task<BotOutcome> ApplyAsync(BotConversation conversation, BotStep step, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = new List<Func<Task>>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        switch (await conversations.SeenAsync(tx, conversation.Id, step.ActivityId, step.Text, now, ct))
        {
            case true:
                return new BotOutcome.Replayed();
            case false:
                return new BotOutcome.KeyReused();
        }
        if (await conversations.ClaimAsync(tx, conversation.Id, conversation.Version, ct) is not { } row)
            return new BotOutcome.Stale();

        var address = conversation.Address;
        var language = step.Next.Language;
        var (query, onTimeline) = ((QueryRow?)null, false);
        // The query a person was asked for or held the chat about was closed meanwhile: the bot has the chat back.
        var backToBot = row.State != ConversationStates.Bot && conversation.Ticket is { TakesFollowUps: false };
        if (backToBot)
            (row.State, row.WaitingSince, row.Agent) = (ConversationStates.Bot, null, null);
        string? eventData = null;
        IReadOnlyList<string>? knownOutages = null;
        switch (step.Change)
        {
            case BotChange.Submit(var text, var type):
            {
                var request = new SubmitQuery(text, "chat", Contact(address));
                if (intake.Validate(request) is { Count: > 0 } errors)
                    return new BotOutcome.Invalid(errors.ToDictionary(e => ActivityField(e.Key), e => e.Value));
                QueryType? chosen = QueryTypes.TryParse(type, out var parsed) ? parsed : null;
                (query, _) = await intake.TakeAsync(tx, request, address.Caller, KeyName(), new ChannelHints(chosen, LanguageCode(language)), now, ct);
                (row.QueryId, row.ContactId, onTimeline) = (query.Id, query.ContactId, true);
                knownOutages = await outages.DeclaredTitlesAsync(tx, 3, ct);
                var created = query.ToSummary();
                after.Add(() => notifier.QueryCreatedAsync(created));
                break;
            }
            case BotChange.FollowUp(var reference, var text):
                query = await casework.OwnOpenQueryAsync(tx, row, reference, ct);
                if (query is not null)
                {
                    await casework.UserWroteAsync(tx, query, text, address, now, after, ct);
                    onTimeline = true;
                }
                break;
            case BotChange.Correct(var reference, var type):
                query = await casework.OwnOpenQueryAsync(tx, row, reference, ct);
                if (query is not null && QueryTypes.TryParse(type, out var corrected))
                {
                    await casework.CorrectAsync(tx, query, corrected, address, now, after, ct);
                    onTimeline = true;
                }
                break;
            case BotChange.Handoff(var text, var saidNothingElse):
            {
                query = conversation.Ticket is { IsOpen: true } open ? await casework.OwnOpenQueryAsync(tx, row, open.Reference, ct) : null;
                if (query is null)
                {
                    var request = new SubmitQuery(text, "chat", Contact(address));
                    if (intake.Validate(request) is { Count: > 0 } errors)
                        return new BotOutcome.Invalid(errors.ToDictionary(e => ActivityField(e.Key), e => e.Value));
                    (query, _) = await intake.TakeAsync(tx, request, address.Caller, KeyName(),
                        new ChannelHints(Reads: LanguageCode(language), OnlyAskedForPerson: saidNothingElse), now, ct);
                    (row.QueryId, row.ContactId) = (query.Id, query.ContactId);
                    var created = query.ToSummary();
                    after.Add(() => notifier.QueryCreatedAsync(created));
                }
                var entry = await timeline.AppendAsync(tx, query, TimelineKinds.HandoffRequested, address.Caller, text, null, now, ct);
                var queue = query.Queue;
                after.Add(() => notifier.TimelineAppendedAsync(entry, queue));
                // The user asked for a person and gets one (Table 7.7): a moment the desk must honour, per request.
                if (await moments.RecordAsync(tx, query, new MomentDraft(MomentKinds.Handoff, true, $"handoff:{entry.Id}", address.Caller),
                    now, ct) is { } moment)
                    after.Add(() => notifier.TimelineAppendedAsync(moment, queue));
                (row.State, row.WaitingSince, onTimeline) = (ConversationStates.Waiting, now, true);
                break;
            }
            case BotChange.Deflected(var article):
                eventData = JsonSerializer.Serialize(new { article }, JsonSerializerOptions.Web);
                break;
            case BotChange.SurveyAnswer(var surveyId, var score, var comment):
            {
                // The survey the desk asked this user about; an answer that comes too late is thanked and not recorded.
                if (await surveys.ClaimAsync(tx, surveyId, ct) is not { } survey || survey.ContactId != row.ContactId)
                    break;
                if (await surveyAnswers.RecordAsync(tx, survey, score, comment, inChat: true, address.Caller, now, after, ct)
                    is AnswerResult.Recorded(var surveyed, var recovery))
                {
                    (query, onTimeline) = (recovery ?? surveyed, true);
                    // The chat goes on about the recovery: its agent's replies reach the user here, and their next words join it.
                    if (recovery is not null && row.QueryId == surveyed.Id)
                        row.QueryId = recovery.Id;
                }
                else
                    query = await queries.GetAsync(tx, survey.QueryId, ct);
                break;
            }
        }

        row.Step = step.Next.Step;
        row.Pending = step.Next.Pending is null ? null : JsonSerializer.Serialize(step.Next.Pending, JsonSerializerOptions.Web);
        row.Language = LanguageCode(language);
        // A join that names no member says nothing of the user: keep the address the conversation has.
        if (address.User.Id is not null)
            row.Address = BotActivities.Write(address);
        if (step.Text.Length > 0)
            row.LastUserAt = now;
        row.UpdatedAt = now;
        await conversations.SaveAsync(tx, row, ct);

        var ticket = query is null ? conversation.Ticket : ChatCasework.TicketOf(query) with { KnownOutages = knownOutages };
        foreach (var reply in step.Replies(ticket))
        {
            var payload = BotActivities.Reply(address, step.ReplyTo, reply, language);
            if (await chat.SayAsync(tx, row, onTimeline ? query : null, payload, reply.Text, now, ct) is { } said)
            {
                var queue = query!.Queue;
                after.Add(() => notifier.TimelineAppendedAsync(said, queue));
            }
        }
        foreach (var kind in step.Events)
            await conversations.RecordEventAsync(tx, row, kind, query?.Id ?? row.QueryId, kind == BotEvents.Deflected ? eventData : null, now, ct);
        if (step.Change is BotChange.Handoff || backToBot)
        {
            var summary = await conversations.SummaryAsync(tx, row.Id, ct);
            after.Add(() => notifier.ConversationChangedAsync(summary));
        }
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing

        sender.Wake();
        foreach (var push in after)
            await push();
        return new BotOutcome.Applied(ticket);
    }

    ContactIdentity Contact(BotAddress address) => new(IdentityChannel(address), address.User.Id!, TextRules.PlainName(address.User.Name));

    static string IdentityChannel(BotAddress address) => Channels.IsIdentityChannel(address.ChannelId) ? address.ChannelId : "bot";

    string? KeyName() => http.HttpContext?.User.FindFirstValue(ApiKeyAuthentication.KeyNameClaim);

    // Intake's field names, as the activity names them, so a refusal points at what the channel sent.
    static string ActivityField(string field) => field switch
    {
        "contact.channel" => "channelId",
        "contact.address" => "from.id",
        "contact.displayName" => "from.name",
        _ => field,
    };

    static BotLanguage BotWordingLanguage(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? BotLanguage.Chinese : BotLanguage.English;

    static string LanguageCode(BotLanguage language) => language == BotLanguage.Chinese ? "zh" : "en";

    static BotLanguage Language(string code) => code == "zh" ? BotLanguage.Chinese : BotLanguage.English;

    static BotConversationState State(string state) => state switch
    {
        ConversationStates.Waiting => BotConversationState.Waiting,
        ConversationStates.Live => BotConversationState.Live,
        _ => BotConversationState.Bot,
    };
}
