using System.Collections.Concurrent;
using Desk.Bot;

namespace Desk.Tests.Bot;

// Stands in for the host's desk: keeps conversations in memory, answers with a fixed ticket (or the outcome a test
// sets), remembers what it was asked, and sends each turn's replies right away through the bot's own connector, as
// the desk's outbox would.
internal sealed class RecordingDesk : IBotDesk
{
    public static readonly BotTicket Ticket = new(
        "INC-1042", "incident", "P2", "incident-management", "new",
        new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.Zero));

    readonly ConcurrentQueue<Submitted> submitted = new();
    readonly ConcurrentDictionary<string, BotConversation> conversations = new();
    readonly ConcurrentDictionary<string, string> seen = new();
    long ids;

    public IReadOnlyList<Submitted> Queries => [.. submitted];

    public ConcurrentQueue<BotStep> Steps { get; } = new();

    /// <summary>Set by a test to answer every turn with this outcome instead.</summary>
    public BotOutcome? Outcome { get; set; }

    public bool Confident { get; set; } = true;

    public IReadOnlyList<BotArticle> Articles { get; set; } = [];

    public BotConnector? Connector { get; set; }

    public IReadOnlyDictionary<string, string[]> Check(BotAddress address, string activityId, string text) =>
        new Dictionary<string, string[]>();

    public Task<BotConversation> ConversationAsync(BotAddress address, CancellationToken ct)
    {
        var key = address.ChannelId + "\n" + address.ConversationId;
        var started = false;
        var conversation = conversations.GetOrAdd(key, _ =>
        {
            started = true;
            return new BotConversation(Interlocked.Increment(ref ids), 1, true, address, BotLanguage.English,
                BotConversationState.Bot, null, null, null, null);
        });
        return Task.FromResult(conversation with { Address = address, Started = started });
    }

    public Task<BotUnderstanding> UnderstandAsync(string text, CancellationToken ct) =>
        Task.FromResult(new BotUnderstanding("incident", Confident ? 0.9 : 0.3, Confident, ["incident", "service_request", "consultation"]));

    public Task<IReadOnlyList<BotArticle>> ArticlesAsync(string text, BotLanguage language, CancellationToken ct) => Task.FromResult(Articles);

    public Task<IReadOnlyList<BotTicket>> TicketsAsync(BotConversation conversation, string? reference, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<BotTicket>>(conversation.Ticket is { } t && (reference is null || reference == t.Reference) ? [t] : []);

    public async Task<BotOutcome> ApplyAsync(BotConversation conversation, BotStep step, CancellationToken ct)
    {
        if (Outcome is { } fixedOutcome)
            return fixedOutcome;
        var turnKey = conversation.Id + "\n" + step.ActivityId;
        if (!seen.TryAdd(turnKey, step.Text))
            return seen[turnKey] == step.Text ? new BotOutcome.Replayed() : new BotOutcome.KeyReused();
        Steps.Enqueue(step);
        var key = conversation.Address.ChannelId + "\n" + conversation.Address.ConversationId;
        var ticket = conversation.Ticket;
        var state = conversation.State;
        switch (step.Change)
        {
            case BotChange.Submit(var text, _):
                submitted.Enqueue(new Submitted(conversation.Address, step.ActivityId, text));
                ticket = Ticket;
                break;
            case BotChange.Handoff:
                ticket ??= Ticket;
                state = BotConversationState.Waiting;
                break;
        }
        conversations[key] = conversation with
        {
            Version = conversation.Version + 1, Started = false, Language = step.Next.Language, Step = step.Next.Step,
            Pending = step.Next.Pending, Ticket = ticket, State = state,
        };
        foreach (var reply in step.Replies(ticket))
            await Connector!.SendAsync(BotActivities.Reply(conversation.Address, step.ReplyTo, reply, step.Next.Language), ct);
        return new BotOutcome.Applied(ticket);
    }
}

internal sealed record Submitted(BotAddress Address, string ActivityId, string Text);
