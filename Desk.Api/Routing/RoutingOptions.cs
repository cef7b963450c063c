using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Routing;

internal sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>Below this model confidence a query goes to the triage queue for a human to type.</summary>
    [Range(0.0, 1.0)]
    public double TriageThreshold { get; set; } = 0.45;
}
