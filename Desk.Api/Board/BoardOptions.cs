using System.ComponentModel.DataAnnotations;
using NodaTime;

namespace Desk.Api.Board;

/// <summary>The supervisors' live board: what counts as at risk, whose day "today" is, how often a node re-reads.</summary>
internal sealed class BoardOptions : IValidatableObject
{
    public const string Section = "Board";

    /// <summary>A running clock whose deadline is this close (or which has had its first warning) puts its query at risk.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AtRiskWithin { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often a node takes in the queries changed since its last read, whatever it was told: what another node changed
    /// (or a push this node missed) shows after at most this long. It reads the changes, not every open query.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a node reads every open query again and starts its counts afresh (and at each new day): the safety net
    /// under the catch-up, for a change whose clock stood further back than the catch-up looks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The IANA zone whose midnight starts "today" for the attainment figures.</summary>
    public string TimeZone { get; set; } = "Etc/UTC";

    /// <summary>How many feed lines a board gets when it loads.</summary>
    [Range(1, 200)]
    public int FeedSize { get; set; } = 50;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZone.Utc;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
            yield return new ValidationResult($"Board:TimeZone '{TimeZone}' is not an IANA time zone such as Europe/Amsterdam.");
    }
}
