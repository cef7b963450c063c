using System.Data.Common;
using Desk.Api.BotChannel;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Bot;

namespace Desk.Api.Conversations;

/// <summary>
/// What the desk writes to a chat user, in the transaction of its cause: a person's reply, the bot's words, a notice.
/// Each goes to the outbox for the conversation's channel plug-in, and on the query's timeline with its delivery state.
/// </summary>
internal sealed class ChatOutbox(ConversationStore conversations, OutboxStore outbox, TimelineStore timeline, IEnumerable<IDeskChannel> channels)
{
    readonly IDeskChannel channel = channels.Single(c => c.Name == BotFrameworkChannel.ChannelName);

    /// <summary>
    /// An agent's public reply (already on the timeline as <paramref name="entry"/>) to the chat the user last wrote
    /// in about the query (<paramref name="taken"/> when the reply took it, so already read); the entry with its
    /// delivery, or unchanged when the query has no chat.
    /// </summary>
    public async Task<TimelineEntry> ReplyAsync(
        DbTransaction tx, QueryRow query, ConversationRow? taken, TimelineEntry entry, string? sender, DateTimeOffset now, CancellationToken ct)
    {
        if ((taken ?? await conversations.ForQueryAsync(tx, query.Id, ct)) is not { } conversation)
            return entry;
        var payload = channel.Compose(conversation.Address, new OutgoingText(entry.Body!, sender, conversation.Language));
        await outbox.EnqueueAsync(tx, new OutboxEntry(channel.Name, Thread(conversation), payload, query.Id, entry.Id, conversation.Id), now, ct);
        return entry with { Delivery = Delivery.Pending(channel.Name, now) };
    }

    /// <summary>Tells the user of a status change they should know (resolved, waiting for them), in the chat they last used.</summary>
    public async Task<TimelineEntry?> StatusChangedAsync(
        DbTransaction tx, QueryRow query, string status, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        if (await conversations.ForQueryAsync(tx, query.Id, ct) is not { } conversation)
            return null;
        return BotNotices.StatusChanged(conversation.Speaks, query.Reference, status, reason) is { } text
            ? await NoticeAsync(tx, conversation, query, text, now, ct)
            : null;
    }

    /// <summary>
    /// Tells the user of a new agreed time frame when a write moved the resolution deadline of an open, running query
    /// (a new priority or type, an escalation); a pause is told with the status that caused it.
    /// </summary>
    public async Task<TimelineEntry?> TimeFrameChangedAsync(
        DbTransaction tx, QueryRow query, DateTimeOffset resolutionDueBefore, DateTimeOffset now, CancellationToken ct)
    {
        if ((query.ResolutionDue - resolutionDueBefore).Duration() < TimeSpan.FromMinutes(1) || query.SlaPaused
            || !QueryStatus.IsOpen(query.Status) || await conversations.ForQueryAsync(tx, query.Id, ct) is not { } conversation)
            return null;
        return await NoticeAsync(tx, conversation, query,
            BotNotices.TimeFrameChanged(conversation.Speaks, query.Reference, query.Priority, query.ResolutionDue,
                BotActivities.Read(conversation.Address).Clock), now, ct);
    }

    /// <summary>A notice from the desk (a person joined or left, nobody is free) to the conversation, on the query's timeline.</summary>
    public Task<TimelineEntry?> NoticeAsync(
        DbTransaction tx, ConversationRow conversation, QueryRow? query, string text, DateTimeOffset now, CancellationToken ct) =>
        SayAsync(tx, conversation, query, channel.Compose(conversation.Address, new OutgoingText(text, null, conversation.Language)), text, now, ct);

    /// <summary>The bot's words, as the channel's payload, to the conversation; on the query's timeline when there is one.</summary>
    public async Task<TimelineEntry?> SayAsync(
        DbTransaction tx, ConversationRow conversation, QueryRow? query, string payload, string text, DateTimeOffset now, CancellationToken ct)
    {
        var entry = query is null ? null : await timeline.AppendAsync(tx, query, TimelineKinds.BotMessage, "bot", text, null, now, ct);
        await outbox.EnqueueAsync(tx, new OutboxEntry(channel.Name, Thread(conversation), payload, query?.Id, entry?.Id, conversation.Id), now, ct);
        return entry is null ? null : entry with { Delivery = Delivery.Pending(channel.Name, now) };
    }

    static string Thread(ConversationRow conversation) => $"conversation:{conversation.Id}";
}
