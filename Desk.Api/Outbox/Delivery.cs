namespace Desk.Api.Outbox;

/// <summary>
/// Where an outgoing message stands: <c>pending</c> (not tried yet), <c>sending</c>, <c>retrying</c> (a try failed,
/// another follows), <c>sent</c>, <c>failed</c> (given up) or <c>unknown</c> (the desk stopped while sending it).
/// <c>Revision</c> counts the writes to it: of two accounts of one message, the higher is the later. Times do not
/// order them (nodes' clocks differ; a resend goes back to <c>pending</c>).
/// </summary>
public sealed record Delivery(string State, int Attempts, string Channel, DateTimeOffset At, string? Error, int Revision)
{
    /// <summary>A message just put in the outbox: not tried yet, no write to it but its insertion.</summary>
    public static Delivery Pending(string channel, DateTimeOffset at) => new("pending", 0, channel, at, null, 0);
}

/// <summary>An outgoing timeline entry's delivery changed; pushed to the console.</summary>
public sealed record DeliveryChange(string Reference, long EntryId, Delivery Delivery, string Queue);
