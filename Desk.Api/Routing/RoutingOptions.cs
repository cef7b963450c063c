using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Routing;

internal sealed class RoutingOptions : IValidatableObject
{
    public const string Section = "Routing";

    static readonly string[] DefaultSpoken = ["en"];

    /// <summary>Below this model confidence a query goes to the triage queue for a human to type.</summary>
    [Range(0.0, 1.0)]
    public double TriageThreshold { get; set; } = 0.45;

    /// <summary><c>assign</c>: the router gives each new query to an agent; <c>off</c>: queries wait for an agent to claim them.</summary>
    public string Mode { get; set; } = RoutingModes.Assign;

    /// <summary>Open queries an agent holds at most, unless a supervisor set another limit for them.</summary>
    [Range(1, 1000)]
    public int MaxLoad { get; set; } = 5;

    /// <summary>What an agent speaks unless a supervisor said otherwise; null means English. Nullable: the binder appends to arrays.</summary>
    public string[]? Languages { get; set; }

    /// <summary>How long an agent whose last console connection closed still counts as connected (a reload, a short drop).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> Spoken => Languages ?? DefaultSpoken;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode is not (RoutingModes.Assign or RoutingModes.Off))
            yield return new ValidationResult($"Routing:Mode must be {RoutingModes.Assign} or {RoutingModes.Off}.", [nameof(Mode)]);
        foreach (var language in Spoken.Where(l => !RoutingProfile.IsLanguage(l)))
            yield return new ValidationResult($"Routing:Languages names '{language}', which is not a language code such as en or zh.", [nameof(Languages)]);
    }
}

internal static class RoutingModes
{
    public const string Assign = "assign";
    public const string Off = "off";
}
