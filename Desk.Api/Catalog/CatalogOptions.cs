using System.ComponentModel.DataAnnotations;
using Desk.Classifier;

namespace Desk.Api.Catalog;

/// <summary>
/// The request catalog as far as intake needs it: which option is a service request and which a change.
/// A pick from it types the query without the model (Table 8.4). The full catalog is its own issue.
/// </summary>
internal sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "Catalog";

    public Dictionary<string, string> Items { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["new-laptop"] = "service_request",
        ["software-install"] = "service_request",
        ["access-request"] = "service_request",
        ["password-reset"] = "service_request",
        ["new-starter-account"] = "service_request",
        ["firewall-rule-change"] = "change_request",
        ["server-upgrade"] = "change_request",
        ["mailbox-quota-change"] = "change_request",
        ["dns-change"] = "change_request",
    };

    public QueryType? TypeOf(string item) =>
        Items.TryGetValue(item, out var code) && QueryTypes.TryParse(code, out var type) ? type : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Items.Where(i => !QueryTypes.TryParse(i.Value, out var t) || t is not (QueryType.ServiceRequest or QueryType.ChangeRequest))
            .Select(i => new ValidationResult($"Catalog:Items:{i.Key} must be service_request or change_request."));
}
