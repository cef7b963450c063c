namespace Desk.Bot;

/// <summary>
/// The desk as the bot sees it; the host implements it. The bot holds the dialogue, the desk holds its state: every
/// turn ends in one <see cref="ApplyAsync"/>, which makes the turn's change, saves the conversation and writes the
/// bot's replies to the desk's outbox in one transaction. So a restart or another node continues the conversation,
/// and a reply is sent if and only if its change was made.
/// </summary>
public interface IBotDesk
{
    /// <summary>What the desk refuses in an activity before anything is done (ids too long, an address it cannot keep…), by field.</summary>
    IReadOnlyDictionary<string, string[]> Check(BotAddress address, string activityId, string text);

    /// <summary>The conversation an activity belongs to, started (and counted) the first time it is seen.</summary>
    Task<BotConversation> ConversationAsync(BotAddress address, CancellationToken ct);

    /// <summary>What the desk would make of a text, without taking it.</summary>
    Task<BotUnderstanding> UnderstandAsync(string text, CancellationToken ct);

    /// <summary>Up to three published knowledge articles that match the text, best first.</summary>
    Task<IReadOnlyList<BotArticle>> ArticlesAsync(string text, BotLanguage language, CancellationToken ct);

    /// <summary>The user's queries: the one named by <paramref name="reference"/>, or their open ones, newest first.</summary>
    Task<IReadOnlyList<BotTicket>> TicketsAsync(BotConversation conversation, string? reference, CancellationToken ct);

    /// <summary>Makes one turn's change, saves the conversation's next state and queues the replies, all or nothing.</summary>
    Task<BotOutcome> ApplyAsync(BotConversation conversation, BotStep step, CancellationToken ct);
}

public enum BotLanguage { English, Chinese }

/// <summary>Who holds the conversation: the bot, nobody yet (a person was asked for), or a person.</summary>
public enum BotConversationState { Bot, Waiting, Live }

/// <summary>
/// Where a conversation lives on its channel: what a message to the user, now or later, is addressed with.
/// <paramref name="Caller"/> is the authenticated caller of the bot endpoint, whose activity ids are its own;
/// <paramref name="Conversation"/> the conversation object as the channel sent it (Teams' tenantId and the like go back);
/// <paramref name="Group"/> whether several people write in it (a Teams group chat or channel).
/// </summary>
public sealed record BotAddress(
    string ChannelId,
    string ConversationId,
    string ServiceUrl,
    BotAccount Bot,
    BotAccount User,
    string? Locale,
    string Caller,
    System.Text.Json.JsonElement? Conversation = null,
    bool Group = false,
    string? Clock = null);

public sealed record BotAccount(string? Id, string? Name);

/// <summary>A conversation as the desk keeps it.</summary>
/// <param name="Id">The desk's id for it.</param>
/// <param name="Version">Bumped by every turn: a turn applied on a version another turn changed is <see cref="BotOutcome.Stale"/>.</param>
/// <param name="Started">True on the turn that started it.</param>
/// <param name="Step">What the bot asked and awaits an answer to (<see cref="BotSteps"/>), if anything.</param>
/// <param name="Pending">What that answer applies to.</param>
/// <param name="Ticket">The query the conversation is about, while it is open.</param>
/// <param name="Agent">The person who holds it (state <see cref="BotConversationState.Live"/>).</param>
public sealed record BotConversation(
    long Id,
    long Version,
    bool Started,
    BotAddress Address,
    BotLanguage Language,
    BotConversationState State,
    string? Step,
    BotPending? Pending,
    BotTicket? Ticket,
    string? Agent);

/// <summary>
/// What an awaited answer applies to: the text it will be about, and the options offered; for a survey question, the
/// survey's id and the scores it takes as <paramref name="Options"/>.
/// </summary>
public sealed record BotPending(string? Text, IReadOnlyList<string> Options, string? Reference = null, long? Survey = null);

/// <summary>What the bot may be waiting for.</summary>
public static class BotSteps
{
    public const string ChooseType = "choose_type";
    public const string ArticleFeedback = "article_feedback";
    public const string CorrectType = "correct_type";
    public const string NewMatter = "new_matter";
    public const string MaybeNewMatter = "maybe_new_matter";

    /// <summary>The desk asked a survey question (<see cref="BotPending.Survey"/>); a score in the scale answers it.</summary>
    public const string Survey = "survey";

    /// <summary>A score was given; the user may add a comment.</summary>
    public const string SurveyComment = "survey_comment";
}

/// <summary>One turn, as the bot decided it.</summary>
/// <param name="ActivityId">The activity that caused it: a redelivery of the same id is <see cref="BotOutcome.Replayed"/>.</param>
/// <param name="ReplyTo">The activity the replies answer; null for a message to the conversation (a greeting).</param>
/// <param name="Text">The activity's text (the same id with another text is <see cref="BotOutcome.KeyReused"/>).</param>
/// <param name="Change">What the desk does.</param>
/// <param name="Next">The conversation's state after the turn.</param>
/// <param name="Replies">What the bot says, given the query the turn is about (the new one, for a submit).</param>
/// <param name="Events">What to count (<see cref="BotEvents"/>).</param>
public sealed record BotStep(
    string ActivityId,
    string? ReplyTo,
    string Text,
    BotChange Change,
    BotNext Next,
    Func<BotTicket?, IReadOnlyList<BotReply>> Replies,
    IReadOnlyList<string> Events);

/// <summary>The conversation after a turn; a handoff's state is the desk's to set.</summary>
public sealed record BotNext(BotLanguage Language, string? Step = null, BotPending? Pending = null);

/// <summary>What a turn changes at the desk.</summary>
public abstract record BotChange
{
    BotChange()
    {
    }

    /// <summary>Nothing but the conversation (an answer, a question, a greeting).</summary>
    public sealed record Nothing : BotChange;

    /// <summary>A new query from the text; <paramref name="Type"/> when the user chose it.</summary>
    public sealed record Submit(string Text, string? Type) : BotChange;

    /// <summary>A message from the user on an open query.</summary>
    public sealed record FollowUp(string Reference, string Text) : BotChange;

    /// <summary>The user says the query is of another type.</summary>
    public sealed record Correct(string Reference, string Type) : BotChange;

    /// <summary>
    /// The user asks for a person: the conversation waits for an agent, on its query (a new one from <paramref name="Text"/> if
    /// none). <paramref name="SaidNothingElse"/>: the words only ask for a person; they say nothing of a problem.
    /// </summary>
    public sealed record Handoff(string Text, bool SaidNothingElse = false) : BotChange;

    /// <summary>A knowledge article solved it: no query.</summary>
    public sealed record Deflected(string Article) : BotChange;

    /// <summary>An answer to a survey: a score (null when this is the comment after it), and a comment.</summary>
    public sealed record SurveyAnswer(long Survey, int? Score, string? Comment) : BotChange;
}

/// <summary>A message from the bot; <paramref name="Actions"/> are buttons that answer it.</summary>
public sealed record BotReply(string Text, IReadOnlyList<BotAction>? Actions = null);

/// <summary>A button: <paramref name="Value"/> comes back as the user's message when tapped.</summary>
public sealed record BotAction(string Title, string Value);

/// <summary>What a turn may count, for the bot's measures.</summary>
public static class BotEvents
{
    public const string Started = "started";
    public const string Message = "message";
    public const string NotUnderstood = "not_understood";
    public const string ArticlesOffered = "articles_offered";
    public const string Deflected = "deflected";
    public const string QueryCreated = "query_created";
    public const string FollowUp = "follow_up";
    public const string Corrected = "corrected";
    public const string StatusAnswered = "status_answered";
    public const string HandoffRequested = "handoff_requested";
    public const string HandoffTaken = "handoff_taken";
    public const string HandoffTimedOut = "handoff_timed_out";
    public const string HandoffReleased = "handoff_released";
    public const string Abandoned = "abandoned";
    public const string SurveyAnswered = "survey_answered";
}

public abstract record BotOutcome
{
    BotOutcome()
    {
    }

    /// <summary>Done; <paramref name="Ticket"/> is the query the turn was about.</summary>
    public sealed record Applied(BotTicket? Ticket) : BotOutcome;

    /// <summary>This activity was applied before: nothing was done again.</summary>
    public sealed record Replayed : BotOutcome;

    /// <summary>The activity id was already used in this conversation for a different message.</summary>
    public sealed record KeyReused : BotOutcome;

    /// <summary>Another turn changed the conversation first: load it again and decide again.</summary>
    public sealed record Stale : BotOutcome;

    /// <summary>Refused as invalid; <paramref name="Errors"/> names the activity's fields (<c>text</c>, <c>from.id</c>, …).</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : BotOutcome;
}

/// <summary>
/// A query as the user may know it. <paramref name="Answered"/>: a person has answered it; <paramref name="NextResponseDue"/>:
/// when a person answers the user's latest words, once the first answer is given.
/// </summary>
public sealed record BotTicket(
    string Reference,
    string Type,
    string Priority,
    string Queue,
    string Status,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset ResolutionDue,
    string? LastAgentMessage = null,
    DateTimeOffset? LastAgentAt = null,
    bool Reopenable = false,
    string? MergedInto = null,
    IReadOnlyList<string>? KnownOutages = null,
    bool Answered = false,
    DateTimeOffset? NextResponseDue = null)
{
    public bool IsOpen => Status is not ("resolved" or "closed");

    /// <summary>Whether the user's next words belong on it: open, or resolved so recently that they reopen it.</summary>
    public bool TakesFollowUps => IsOpen || Reopenable;
}

/// <summary>What the desk makes of a text: its type, how sure it is, and the next likeliest types.</summary>
public sealed record BotUnderstanding(string Type, double Confidence, bool Confident, IReadOnlyList<string> Ranked);

public sealed record BotArticle(string Slug, string Title, string Summary);
