using System.Collections.Concurrent;
using Desk.Bot;

namespace Desk.Tests.Bot;

// Stands in for the host's desk: answers with a fixed receipt (or the outcome a test sets) and remembers what it was asked.
internal sealed class RecordingDesk : IBotDesk
{
    public static readonly BotReceipt Receipt = new(
        "INC-1042", "incident", "P2", "incident-management",
        new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero));

    readonly ConcurrentQueue<(BotQuery Query, string Caller)> queries = new();

    public IReadOnlyList<BotQuery> Queries => [.. queries.Select(q => q.Query)];

    public IReadOnlyList<string> Callers => [.. queries.Select(q => q.Caller)];

    public BotOutcome Outcome { get; set; } = new BotOutcome.Taken(Receipt);

    public Task<BotOutcome> SubmitAsync(BotQuery query, string caller, CancellationToken ct)
    {
        queries.Enqueue((query, caller));
        return Task.FromResult(Outcome);
    }
}
