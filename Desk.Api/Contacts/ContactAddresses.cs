using System.Text.RegularExpressions;
using Desk.Api.Queries;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Desk.Api.Contacts;

/// <summary>
/// The one form an identity's address is stored in, so one person is one contact: an e-mail address is a bare
/// addr-spec in lower case, a phone number (sms, phone) is E.164, anything else is kept as given.
/// </summary>
internal sealed partial class ContactAddresses(IOptions<ContactOptions> options)
{
    public const int MaxLength = 320;
    static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>The stored form of the address, or null with why it is refused.</summary>
    public string? Normalise(string channel, string? address, out string? problem)
    {
        problem = TextRules.Problem(address, "Contact address", MaxLength);
        if (problem is not null)
            return null;
        var trimmed = address!.Trim();
        switch (channel)
        {
            case "email":
                if (AddrSpec().IsMatch(trimmed) && trimmed.IndexOf('@') <= 64)
                    return trimmed.ToLowerInvariant();
                problem = "Contact address must be one e-mail address (name@example.org), with no display name, spaces or control characters.";
                return null;
            case "sms" or "phone":
                return Phone(trimmed, out problem);
            default:
                return trimmed;
        }
    }

    string? Phone(string address, out string? problem)
    {
        var region = options.Value.DefaultPhoneRegion;
        problem = null;
        if (!address.StartsWith('+') && region is null)
        {
            problem = "Contact address must be a phone number in international form (+44 20 7946 0958): no default region is configured.";
            return null;
        }
        try
        {
            var number = Phones.Parse(address, region ?? "ZZ");
            if (Phones.IsValidNumber(number))
                return Phones.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
        }
        problem = "Contact address is not a valid phone number.";
        return null;
    }

    // RFC 5322 dot-atom local part (UTF-8 letters allowed, RFC 6531) @ a domain of two or more labels.
    [GeneratedRegex(@"^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?=.{1,253}\z)([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddrSpec();
}
