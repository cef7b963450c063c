using System.ComponentModel.DataAnnotations;
using PhoneNumbers;

namespace Desk.Api.Contacts;

internal sealed class ContactOptions : IValidatableObject
{
    public const string Section = "Contacts";

    // The region (ISO 3166 alpha-2, e.g. GB) a phone number written without + is read in. Without one, such a
    // number is refused: guessing the country would file two people under one contact.
    public string? DefaultPhoneRegion { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultPhoneRegion is not null && !PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(DefaultPhoneRegion))
            yield return new ValidationResult($"'{DefaultPhoneRegion}' is not a region libphonenumber knows (e.g. GB, US, CN).", [nameof(DefaultPhoneRegion)]);
    }
}
