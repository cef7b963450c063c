using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Sla;

/// <summary>The agreed time frames per priority, and how often the deadline sweep runs.</summary>
internal sealed class SlaOptions : IValidatableObject
{
    public const string Section = "Sla";

    public Dictionary<string, SlaTarget> Policies { get; set; } = new()
    {
        ["P1"] = new() { FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) },
        ["P2"] = new() { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) },
        ["P3"] = new() { FirstResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromDays(3) },
        ["P4"] = new() { FirstResponse = TimeSpan.FromHours(8), Resolution = TimeSpan.FromDays(5) },
    };

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>How long after resolution the user may reopen a query.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var priority in Routing.Priority.All)
        {
            if (!Policies.TryGetValue(priority, out var target))
            {
                yield return new ValidationResult($"Sla:Policies has no entry for {priority}.");
            }
            else if (target.FirstResponse <= TimeSpan.Zero || target.Resolution < target.FirstResponse)
            {
                yield return new ValidationResult($"Sla:Policies:{priority} needs 0 < FirstResponse <= Resolution.");
            }
        }
    }
}

internal sealed class SlaTarget
{
    public TimeSpan FirstResponse { get; set; }

    public TimeSpan Resolution { get; set; }
}
