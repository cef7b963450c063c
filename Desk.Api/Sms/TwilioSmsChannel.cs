using System.Text.Json;
using Desk.Api.Outbox;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Desk.Api.Sms;

/// <summary>
/// SMS as a channel plug-in: out through Twilio's Messages API with the helper library, at <see cref="SmsOptions.ApiBaseUrl"/>;
/// in through <c>/api/sms/twilio</c> (<see cref="SmsApi"/>). Plain text, so a long message is cut with a link to its query.
/// </summary>
internal sealed class TwilioSmsChannel(IHttpClientFactory http, SmsStore store, IOptions<SmsOptions> options, TimeProvider clock) : IDeskChannel
{
    public const string ChannelName = "sms";
    public const string HttpClientName = "twilio";
    const int Unsubscribed = 21610;

    public string Name => ChannelName;

    public ChannelFeatures Features => ChannelFeatures.Proactive | ChannelFeatures.ScoreReplies;

    public string Compose(string address, OutgoingText text) =>
        JsonSerializer.Serialize(new SmsPayload(address, SmsText.Fit(text.Text, options.Value.MaxSegments, options.Value.LinkBase)), JsonSerializerOptions.Web);

    public ChannelCut? CutOf(OutgoingText text) =>
        SmsText.Segments(text.Text) is var parts && parts > options.Value.MaxSegments
            ? new ChannelCut(parts, options.Value.MaxSegments, options.Value.LinkBase is not null)
            : null;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var sms = JsonSerializer.Deserialize<SmsPayload>(message.Payload, JsonSerializerOptions.Web)!;
        if (await store.OptedOutAsync(sms.To, ct))
            return new DeliveryResult.Failed("The number opted out of SMS (STOP); it gets nothing until it sends START.");
        var o = options.Value;
        var client = new TwilioRestClient(o.AccountSid, o.AuthToken, httpClient: new SystemNetHttpClient(http.CreateClient(HttpClientName)));
        try
        {
            await MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(sms.To)) { From = new PhoneNumber(o.FromNumber), Body = sms.Text }, client);
            return new DeliveryResult.Delivered();
        }
        catch (ApiException e) when (e.Status is >= 400 and < 500 && e.Status != 429)
        {
            if (e.Code == Unsubscribed)
                await store.OptOutAsync(null, sms.To, $"twilio-{Unsubscribed}", clock.GetUtcNow(), CancellationToken.None);
            return new DeliveryResult.Failed($"Twilio refused the message ({e.Status}, error {e.Code}): {e.Message}");
        }
        catch (ApiException e)
        {
            return new DeliveryResult.Retry($"Twilio could not take the message now ({e.Status}, error {e.Code}).");
        }
        catch (ApiConnectionException e) when (!ct.IsCancellationRequested)
        {
            // No answer or no connection (the timeout included): Twilio did not confirm, so the message goes again.
            return new DeliveryResult.Retry($"Twilio could not be reached: {e.InnerException?.Message ?? e.Message}");
        }
    }

    internal sealed record SmsPayload(string To, string Text);
}

/// <summary>Sends the helper library's requests, built for api.twilio.com, to <see cref="SmsOptions.ApiBaseUrl"/>.</summary>
internal sealed class TwilioBaseUrl(IOptions<SmsOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { } uri)
            request.RequestUri = new Uri(options.Value.ApiBaseUrl, uri.PathAndQuery);
        return base.SendAsync(request, ct);
    }
}
