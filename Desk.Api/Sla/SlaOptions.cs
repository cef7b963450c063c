using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Sla;

/// <summary>How the clocks run (pauses, warnings, reopening) and how often the deadline sweep runs; targets are SLA policies.</summary>
internal sealed class SlaOptions : IValidatableObject
{
    public const string Section = "Sla";

    /// <summary>How often the timer pass looks for warnings and breaches due: the longest a breach waits to be seen.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>Statuses in which the clocks stop until the query leaves them.</summary>
    public string[] PauseIn { get; set; } = ["waiting_for_user"];

    /// <summary>Shares of a target at which a warning is recorded and pushed, before the breach at 1.</summary>
    public double[] WarnAt { get; set; } = [0.75, 0.9];

    /// <summary>How long after resolution the user may reopen a query.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarnAt.Any(w => w is <= 0 or >= 1))
            yield return new ValidationResult("Sla:WarnAt shares must lie between 0 and 1.");
        if (PauseIn.Except(Queries.QueryStatus.All).FirstOrDefault() is { } unknown)
            yield return new ValidationResult($"Sla:PauseIn names '{unknown}', which is not a status.");
    }
}
