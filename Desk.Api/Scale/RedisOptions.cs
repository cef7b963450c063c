using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace Desk.Api.Scale;

/// <summary>Joins this desk node to the others through Redis. Empty (the default) runs one node on its own.</summary>
internal sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis1:6379,password=…,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Starts every Redis key and channel the desk uses, so one Redis can serve more than one desk.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,39}$")]
    public string Prefix { get; set; } = "desk";

    /// <summary>
    /// How often every node re-reads what the others may have changed, in case their word through Redis did not arrive
    /// (pub/sub delivers at most once). Each re-read is a few indexed reads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a node's word in Redis on who is online on it lasts unless renewed (each node renews its own every third
    /// of this): a node that dies without saying so leaves the others' presence within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan PresenceLease { get; set; } = TimeSpan.FromSeconds(30);

    public bool Joined => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Joined)
            return [];
        string problem;
        try
        {
            problem = ConfigurationOptions.Parse(Configuration!).EndPoints.Count == 0 ? "it names no server" : "";
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        return problem.Length == 0 ? [] : [new ValidationResult(
            $"Redis:Configuration is not a usable StackExchange.Redis configuration string: {problem}", [nameof(Configuration)])];
    }
}
