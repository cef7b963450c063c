using Desk.Bot.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Desk.Bot;

// One incoming activity, handled to the end before the channel gets its answer: the desk takes the query and the
// reply is sent, so a failure reaches the channel as an error it may redeliver (the desk is idempotent per id).
internal sealed class BotTurn(
    IBotDesk desk, ConnectorClient connector, ServiceUrlPolicy serviceUrls, IOptions<BotOptions> options,
    ILogger<BotTurn> logger)
{
    public async Task<Results<Ok, ProblemHttpResult>> HandleAsync(Activity activity, string caller, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
            return Invalid("An activity needs a type.");
        if (activity.Type.Equals(ActivityTypes.Message, StringComparison.OrdinalIgnoreCase))
            return await OnMessageAsync(activity, caller, ct);
        if (activity.Type.Equals(ActivityTypes.ConversationUpdate, StringComparison.OrdinalIgnoreCase))
            return await OnConversationUpdateAsync(activity, ct);

        logger.ActivityIgnored(activity.Type, activity.ChannelId);
        return TypedResults.Ok();
    }

    async Task<Results<Ok, ProblemHttpResult>> OnMessageAsync(Activity message, string caller, CancellationToken ct)
    {
        if (Missing(message) is { } missing)
            return Invalid($"A message activity needs {missing}.");
        if (!serviceUrls.TryAllow(message.ServiceUrl, out var serviceUrl))
            return RefuseServiceUrl(message.ServiceUrl);

        if (message.Text?.Length > options.Value.MaxTextLength)
            return BotProblem.Refuse(logger, StatusCodes.Status413PayloadTooLarge, "Message too long",
                $"A message may be at most {options.Value.MaxTextLength} characters.");
        var text = Mentions.WithoutBot(message);

        var language = BotWording.LanguageOf(message.Locale, text);
        if (text.Length == 0)
            return await DeliverAsync(connector.ReplyAsync(serviceUrl, Reply(message, BotWording.AskForWords(language), language), ct));

        var query = new BotQuery(message.ChannelId!, message.From!.Id!, message.From.Name, message.Conversation!.Id!,
            message.Id!, text, message.Locale);
        BotReceipt receipt;
        switch (await desk.SubmitAsync(query, caller, ct))
        {
            case BotOutcome.Taken(var taken):
                receipt = taken;
                break;
            case BotOutcome.Invalid(var errors):
                logger.ActivityRefused(StatusCodes.Status400BadRequest, "Invalid activity");
                return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
                {
                    Title = "Invalid activity",
                    Detail = "The desk refused the message; nothing was taken.",
                    Status = StatusCodes.Status400BadRequest,
                });
            default:
                return BotProblem.Refuse(logger, StatusCodes.Status409Conflict, "Activity id reused",
                    "This activity id was already used in this conversation for a different message.");
        }
        logger.QueryTaken(query.ChannelId, receipt.Reference);

        var words = BotWording.Receipt(receipt, message.From.Name, language, UserClock.For(message));
        return await DeliverAsync(connector.ReplyAsync(serviceUrl, Reply(message, words, language), ct));
    }

    async Task<Results<Ok, ProblemHttpResult>> OnConversationUpdateAsync(Activity update, CancellationToken ct)
    {
        // Channels announce the bot joining too; only a person joining is greeted. Some (Direct Line servers such as
        // offline-directline for Web Chat) announce a new conversation naming no member at all: greet that too.
        var joined = update.MembersAdded?.FirstOrDefault(member =>
            !string.IsNullOrEmpty(member.Id) && member.Id != update.Recipient?.Id);
        if (joined is null && !NewConversationNamingNoOne(update))
            return TypedResults.Ok();
        if (string.IsNullOrWhiteSpace(update.Conversation?.Id))
            return Invalid("A conversation update needs conversation.id.");
        if (!serviceUrls.TryAllow(update.ServiceUrl, out var serviceUrl))
            return RefuseServiceUrl(update.ServiceUrl);

        var language = BotWording.LanguageOf(update.Locale);
        var greeting = Reply(update, BotWording.Greeting(joined?.Name, language), language) with
        {
            // Without a named member the greeting goes to the conversation, not to the account that announced it.
            Recipient = joined,
            ReplyToId = null,
        };
        return await DeliverAsync(connector.SendAsync(serviceUrl, greeting, ct));
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

    static Activity Reply(Activity incoming, string text, BotLanguage language)
    {
        return new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = incoming.ChannelId,
            ServiceUrl = incoming.ServiceUrl,
            From = incoming.Recipient,
            Recipient = incoming.From,
            Conversation = incoming.Conversation,
            ReplyToId = incoming.Id,
            Text = text,
            // Plain, so a user name or reference is never read as markdown.
            TextFormat = "plain",
            Locale = BotWording.LocaleOf(language, incoming.Locale),
        };
    }

    async Task<Results<Ok, ProblemHttpResult>> DeliverAsync(Task<bool> sending) =>
        await sending
            ? TypedResults.Ok()
            : BotProblem.Refuse(logger, StatusCodes.Status502BadGateway, "Reply not delivered",
                "The bot could not deliver its reply to the channel's connector.");

    ProblemHttpResult RefuseServiceUrl(string? serviceUrl)
    {
        logger.ServiceUrlRefused(Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? uri.Host : "(none)");
        return BotProblem.Refuse(logger, StatusCodes.Status400BadRequest, "Service URL not allowed",
            "The activity's serviceUrl is not one of this bot's allowed connectors.");
    }

    ProblemHttpResult Invalid(string detail) =>
        BotProblem.Refuse(logger, StatusCodes.Status400BadRequest, "Invalid activity", detail);
}
