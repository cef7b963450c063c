using System.Data.Common;
using Dapper;
using Desk.Api.BotChannel;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Bot;

namespace Desk.Api.Surveys;

/// <summary>
/// How the desk reaches the user of a query on its own initiative: the chat they last wrote about it in, else the chat
/// they last wrote in at all (buttons there), else an installed channel plug-in for one of the contact's identities,
/// the query's own channel first (e-mail, SMS: plain text, so a question carries a link). A chat speaks the
/// conversation's language; a plug-in the query's (<paramref name="QueryLanguage"/>), as its acknowledgement did.
/// </summary>
internal sealed record Reach(string Channel, ConversationRow? Conversation, IDeskChannel? Plugin, string? Address, string? QueryLanguage = null)
{
    public const string Chat = "chat";

    public bool HasButtons => Conversation is not null;

    public BotLanguage Language => (Conversation?.Language ?? QueryLanguage) == "zh" ? BotLanguage.Chinese : BotLanguage.English;

    /// <summary>The language code a plug-in composes in.</summary>
    public string LanguageCode => Language == BotLanguage.Chinese ? "zh" : "en";
}

internal sealed class UserReach(DeskDb db, ConversationStore conversations, ChatOutbox chat, OutboxStore outbox, TimelineStore timeline,
    IEnumerable<IDeskChannel> channels)
{
    readonly Dictionary<string, IDeskChannel> plugins = channels.Where(c => c.Name != BotFrameworkChannel.ChannelName).ToDictionary(c => c.Name);

    /// <summary>How to reach the query's user now; null when no installed channel can.</summary>
    public async Task<Reach?> FindAsync(DbTransaction tx, QueryRow query, CancellationToken ct)
    {
        var chat = (await conversations.ForQueryAsync(tx, query.Id, ct))?.Id
            ?? await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition($"""
                select id from conversations where contact_id = @ContactId order by last_user_at desc, id desc {db.Dialect.Limit("one")}
                """, new { query.ContactId, one = 1 }, tx, cancellationToken: ct));
        if (chat is { } id)
            return new Reach(Reach.Chat, await conversations.ClaimAsync(tx, id, null, ct), null, null);
        return await PluginAsync(tx, query, ct);
    }

    /// <summary>Whether <paramref name="channel"/> is an installed plug-in's (e-mail, SMS), not a chat's.</summary>
    bool IsPlugin(string channel) => plugins.ContainsKey(channel);

    /// <summary>
    /// An installed channel plug-in that can reach one of the contact's identities: <paramref name="preferred"/>'s first, then
    /// the query's own channel.
    /// </summary>
    public async Task<Reach?> PluginAsync(DbTransaction tx, QueryRow query, CancellationToken ct, string? preferred = null)
    {
        var identities = await tx.Connection!.QueryAsync<(string Channel, string Address)>(new CommandDefinition("""
            select channel, address from contact_identities where contact_id = @ContactId order by id
            """, query, tx, cancellationToken: ct));
        foreach (var (channel, address) in identities.OrderBy(i => i.Channel == preferred ? 0 : i.Channel == query.Channel ? 1 : 2))
        {
            if (plugins.TryGetValue(channel, out var plugin) && plugin.Features.HasFlag(ChannelFeatures.Proactive))
                return new Reach(channel, null, plugin, address, query.Language);
        }
        return null;
    }

    /// <summary>
    /// The plug-in (e-mail, SMS) the user last wrote about the query by, when it still reaches them: what the desk says
    /// goes there, not to a chat they left for it. Null when they last wrote in a chat, or never, or that address is gone.
    /// </summary>
    public async Task<Reach?> LastWrittenByAsync(DbTransaction tx, QueryRow query, CancellationToken ct) =>
        await timeline.LastWroteByAsync(tx, query, ct) is { } wroteBy && IsPlugin(wroteBy)
        && await PluginAsync(tx, query, ct, wroteBy) is { } reach && reach.Channel == wroteBy
            ? reach
            : null;

    /// <summary>
    /// Tells the user of a status change they should know (resolved, waiting for them) where a reply would reach them (see
    /// Casework.WriteAsync): by the e-mail or SMS they last wrote about it, else in their chat about it, else through a
    /// plug-in for one of their identities; null when the change needs no word or nothing reaches them.
    /// </summary>
    public async Task<TimelineEntry?> StatusChangedAsync(DbTransaction tx, QueryRow query, string status, string? reason, DateTimeOffset now,
        CancellationToken ct)
    {
        var lastUsed = await LastWrittenByAsync(tx, query, ct);
        if (lastUsed is null && await chat.StatusChangedAsync(tx, query, status, reason, now, ct) is { } inChat)
            return inChat;
        if ((lastUsed ?? await PluginAsync(tx, query, ct)) is not { } via
            || BotNotices.StatusChanged(via.Language, query.Reference, status, reason) is not { } text)
            return null;
        return await SayAsync(tx, via, query, text, null, now, ct, Automatic.Generated);
    }

    /// <summary>Sends a person's reply, already on the timeline, through a plug-in, in the caller's transaction.</summary>
    public async Task<TimelineEntry> ReplyAsync(DbTransaction tx, Reach reach, QueryRow query, TimelineEntry entry, string? sender,
        DateTimeOffset now, CancellationToken ct)
    {
        var plugin = reach.Plugin!;
        var text = new OutgoingText($"{query.Reference}: {entry.Body}", sender, "en");
        await outbox.EnqueueAsync(tx, new OutboxEntry(plugin.Name, reach.Address!, plugin.Compose(reach.Address!, text), query.Id, entry.Id), now, ct);
        return entry with { Delivery = Delivery.Pending(plugin.Name, now) };
    }

    /// <summary>
    /// Tells the staff, on the timeline, that the channel sends only part of a reply (an SMS past its most segments), so
    /// that the agent knows what the user did not read; null when it goes whole.
    /// </summary>
    public async Task<TimelineEntry?> NoteCutAsync(DbTransaction tx, QueryRow query, TimelineEntry reply, DateTimeOffset now, CancellationToken ct)
    {
        if (reply.Delivery?.Channel is not { } channel || !plugins.TryGetValue(channel, out var plugin)
            || plugin.CutOf(new OutgoingText($"{query.Reference}: {reply.Body}", null, "en")) is not { } cut)
            return null;
        var rest = cut.Linked ? "the user has a link to the query for the rest" : "the user did not get the rest";
        return await timeline.AppendAsync(tx, query, TimelineKinds.Note, "system",
            $"The reply takes {cut.Parts} texts by {channel}; only the first {cut.Sent} were sent, and {rest}.",
            new { says = "reply_cut", channel, parts = cut.Parts, sent = cut.Sent, linked = cut.Linked, entry = reply.Id }, now, ct);
    }

    /// <summary>
    /// Writes to the user, on the query's timeline with its delivery, in the caller's transaction; with buttons where the
    /// channel has them.
    /// </summary>
    public async Task<TimelineEntry> SayAsync(DbTransaction tx, Reach reach, QueryRow query, string text, IReadOnlyList<BotAction>? buttons,
        DateTimeOffset now, CancellationToken ct, Automatic automatic = Automatic.No)
    {
        if (reach.Conversation is { } conversation)
        {
            var payload = BotActivities.Reply(BotActivities.Read(conversation.Address), null, new BotReply(text, buttons), reach.Language);
            return (await chat.SayAsync(tx, conversation, query, payload, text, now, ct))!;
        }
        var plugin = reach.Plugin!;
        var entry = await timeline.AppendAsync(tx, query, TimelineKinds.BotMessage, "desk", text, new { channel = plugin.Name }, now, ct);
        var composed = plugin.Compose(reach.Address!, new OutgoingText(text, null, reach.LanguageCode, automatic));
        await outbox.EnqueueAsync(tx, new OutboxEntry(plugin.Name, reach.Address!, composed, query.Id, entry.Id), now, ct);
        return entry with { Delivery = Delivery.Pending(plugin.Name, now) };
    }
}
