using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Routing;

/// <summary>Which queues are restricted to their members, and which agents work which queues.</summary>
internal sealed class QueueAccessOptions : IValidatableObject
{
    public const string Section = "QueueAccess";

    static readonly string[] DefaultRestricted = ["information-security"];

    /// <summary>
    /// Queues that only their listed agents, supervisors and admins see; null means information-security. An admin's
    /// setting in the desk (<see cref="QueueRestrictions"/>) overrides this for its queue. Nullable because the
    /// configuration binder appends to a default array instead of replacing it.
    /// </summary>
    public string[]? RestrictedQueues { get; set; }

    /// <summary>Username → the queues that agent works. An agent not listed works every queue that is not restricted.</summary>
    public Dictionary<string, string[]> Agents { get; set; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Restricted => RestrictedQueues ?? DefaultRestricted;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var queue in Restricted.Where(q => !Practice.IsQueue(q)))
            yield return new ValidationResult($"QueueAccess:RestrictedQueues names '{queue}', which is not a queue.", [nameof(RestrictedQueues)]);
        foreach (var (agent, queues) in Agents)
            foreach (var queue in queues.Where(q => !Practice.IsQueue(q)))
                yield return new ValidationResult($"QueueAccess:Agents:{agent} names '{queue}', which is not a queue.", [nameof(Agents)]);
    }
}
