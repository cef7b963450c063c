using System.Globalization;
using Desk.Api.Contacts;
using Desk.Api.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Desk.Api.Sms;

/// <summary>
/// Twilio's webhook for incoming SMS. Anonymous, but only a request signed with the account's auth token over
/// <see cref="SmsOptions.WebhookUrl"/> (X-Twilio-Signature) gets past the door: anything else is 403 and stores nothing.
/// The answer is empty TwiML, so Twilio sends nothing itself; the desk answers through the outbox.
/// </summary>
internal static class SmsApi
{
    /// <summary>Where Twilio posts incoming texts: a server, signed with the account's token, never a browser's cookie.</summary>
    public const string WebhookPath = "/api/sms/twilio";

    const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response/>""";
    const int SidLength = 64;

    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmsOptions>, SmsOptionsCheck>();
        services.AddSingleton<SmsStore>();
        services.AddSingleton<SmsInbound>();
        services.AddSingleton<SmsSurveyAnswers>();
        services.AddSingleton<TwilioSmsChannel>();
        services.AddTransient<TwilioBaseUrl>();
        services.AddHttpClient(TwilioSmsChannel.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<SmsOptions>>().Value.Timeout)
            .AddHttpMessageHandler<TwilioBaseUrl>();
        // The channel is installed only when configured, so no query is offered a way out it cannot take.
        if (configuration.GetSection(SmsOptions.Section).Get<SmsOptions>()?.Enabled == true)
            services.AddSingleton<IDeskChannel>(provider => provider.GetRequiredService<TwilioSmsChannel>());
        return services;
    }

    public static void MapSms(this IEndpointRouteBuilder app) =>
        app.MapPost(WebhookPath, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, SmsInbound inbound, ContactAddresses addresses, IOptions<SmsOptions> options, CancellationToken ct)
    {
        var o = options.Value;
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        if (!o.Enabled || signature.Length == 0)
            return NotSigned();
        if (!request.HasFormContentType)
            return TypedResults.Problem(title: "Not a form", detail: "Twilio posts application/x-www-form-urlencoded.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return TypedResults.Problem(title: "Unreadable form", statusCode: StatusCodes.Status400BadRequest);
        }
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        if (!new RequestValidator(o.AuthToken).Validate(o.WebhookUrl!.OriginalString, fields, signature))
            return NotSigned();

        var errors = new Dictionary<string, string[]>();
        var sid = form["MessageSid"].ToString();
        if (sid.Length is 0 or > SidLength || !sid.All(char.IsAsciiLetterOrDigit))
            errors["MessageSid"] = ["MessageSid must be Twilio's message id (letters and digits)."];
        var from = addresses.Normalise(TwilioSmsChannel.ChannelName, form["From"].ToString(), out var problem);
        if (from is null)
            errors["From"] = [problem!];
        var sms = new IncomingSms(sid, from ?? "", Text(form));
        if (errors.Count == 0 && inbound.Validate(sms).TryGetValue("text", out var text))
            errors["Body"] = text;
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        await inbound.TakeAsync(sms, ct);
        return TypedResults.Content(EmptyTwiml, "text/xml");
    }

    // A picture message may come without words (an empty Body, NumMedia of 1 or more): the user still wrote to the desk,
    // so it is kept, as a note of what came, and answered like any text. The media stay at Twilio.
    static string Text(IFormCollection form)
    {
        var body = form["Body"].ToString();
        if (!string.IsNullOrWhiteSpace(body) || !int.TryParse(form["NumMedia"], NumberStyles.None, CultureInfo.InvariantCulture, out var media) || media < 1)
            return body;
        return media == 1 ? "[A picture message (MMS) without text: 1 attachment]" : $"[A picture message (MMS) without text: {media} attachments]";
    }

    static ProblemHttpResult NotSigned() => TypedResults.Problem(title: "Not signed by Twilio",
        detail: "The request has no valid X-Twilio-Signature for this desk's webhook URL.", statusCode: StatusCodes.Status403Forbidden);
}
