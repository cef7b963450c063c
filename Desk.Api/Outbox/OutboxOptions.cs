using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Outbox;

internal sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Whether this node sends; a node that does not still writes to the outbox, and another node sends.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sender looks for due messages when nothing woke it (messages written on other nodes, retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Tries before a message is given up as failed. With the back-off below, 12 tries span about two and a half hours:
    /// a mail server or Twilio down for an afternoon's maintenance loses nothing (8 tries gave up after four minutes).
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed try; it doubles with each try, up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a node holds a message it is sending. One still held past this was being sent by a node that
    /// stopped: it is marked unknown, never sent again. Longer than any channel's send timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages sent at once, across conversations; one conversation's messages go one after another, in order.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 32;

    /// <summary>A message still retrying this long after it was written makes the desk's health Degraded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WarnRetryingFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A message given up (failed, or of unknown delivery) within this long makes the desk's health Degraded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan WarnGivenUpWithin { get; set; } = TimeSpan.FromHours(1);
}
