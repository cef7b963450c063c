using System.Text.RegularExpressions;
using Desk.Bot.Activities;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

// What the bot does with a user's message, given where the conversation stands. It decides; the desk applies.
internal sealed partial class BotDialogue(IBotDesk desk, IOptions<BotOptions> options)
{
    // What a user may solve alone with an article; a security event, an outage or feedback goes to people at once.
    static readonly HashSet<string> SelfHelp = ["incident", "service_request", "consultation"];

    // Offered when the user says the desk got the type wrong; the query's current type is left out.
    static readonly string[] Corrections =
        ["incident", "service_request", "change_request", "complaint", "improvement_suggestion", "consultation", "security_event"];

    public async Task<BotStep> DecideAsync(BotConversation c, Activity message, string text, CancellationToken ct)
    {
        var turn = new Turn(c, message, text, BotWording.LanguageOf(message.Locale, text, c.Language), UserClock.For(message));
        var language = turn.Language;
        // What the user sent beyond words (a screenshot) is named on the query, so its agent knows to look for it.
        var withAttachments = Attachments.Noted(text, message, options.Value.MaxTextLength);

        // A person holds the conversation or is on the way: the user's words go on the query, and the bot stays quiet.
        // A query closed meanwhile takes no more words: the bot has the conversation back, and they start a new matter.
        if (c.State != BotConversationState.Bot && c.Ticket is { TakesFollowUps: true } held)
            return turn.Step(withAttachments.Length == 0 ? new BotChange.Nothing() : new BotChange.FollowUp(held.Reference, withAttachments),
                _ => [], events: BotEvents.FollowUp);

        // A file alone goes on the open query as words do; else the bot asks for words, keeping the file with what the
        // user was telling it, or for the words to come.
        if (text.Length == 0 && !(withAttachments.Length > 0 && c.Step is null && c.Ticket is { TakesFollowUps: true }))
        {
            var (step, pending) = (c.Step, c.Pending);
            if (withAttachments.Length > 0 && c.Pending is { Text: { } said })
                pending = c.Pending with { Text = Joined(said, withAttachments) };
            else if (withAttachments.Length > 0 && c.Step is null)
                (step, pending) = (BotSteps.NewMatter, new BotPending(withAttachments, []));
            var kept = pending != c.Pending;
            return turn.Step(new BotChange.Nothing(), _ => turn.Say(BotWording.AskForWords(language, kept)), step, pending, BotEvents.NotUnderstood);
        }

        if (BotIntents.WantsPerson(text))
            return turn.Step(c.Pending?.Text is { } pending ? new BotChange.Handoff(WithFiles(turn, pending))
                    : new BotChange.Handoff(withAttachments, SaidNothingElse: withAttachments == text && BotIntents.OnlyAsksForPerson(text)),
                ticket => turn.Say(BotSays.HandoffRequested(language, ticket!)), events: BotEvents.HandoffRequested);

        // "status" alone while the bot awaits an article's or a type's answer: told, and the question still stands.
        if (c.Step is BotSteps.ArticleFeedback or BotSteps.ChooseType && BotIntents.IsStatusCommand(text))
            return await StatusAsync(turn, c.Step, c.Pending, ct);

        if (await AnswerAwaitedAsync(turn, withAttachments, ct) is { } answered)
            return answered;

        if (BotIntents.Reference(text) is not null || BotIntents.AsksStatus(text))
            return await StatusAsync(turn, null, null, ct);

        if (BotIntents.SaysWrong(text) && c.Ticket is { IsOpen: true } disputed)
            return turn.Step(new BotChange.Nothing(),
                _ => turn.Say(BotSays.AskCorrection(language, disputed.Reference),
                    [.. Corrections.Where(t => t != disputed.Type).Select(t => Choice(t, language)), BotSays.Person(language)]),
                BotSteps.CorrectType, new BotPending(null, Corrections, disputed.Reference));

        if (BotIntents.IsSmallTalk(text))
            return turn.Step(new BotChange.Nothing(), _ => turn.Say(BotSays.SmallTalk(language, text, c.Ticket is { IsOpen: true } t ? t : null)));

        var newMatter = BotIntents.StartsNewMatter(text);
        if (!newMatter && c.Ticket is { TakesFollowUps: true } open)
            return turn.Step(new BotChange.FollowUp(open.Reference, withAttachments),
                ticket => turn.Say(BotSays.FollowUpAdded(language, ticket ?? open, turn.Clock), BotSays.NewMatter(language), BotSays.Person(language)),
                BotSteps.MaybeNewMatter, new BotPending(withAttachments, []), BotEvents.FollowUp);

        // "I have another problem" on its own: ask what it is, so the answer does not join the open query.
        if (newMatter && text.Length <= 40)
            return turn.Step(new BotChange.Nothing(), _ => turn.Say(BotSays.WhatIsTheNewMatter(language)), BotSteps.NewMatter);

        return await OfferOrTakeAsync(turn, withAttachments, ct);
    }

    // The user's answer to what the bot last asked, or null when the message is not one (it is then taken as new).
    // <paramref name="answer"/>: the words with the files sent with them, which join the query as the words do.
    async Task<BotStep?> AnswerAwaitedAsync(Turn turn, string answer, CancellationToken ct)
    {
        var (c, text, language) = (turn.Conversation, turn.Text, turn.Language);
        var pendingText = c.Pending?.Text;
        switch (c.Step)
        {
            case BotSteps.ChooseType when pendingText is not null:
                if (QueryWords.TypeOfChoice(text) is { } chosen)
                    return Take(turn, WithFiles(turn, pendingText), chosen);
                return Take(turn, IsAction(text, BotSays.SomethingElse) ? WithFiles(turn, pendingText) : Joined(pendingText, answer), null);

            case BotSteps.ArticleFeedback when pendingText is not null:
                // Only a plain yes is an answer: "yes I tried those, still broken" goes on to a query with all its words.
                var number = ArticleNumber(text) ?? (BotIntents.SaysYes(text) ? 1 : 0);
                if (number >= 1 && number <= c.Pending!.Options.Count)
                    return turn.Step(new BotChange.Deflected(c.Pending.Options[number - 1]), _ => turn.Say(BotSays.Deflected(language)),
                        events: BotEvents.Deflected);
                // A plain no adds nothing; "No. It fails with error 809" says more, and those words go on the query too.
                var still = BotIntents.SaysNo(text) || IsAction(text, BotSays.StillNeedHelp);
                return await UnderstandAsync(turn, still ? WithFiles(turn, pendingText) : Joined(pendingText, answer), ct);

            case BotSteps.CorrectType when c.Pending?.Reference is { } reference && QueryWords.TypeOfChoice(text) is { } corrected:
                return turn.Step(new BotChange.Correct(reference, corrected),
                    ticket => turn.Say(BotSays.Corrected(language, ticket!)), events: BotEvents.Corrected);

            case BotSteps.MaybeNewMatter when pendingText is not null && IsAction(text, BotSays.NewMatter):
                return await OfferOrTakeAsync(turn, WithFiles(turn, pendingText), ct);

            // The new matter, after files sent alone (held as the pending text) if there were.
            case BotSteps.NewMatter when !BotIntents.AsksStatus(text):
                return await OfferOrTakeAsync(turn, pendingText is null ? answer : Joined(answer, pendingText), ct);

            case BotSteps.Survey when c.Pending?.Survey is not null:
                return SurveyScore(turn, c.Pending);

            case BotSteps.SurveyComment when c.Pending?.Survey is not null:
                return SurveyComment(turn, c.Pending);

            default:
                return null;
        }
    }

    // A score on the question's scale (typed or tapped), with a comment after it or asked for; a number alone off the scale
    // is asked again; anything else is not an answer.
    static BotStep? SurveyScore(Turn turn, BotPending survey)
    {
        if (SurveyQuestions.Read(turn.Text) is not var (score, comment))
            return null;
        var language = turn.Language;
        if (!survey.Options.Contains(score.ToString()))
            return comment is not null ? null : turn.Step(new BotChange.Nothing(),
                _ => turn.Say(SurveyQuestions.OffScale(language, survey.Options[0], survey.Options[^1]), [.. survey.Options.Select(o => new BotAction(o, o))]),
                BotSteps.Survey, survey);
        var change = new BotChange.SurveyAnswer(survey.Survey!.Value, score, comment);
        if (comment is not null)
            return turn.Step(change, ticket => turn.Say(Thanks(language, survey, ticket)), events: BotEvents.SurveyAnswered);
        return turn.Step(change,
            ticket => turn.Say(Recovery(survey, ticket) is { } recovery
                ? SurveyQuestions.SorryAskComment(language, recovery)
                : SurveyQuestions.ThanksAskComment(language), SurveyQuestions.NoComment(language)),
            BotSteps.SurveyComment, survey with { Options = [] }, BotEvents.SurveyAnswered);
    }

    // The words after a score are its comment, unless they decline, or plainly start something else.
    static BotStep? SurveyComment(Turn turn, BotPending survey)
    {
        var (text, language) = (turn.Text, turn.Language);
        if (IsAction(text, SurveyQuestions.NoComment) || BotIntents.SaysNo(text) || BotIntents.IsSmallTalk(text))
            return turn.Step(new BotChange.Nothing(), _ => turn.Say(SurveyQuestions.ThanksForTheScore(language)));
        if (BotIntents.StartsNewMatter(text) || BotIntents.AsksStatus(text) || BotIntents.Reference(text) is not null)
            return null;
        return turn.Step(new BotChange.SurveyAnswer(survey.Survey!.Value, null, text),
            ticket => turn.Say(Thanks(language, survey, ticket)), events: BotEvents.SurveyAnswered);
    }

    static string Thanks(BotLanguage language, BotPending survey, BotTicket? ticket) =>
        Recovery(survey, ticket) is { } recovery ? SurveyQuestions.SorryThanks(language, recovery) : SurveyQuestions.Thanks(language);

    // The user's queries, or the one they named; the awaited step, if any, stays.
    async Task<BotStep> StatusAsync(Turn turn, string? step, BotPending? pending, CancellationToken ct)
    {
        var (c, language) = (turn.Conversation, turn.Language);
        // Everyone in a group reads the answer: a user's queries are told only one-to-one.
        if (c.Address.Group)
            return turn.Step(new BotChange.Nothing(), _ => turn.Say(BotSays.StatusOneToOne(language)), step, pending, BotEvents.StatusAnswered);
        var named = BotIntents.Reference(turn.Text);
        var tickets = await desk.TicketsAsync(c, named, ct);
        var words = tickets.Count > 0 ? BotSays.Status(language, tickets, turn.Clock)
            : named is not null ? BotSays.NotYours(language, named)
            : BotSays.NoTickets(language);
        return turn.Step(new BotChange.Nothing(), _ => turn.Say(words, BotSays.Person(language)), step, pending, BotEvents.StatusAnswered);
    }

    // The desk answers a turn that raised a moment of truth with the recovery query, not the one surveyed.
    static string? Recovery(BotPending survey, BotTicket? ticket) =>
        ticket is not null && ticket.Reference != survey.Reference ? ticket.Reference : null;

    // Shift-left: a matching knowledge article first, where the user could solve it; the user says whether it did.
    async Task<BotStep> OfferOrTakeAsync(Turn turn, string text, CancellationToken ct)
    {
        var words = Attachments.WordsOf(text);
        var understanding = await desk.UnderstandAsync(words, ct);
        if (understanding.Confident && !SelfHelp.Contains(understanding.Type))
            return Take(turn, text, null);
        var articles = await desk.ArticlesAsync(words, turn.Language, ct);
        if (articles.Count == 0)
            return Understood(turn, text, understanding);
        var language = turn.Language;
        return turn.Step(new BotChange.Nothing(),
            _ => turn.Say(BotSays.Articles(language, articles),
                [.. articles.Select((_, i) => BotSays.ArticleSolvedIt(language, i + 1)), BotSays.StillNeedHelp(language), BotSays.Person(language)]),
            BotSteps.ArticleFeedback, new BotPending(text, articles.Select(a => a.Slug).ToList()), BotEvents.ArticlesOffered);
    }

    async Task<BotStep> UnderstandAsync(Turn turn, string text, CancellationToken ct) =>
        Understood(turn, text, await desk.UnderstandAsync(Attachments.WordsOf(text), ct));

    // When the desk is not sure what the text is, the user is asked instead of told.
    static BotStep Understood(Turn turn, string text, BotUnderstanding understanding)
    {
        if (understanding.Confident)
            return Take(turn, text, null);
        var language = turn.Language;
        var options = understanding.Ranked.Take(3).ToList();
        return turn.Step(new BotChange.Nothing(),
            _ => turn.Say(BotSays.AskType(language), [.. options.Select(t => Choice(t, language)), BotSays.SomethingElse(language)]),
            BotSteps.ChooseType, new BotPending(text, options), BotEvents.NotUnderstood);
    }

    static BotStep Take(Turn turn, string text, string? type)
    {
        var language = turn.Language;
        return turn.Step(new BotChange.Submit(text, type),
            ticket => turn.Say(BotWording.Receipt(ticket!, turn.Message.From?.Name, language, turn.Clock),
                BotSays.NotRight(language), BotSays.Person(language)),
            events: BotEvents.QueryCreated);
    }

    // The problem and the user's answer to the bot's question, no longer together than one message may be: the end of a
    // long problem gives way to the answer, which is what the user just added.
    string Joined(string problem, string answer)
    {
        var (joined, most) = (problem + "\n" + answer, options.Value.MaxTextLength);
        return joined.Length <= most || answer.Length + 2 > most ? joined : problem[..(most - answer.Length - 2)] + "…\n" + answer;
    }

    // The files this message brought, after what the user said before: a tapped button with a screenshot keeps it.
    string WithFiles(Turn turn, string pending) => Attachments.Noted("", turn.Message, options.Value.MaxTextLength) is { Length: > 0 } files ? Joined(pending, files) : pending;

    static BotAction Choice(string type, BotLanguage language) => new(QueryWords.Choice(type, language), QueryWords.Choice(type, language));

    // A tapped button comes back as its value; a user may type it too, in either language.
    static bool IsAction(string text, Func<BotLanguage, BotAction> action) =>
        string.Equals(text.Trim(), action(BotLanguage.English).Value, StringComparison.OrdinalIgnoreCase)
        || text.Trim() == action(BotLanguage.Chinese).Value;

    static int? ArticleNumber(string text) =>
        ArticlePattern().Match(text.Trim()) is { Success: true } m ? int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : null;

    [GeneratedRegex(@"^(?:article\s*)?([1-3])(?:\s+solved it)?\W*$|^第([1-3])篇", RegexOptions.IgnoreCase)]
    private static partial Regex ArticlePattern();

    sealed record Turn(BotConversation Conversation, Activity Message, string Text, BotLanguage Language, UserClock Clock)
    {
        public BotStep Step(BotChange change, Func<BotTicket?, IReadOnlyList<BotReply>> replies, string? step = null,
            BotPending? pending = null, params string[] events) =>
            new(Message.Id!, Message.Id, Text, change, new BotNext(Language, step, pending), replies, [BotEvents.Message, .. events]);

        public IReadOnlyList<BotReply> Say(string words, params BotAction[] actions) => [new BotReply(words, actions.Length == 0 ? null : actions)];
    }
}
