using Microsoft.Extensions.Logging;

namespace Desk.Bot;

// No message text, names or user ids here: only what an operator needs to follow a turn.
internal static partial class BotLog
{
    [LoggerMessage(1, LogLevel.Information, "Bot activity refused with {StatusCode}: {Reason}")]
    public static partial void ActivityRefused(this ILogger logger, int statusCode, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Bot activity refused: serviceUrl host {Host} is not an allowed connector")]
    public static partial void ServiceUrlRefused(this ILogger logger, string host);

    [LoggerMessage(3, LogLevel.Information, "Bot turn on {ChannelId}: {Change}")]
    public static partial void TurnApplied(this ILogger logger, string channelId, string change);

    [LoggerMessage(4, LogLevel.Debug, "Bot activity of type {ActivityType} on {ChannelId} ignored")]
    public static partial void ActivityIgnored(this ILogger logger, string activityType, string? channelId);

    [LoggerMessage(5, LogLevel.Information, "Bot sent an activity to {Host}")]
    public static partial void ReplySent(this ILogger logger, string host);

    [LoggerMessage(6, LogLevel.Warning, "Bot could not send an activity to {Host}: connector answered {StatusCode}")]
    public static partial void ReplyRejected(this ILogger logger, string host, int statusCode);

    [LoggerMessage(7, LogLevel.Warning, "Bot could not send an activity to {Host}: {Failure}")]
    public static partial void ReplyFailed(this ILogger logger, string host, string failure);

    [LoggerMessage(8, LogLevel.Information,
        "Bot JWT authentication is off (no Bot:MicrosoftAppId): /api/messages takes API keys only, replies carry no token")]
    public static partial void JwtOff(this ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "Bot JWT authentication is on: channel tokens checked against {MetadataUrl}")]
    public static partial void JwtOn(this ILogger logger, string metadataUrl);

    [LoggerMessage(10, LogLevel.Warning, "Bot activity refused: the token's serviceUrl does not match the activity's")]
    public static partial void ServiceUrlClaimMismatch(this ILogger logger);

    [LoggerMessage(14, LogLevel.Information, "Bot message on {ChannelId} of {Length} characters is over {Most}: not logged, the chat is told")]
    public static partial void MessageTooLong(this ILogger logger, string channelId, int length, int most);

    [LoggerMessage(12, LogLevel.Warning, "Bot turn on {ChannelId} lost to another turn {Tries} times; answered 409")]
    public static partial void TurnContended(this ILogger logger, string channelId, int tries);

    [LoggerMessage(13, LogLevel.Warning, "Bot activity refused: the token's signing key is not endorsed for the activity's channel")]
    public static partial void ChannelNotEndorsed(this ILogger logger);

    [LoggerMessage(11, LogLevel.Warning, "Bot token endpoint {Host} answered {StatusCode}")]
    public static partial void TokenRefused(this ILogger logger, string host, int statusCode);
}
