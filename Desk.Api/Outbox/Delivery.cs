namespace Desk.Api.Outbox;

/// <summary>
/// Where an outgoing message stands: <c>pending</c> (not tried yet), <c>sending</c>, <c>retrying</c> (a try failed,
/// another follows), <c>sent</c>, <c>failed</c> (given up) or <c>unknown</c> (the desk stopped while sending it).
/// </summary>
public sealed record Delivery(string State, int Attempts, string Channel, DateTimeOffset At, string? Error);

/// <summary>An outgoing timeline entry's delivery changed; pushed to the console.</summary>
public sealed record DeliveryChange(string Reference, long EntryId, Delivery Delivery, string Queue);
