namespace Desk.Tests.Api;

internal static partial class HostileCases
{
    const string SmsForm = "application/x-www-form-urlencoded";
    const string SmsFields = "MessageSid=SM0123&From=%2B8613800138000&To=%2B15005550006&Body=Please+reset+my+password";

    // Twilio's SMS webhook: whatever the body, without Twilio's signature it is 403 (good and bad signatures: SmsTests).
    static IEnumerable<(string Name, HostileCase Case)> SmsRows()
    {
        foreach (var (label, body, type) in new[]
                 {
                     ("unsigned form", SmsFields, SmsForm),
                     ("unsigned JSON", """{"MessageSid":"SM0123","From":"+8613800138000","Body":"hi"}""", Json),
                     ("unsigned empty form", "", SmsForm),
                     ("unsigned STOP", "MessageSid=SM0124&From=%2B8613800138000&Body=STOP", SmsForm),
                     ("unsigned NUL byte", "MessageSid=SM0125&From=%2B8613800138000&Body=a%00b", SmsForm),
                 })
            yield return Named($"sms {label}", new HostileCase("anonymous", "POST", "/api/sms/twilio", 403, Text(body, type)));
        yield return Named("sms signed by a guess", new HostileCase("agent", "POST", "/api/sms/twilio", 403, () =>
        {
            var content = Raw(SmsFields, SmsForm);
            content.Headers.TryAddWithoutValidation("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");
            return content;
        }));
    }
}
