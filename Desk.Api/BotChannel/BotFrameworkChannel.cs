using Desk.Api.Outbox;
using Desk.Bot;

namespace Desk.Api.BotChannel;

/// <summary>
/// The Bot Framework as a channel plug-in: in through <c>/api/messages</c> (Desk.Bot), out through the conversation's
/// Bot Connector. Web Chat, Teams, Slack and the other Azure Bot Service channels all come through it.
/// </summary>
internal sealed class BotFrameworkChannel(IServiceProvider services) : IDeskChannel
{
    public const string ChannelName = "botframework";

    public string Name => ChannelName;

    public ChannelFeatures Features => ChannelFeatures.Proactive | ChannelFeatures.SuggestedActions | ChannelFeatures.Threads;

    public string Compose(string address, OutgoingText text) =>
        BotActivities.Proactive(address, text.Text, text.SenderName, text.Language == "zh" ? BotLanguage.Chinese : BotLanguage.English);

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        // A typed client per send, so the handler pool's rotation (DNS changes) reaches this long-lived plug-in.
        var sent = await services.GetRequiredService<BotConnector>().SendAsync(message.Payload, ct);
        return sent.Outcome switch
        {
            BotSendOutcome.Delivered => new DeliveryResult.Delivered(),
            BotSendOutcome.Retry => new DeliveryResult.Retry(sent.Reason!, sent.RetryAfter),
            BotSendOutcome.Refused => new DeliveryResult.Failed(sent.Reason!),
            _ => new DeliveryResult.Unknown(sent.Reason!),
        };
    }
}
