using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Realtime;

internal sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// How often a node checks that its hub connections' sessions still exist: the longest a connection outlives a
    /// session ended on another node when that node's word did not arrive through Redis (or there is no Redis).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
