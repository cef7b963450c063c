using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Desk.Bot.Activities;
using Microsoft.Extensions.Logging;

namespace Desk.Bot;

/// <summary>
/// Sends an activity (as <see cref="BotActivities"/> wrote it) to its conversation's Bot Connector:
/// reply: <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>;
/// otherwise <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities</c>.
/// </summary>
public sealed class BotConnector
{
    readonly HttpClient http;
    readonly ServiceUrlPolicy serviceUrls;
    readonly ILogger<BotConnector> logger;

    internal BotConnector(HttpClient http, ServiceUrlPolicy serviceUrls, ILogger<BotConnector> logger) =>
        (this.http, this.serviceUrls, this.logger) = (http, serviceUrls, logger);

    public async Task<BotSendResult> SendAsync(string activityJson, CancellationToken ct)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(activityJson, ActivityJson.Default.Activity);
        }
        catch (JsonException)
        {
            activity = null;
        }
        if (activity?.Conversation?.Id is not { Length: > 0 } conversation)
            return new(BotSendOutcome.Refused, "Not an activity with a conversation.");
        // Checked again on the way out: the allowed connectors may have changed since the message was written.
        if (!serviceUrls.TryAllow(activity.ServiceUrl, out var serviceUrl))
            return new(BotSendOutcome.Refused, "The conversation's serviceUrl is not an allowed connector.");

        // Conversation ids carry ':', ';' and '@' on Teams and Slack, so each goes in as one escaped segment.
        var url = serviceUrl.AbsoluteUri.TrimEnd('/') + "/v3/conversations/" + Uri.EscapeDataString(conversation) + "/activities"
            + (activity.ReplyToId is { Length: > 0 } replyTo ? "/" + Uri.EscapeDataString(replyTo) : "");
        var host = serviceUrl.Authority;
        using var content = new StringContent(activityJson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await http.PostAsync(url, content, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                logger.ReplySent(host);
                return new(BotSendOutcome.Delivered, null);
            }
            logger.ReplyRejected(host, status);
            // The connector refused it for now (busy, down, token): try again. Any other 4xx refuses the message itself.
            return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout
                or HttpStatusCode.TooManyRequests || status >= 500
                ? new(BotSendOutcome.Retry, $"The connector answered {status}.", response.Headers.RetryAfter?.Delta)
                : new(BotSendOutcome.Refused, $"The connector refused it ({status}).");
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                                 or HttpRequestError.SecureConnectionError)
        {
            // Nothing reached the connector.
            logger.ReplyFailed(host, e.HttpRequestError.ToString());
            return new(BotSendOutcome.Retry, "The connector could not be reached.");
        }
        catch (HttpRequestException e)
        {
            logger.ReplyFailed(host, e.HttpRequestError.ToString());
            return new(BotSendOutcome.Unknown, "The connection broke before the connector answered.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.ReplyFailed(host, "timed out");
            return new(BotSendOutcome.Unknown, "The connector did not answer in time.");
        }
    }
}

public enum BotSendOutcome { Delivered, Retry, Refused, Unknown }

/// <summary>What came of a send; <paramref name="RetryAfter"/> when the connector said how long to wait.</summary>
public sealed record BotSendResult(BotSendOutcome Outcome, string? Reason, TimeSpan? RetryAfter = null);
