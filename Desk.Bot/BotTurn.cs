using System.Text.Json;
using Desk.Bot.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

// One incoming activity: load the conversation, decide, and let the desk apply the decision with its replies in one
// transaction. The replies go out through the desk's outbox, so the channel's call ends as soon as the turn is stored.
internal sealed class BotTurn(
    IBotDesk desk, BotDialogue dialogue, ServiceUrlPolicy serviceUrls, IOptions<BotOptions> options, ILogger<BotTurn> logger)
{
    // Two messages of one conversation at once (a double tap, two nodes): the later decides again on the newer state.
    const int Tries = 4;

    public async Task<Results<Ok, ProblemHttpResult>> HandleAsync(Activity activity, string caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
            return Invalid("An activity needs a type.");
        if (activity.Type.Equals(ActivityTypes.Message, StringComparison.OrdinalIgnoreCase))
            return await OnMessageAsync(activity, caller, ct);
        if (activity.Type.Equals(ActivityTypes.ConversationUpdate, StringComparison.OrdinalIgnoreCase))
            return await OnConversationUpdateAsync(activity, caller, ct);

        logger.ActivityIgnored(activity.Type, activity.ChannelId);
        return TypedResults.Ok();
    }

    async Task<Results<Ok, ProblemHttpResult>> OnMessageAsync(Activity message, string caller, CancellationToken ct)
    {
        if (Missing(message) is { } missing)
            return Invalid($"A message activity needs {missing}.");
        if (!serviceUrls.TryAllow(message.ServiceUrl, out _))
            return RefuseServiceUrl(message.ServiceUrl);
        var address = AddressOf(message, message.From, caller);
        if (message.Text?.Length > options.Value.MaxTextLength)
            return await TooLongAsync(message, address, ct);

        var text = ChatText.Readable(Mentions.WithoutBot(message));
        return await RunAsync(address, message.Id!, text, conversation => dialogue.DecideAsync(conversation, message, text, ct), ct);
    }

    // A 413 reaches the channel, not the person: they would see their message go nowhere. Nothing of it is kept; the
    // chat says why, in a live chat too (the agent never got it), and the channel hears the turn was handled.
    async Task<Results<Ok, ProblemHttpResult>> TooLongAsync(Activity message, BotAddress address, CancellationToken ct)
    {
        logger.MessageTooLong(address.ChannelId, message.Text!.Length, options.Value.MaxTextLength);
        return await RunAsync(address, message.Id!, "", conversation =>
        {
            // The language shows in the first lines; no need to scan every character of an oversized paste.
            var language = BotWording.LanguageOf(message.Locale, message.Text[..Math.Min(message.Text.Length, 2000)], conversation.Language);
            return Task.FromResult(new BotStep(message.Id!, message.Id, "", new BotChange.Nothing(),
                new BotNext(language, conversation.Step, conversation.Pending),
                _ => [new BotReply(BotWording.TooLong(message.Text.Length, options.Value.MaxTextLength, language))], []));
        }, ct);
    }

    async Task<Results<Ok, ProblemHttpResult>> OnConversationUpdateAsync(Activity update, string caller, CancellationToken ct)
    {
        // Channels announce the bot joining too; only a person joining is greeted. Some (Direct Line servers such as
        // offline-directline for Web Chat) announce a new conversation naming no member at all: greet that too.
        var joined = update.MembersAdded?.FirstOrDefault(member =>
            !string.IsNullOrEmpty(member.Id) && member.Id != update.Recipient?.Id);
        if (joined is null && !NewConversationNamingNoOne(update))
            return TypedResults.Ok();
        if (string.IsNullOrWhiteSpace(update.Conversation?.Id) || string.IsNullOrWhiteSpace(update.ChannelId))
            return Invalid("A conversation update needs conversation.id and channelId.");
        if (!serviceUrls.TryAllow(update.ServiceUrl, out _))
            return RefuseServiceUrl(update.ServiceUrl);

        var language = BotWording.LanguageOf(update.Locale);
        // Without an id of its own (some channels), a join is known by who joined.
        var turnId = update.Id is { Length: > 0 } id ? id : "join:" + (joined?.Id ?? "conversation");
        var address = AddressOf(update, joined, caller);
        return await RunAsync(address, turnId, "", conversation => Task.FromResult(new BotStep(
            turnId, null, "", new BotChange.Nothing(), new BotNext(language, conversation.Step, conversation.Pending),
            _ => conversation.State == BotConversationState.Bot ? [new BotReply(BotWording.Greeting(joined?.Name, language))] : [],
            [])), ct);
    }

    async Task<Results<Ok, ProblemHttpResult>> RunAsync(
        BotAddress address, string activityId, string text, Func<BotConversation, Task<BotStep>> decide, CancellationToken ct)
    {
        if (desk.Check(address, activityId, text) is { Count: > 0 } errors)
            return Refused(errors);
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var conversation = await desk.ConversationAsync(address, ct);
            var step = await decide(conversation);
            switch (await desk.ApplyAsync(conversation, step, ct))
            {
                case BotOutcome.Applied or BotOutcome.Replayed:
                    logger.TurnApplied(address.ChannelId, step.Change.GetType().Name);
                    return TypedResults.Ok();
                case BotOutcome.KeyReused:
                    return BotProblem.Refuse(logger, StatusCodes.Status409Conflict, "Activity id reused",
                        "This activity id was already used in this conversation for a different message.");
                case BotOutcome.Invalid(var invalid):
                    return Refused(invalid);
            }
        }
        logger.TurnContended(address.ChannelId, Tries);
        return BotProblem.Refuse(logger, StatusCodes.Status409Conflict, "Conversation busy",
            "Other messages of this conversation were being taken at the same time; send this one again.");
    }

    static BotAddress AddressOf(Activity activity, ChannelAccount? user, string caller) => new(
        activity.ChannelId!.ToLowerInvariant(),
        activity.Conversation!.Id!,
        activity.ServiceUrl!,
        new BotAccount(activity.Recipient?.Id, activity.Recipient?.Name),
        new BotAccount(user?.Id, user?.Name),
        activity.Locale,
        caller,
        JsonSerializer.SerializeToElement(activity.Conversation, ActivityJson.Default.ConversationAccount),
        activity.Conversation.IsGroup == true,
        UserClock.Describe(activity));

    ProblemHttpResult Refused(IReadOnlyDictionary<string, string[]> errors)
    {
        logger.ActivityRefused(StatusCodes.Status400BadRequest, "Invalid activity");
        return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Title = "Invalid activity",
            Detail = "The desk refused the message; nothing was taken.",
            Status = StatusCodes.Status400BadRequest,
        });
    }

    static bool NewConversationNamingNoOne(Activity update) =>
        update.MembersAdded is null or { Count: 0 } && update.MembersRemoved is null or { Count: 0 }
        && string.IsNullOrEmpty(update.TopicName);

    static string? Missing(Activity message) =>
        string.IsNullOrWhiteSpace(message.Id) ? "an id"
        : string.IsNullOrWhiteSpace(message.ChannelId) ? "a channelId"
        : string.IsNullOrWhiteSpace(message.ServiceUrl) ? "a serviceUrl"
        : string.IsNullOrWhiteSpace(message.From?.Id) ? "from.id"
        : string.IsNullOrWhiteSpace(message.Conversation?.Id) ? "conversation.id"
        : null;

    ProblemHttpResult RefuseServiceUrl(string? serviceUrl)
    {
        logger.ServiceUrlRefused(Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? uri.Host : "(none)");
        return BotProblem.Refuse(logger, StatusCodes.Status400BadRequest, "Service URL not allowed",
            "The activity's serviceUrl is not one of this bot's allowed connectors.");
    }

    ProblemHttpResult Invalid(string detail) =>
        BotProblem.Refuse(logger, StatusCodes.Status400BadRequest, "Invalid activity", detail);
}
