using System.Net.Http.Headers;
using System.Text.Json;
using Desk.Bot.Activities;
using Microsoft.Extensions.Logging;

namespace Desk.Bot;

// The two Bot Connector calls this bot makes:
// reply:  POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}
// send:   POST {serviceUrl}/v3/conversations/{conversationId}/activities
internal sealed class ConnectorClient(HttpClient http, ILogger<ConnectorClient> logger)
{
    public Task<bool> ReplyAsync(Uri serviceUrl, Activity reply, CancellationToken ct) =>
        PostAsync(ActivitiesUrl(serviceUrl, reply) + "/" + Uri.EscapeDataString(reply.ReplyToId!), reply, "reply", ct);

    public Task<bool> SendAsync(Uri serviceUrl, Activity activity, CancellationToken ct) =>
        PostAsync(ActivitiesUrl(serviceUrl, activity), activity, "greeting", ct);

    // Conversation ids carry ':', ';' and '@' on Teams and Slack, so each goes in as one escaped segment.
    static string ActivitiesUrl(Uri serviceUrl, Activity activity) =>
        serviceUrl.AbsoluteUri.TrimEnd('/') + "/v3/conversations/" + Uri.EscapeDataString(activity.Conversation!.Id!) + "/activities";

    async Task<bool> PostAsync(string url, Activity activity, string purpose, CancellationToken ct)
    {
        var host = new Uri(url).Authority;
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, ActivityJson.Default.Activity));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await http.PostAsync(url, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.ReplyRejected(purpose, host, (int)response.StatusCode);
                return false;
            }
            logger.ReplySent(purpose, host);
            return true;
        }
        catch (HttpRequestException e)
        {
            logger.ReplyFailed(purpose, host, e.HttpRequestError.ToString());
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.ReplyFailed(purpose, host, "timed out");
            return false;
        }
    }
}
