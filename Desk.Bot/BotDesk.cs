namespace Desk.Bot;

/// <summary>
/// The desk as the bot sees it. The host implements it; the bot calls it once per incoming message.
/// </summary>
public interface IBotDesk
{
    /// <summary>
    /// Takes a user's message as a query and returns what the desk made of it, or why it refused it.
    /// <see cref="BotQuery.ActivityId"/> is the idempotency key within <paramref name="caller"/>: a redelivered
    /// activity must give the same receipt, the same id with a different message is <see cref="BotOutcome.KeyReused"/>.
    /// </summary>
    /// <param name="query">The message.</param>
    /// <param name="caller">The authenticated caller of the bot endpoint (the host's principal name), whose
    /// activity ids are its own; <c>anonymous</c> when the host does not authenticate the endpoint.</param>
    /// <param name="ct">Cancellation.</param>
    Task<BotOutcome> SubmitAsync(BotQuery query, string caller, CancellationToken ct);
}

/// <summary>What the desk did with a message: took it, or refused it (the bot then answers 400 or 409 and replies nothing).</summary>
public abstract record BotOutcome
{
    BotOutcome()
    {
    }

    /// <summary>Taken (or taken before, for a redelivery).</summary>
    public sealed record Taken(BotReceipt Receipt) : BotOutcome;

    /// <summary>Refused as invalid; <paramref name="Errors"/> names the activity's fields (<c>text</c>, <c>from.id</c>, …).</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : BotOutcome;

    /// <summary>The activity id was already used in this conversation for a different message.</summary>
    public sealed record KeyReused : BotOutcome;
}

/// <summary>A user's message as it reached the bot.</summary>
/// <param name="ChannelId">Bot Framework channel, e.g. <c>msteams</c>, <c>directline</c>, <c>slack</c>.</param>
/// <param name="UserId">The user's id on that channel.</param>
/// <param name="UserName">The user's display name, when the channel gives one.</param>
/// <param name="ConversationId">The channel's conversation id.</param>
/// <param name="ActivityId">The incoming activity's id; unique per message on a channel.</param>
/// <param name="Text">The message text, with any mention of the bot removed.</param>
/// <param name="Locale">The user's locale (BCP 47), when the channel gives one.</param>
public sealed record BotQuery(
    string ChannelId,
    string UserId,
    string? UserName,
    string ConversationId,
    string ActivityId,
    string Text,
    string? Locale);

/// <summary>What the desk understood and the time frame it agreed to.</summary>
/// <param name="Reference">Query reference, e.g. <c>INC-1042</c>.</param>
/// <param name="Type">Query type, e.g. <c>incident</c>, <c>service_request</c>.</param>
/// <param name="Priority">Priority, <c>P1</c> to <c>P4</c>.</param>
/// <param name="Queue">The practice's queue, e.g. <c>incident-management</c>.</param>
/// <param name="FirstResponseDue">When a person will have answered at the latest.</param>
/// <param name="ResolutionDue">When the query is due to be resolved.</param>
public sealed record BotReceipt(
    string Reference,
    string Type,
    string Priority,
    string Queue,
    DateTimeOffset FirstResponseDue,
    DateTimeOffset ResolutionDue);
