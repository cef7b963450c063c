using System.ComponentModel.DataAnnotations;
using Desk.Api.Contacts;
using Desk.Classifier;

namespace Desk.Api.Catalog;

/// <summary>
/// The request catalog as far as intake needs it: which option is a service request and which a change.
/// A pick from it types the query without the model (Table 8.4); <see cref="Entitlements"/> says who may have an item,
/// by service level or by group (<see cref="Groups"/>); the rule itself is <see cref="CatalogEntitlement"/>.
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

    /// <summary>
    /// Per item, who is entitled to it: service levels and groups (<c>Catalog:Entitlements:new-laptop:0 = gold</c>,
    /// <c>…:1 = group:finance</c>); an item not listed is everyone's. A request for an item the contact is not entitled
    /// to is still taken, ungranted, for an agent to decide.
    /// </summary>
    public Dictionary<string, string[]> Entitlements { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Per group, its members: e-mail domains (<c>@finance.example.org</c>), e-mail addresses and phone numbers (E.164)
    /// (<c>Catalog:Groups:finance:0 = @finance.example.org</c>). A contact is in a group by an address they verified.
    /// </summary>
    public Dictionary<string, string[]> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Per item, the form the portal shows for it (<c>Catalog:Forms:new-laptop:0:Name = model</c>, <c>Required</c>,
    /// <c>Label</c>, <c>LabelZh</c>); an item not listed asks for text only.
    /// </summary>
    public Dictionary<string, CatalogField[]> Forms { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<CatalogField> FormOf(string item) => Forms.GetValueOrDefault(item) ?? [];

    /// <summary>Who is entitled to <paramref name="item"/> (service levels, <c>group:</c> names); null when it is everyone's.</summary>
    public string[]? Entitled(string item) => Entitlements.GetValueOrDefault(item);

    public QueryType? TypeOf(string item) =>
        Items.TryGetValue(item, out var code) && QueryTypes.TryParse(code, out var type) ? type : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Items.Where(i => !QueryTypes.TryParse(i.Value, out var t) || t is not (QueryType.ServiceRequest or QueryType.ChangeRequest))
            .Select(i => new ValidationResult($"Catalog:Items:{i.Key} must be service_request or change_request."))
            .Concat(Entitlements.Where(e => !Items.ContainsKey(e.Key)).Select(e => new ValidationResult(
                $"Catalog:Entitlements:{e.Key} names an item that is not in Catalog:Items.")))
            .Concat(Forms.Where(f => !Items.ContainsKey(f.Key)).Select(f => new ValidationResult(
                $"Catalog:Forms:{f.Key} names an item that is not in Catalog:Items.")))
            .Concat(Forms.SelectMany(f => f.Value.Where(field => string.IsNullOrWhiteSpace(field.Name) || string.IsNullOrWhiteSpace(field.Label))
                .Select(_ => new ValidationResult($"Catalog:Forms:{f.Key}: every field needs a Name and a Label."))))
            .Concat(CatalogEntitlement.Problems(Entitlements, Groups).Select(problem => new ValidationResult(problem)));
}

/// <summary>A field of a catalog item's form, with its label in English and (when given) Chinese.</summary>
internal sealed class CatalogField
{
    public string Name { get; set; } = "";
    public bool Required { get; set; }
    public string Label { get; set; } = "";
    public string? LabelZh { get; set; }
}
