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

    /// <summary>
    /// Pushes committed but not yet handed to the hub (<see cref="PushDispatcher"/>). When it is full a push is dropped,
    /// counted, and the consoles are told to reload (<c>Resync</c>) instead of intake waiting for them.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PushQueueCapacity { get; set; } = 4096;

    /// <summary>Pushes handed to the hub whose delivery to every console has not finished yet.</summary>
    [Range(1, 100_000)]
    public int PushesInFlight { get; set; } = 256;

    /// <summary>
    /// A push still not delivered to every console after this long stops counting against <see cref="PushesInFlight"/>:
    /// one console that stopped reading holds its own writes (until SignalR drops it), not everyone's.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan StalledPushAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes SignalR buffers per connection towards a console before its writes wait (SignalR's TransportMaxBufferSize):
    /// a console that stops reading holds this much, and the pushes waiting behind it.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long SendBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Bytes buffered per connection from a console (ApplicationMaxBufferSize), and the largest message it may send.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long ReceiveBufferBytes { get; set; } = 32 * 1024;
}
