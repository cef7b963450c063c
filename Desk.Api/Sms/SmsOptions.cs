using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Desk.Api.Sms;

/// <summary>
/// SMS through Twilio. Off unless <see cref="AccountSid"/> is set; then the rest must be too. <see cref="WebhookUrl"/> is
/// the public URL configured in Twilio for incoming messages, exactly as Twilio calls it: it is what Twilio signs.
/// </summary>
internal sealed class SmsOptions
{
    public const string Section = "Sms";

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The desk's Twilio number, E.164 (+15005550006).</summary>
    public string? FromNumber { get; set; }

    /// <summary>Twilio's REST API; a test points it at its recorder.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    public Uri? WebhookUrl { get; set; }

    /// <summary>The most segments one message may take; a longer one is shortened with a link to the query.</summary>
    [Range(1, 10)]
    public int MaxSegments { get; set; } = 3;

    /// <summary>Where a shortened message links to, the query's reference appended (https://desk.example.org/portal/queries/).</summary>
    public Uri? LinkBase { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);
}

internal sealed class SmsOptionsCheck : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions o)
    {
        if (!o.Enabled)
            return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.AuthToken))
            problems.Add("Sms:AuthToken is required when Sms:AccountSid is set.");
        if (o.FromNumber is null || !o.FromNumber.StartsWith('+'))
            problems.Add("Sms:FromNumber must be the desk's Twilio number in E.164 form (+15005550006).");
        if (o.WebhookUrl is not { IsAbsoluteUri: true })
            problems.Add("Sms:WebhookUrl must be the absolute public URL Twilio calls for incoming messages (it signs it).");
        if (!o.ApiBaseUrl.IsAbsoluteUri || o.ApiBaseUrl.Scheme is not ("https" or "http"))
            problems.Add("Sms:ApiBaseUrl must be an absolute http(s) URL.");
        if (o.LinkBase is not null && !o.LinkBase.IsAbsoluteUri)
            problems.Add("Sms:LinkBase must be an absolute URL.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
