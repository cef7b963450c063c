using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Conversations;

/// <summary>The SQL of chat conversations, their turns and the bot's events.</summary>
internal sealed class ConversationStore(DeskDb db)
{
    const string SummaryColumns = """
        select c.id, c.channel, c.state, c.agent, q.reference, q.queue, ct.display_name as contact_name, c.language,
            c.waiting_since,
            (select t.body from timeline_entries t where t.id = (
                select max(t2.id) from timeline_entries t2 where t2.query_id = c.query_id and t2.kind in ('created', 'message_in', 'handoff_requested'))) as last_message,
            c.updated_at
        from conversations c
        left join queries q on q.id = c.query_id
        left join contacts ct on ct.id = c.contact_id
        """;

    /// <summary>
    /// Channel conversation ids can be long (Teams, Slack): the unique key is their hash. Each caller of the bot endpoint
    /// (a bot key, the Bot Framework) names conversations in its own space, as it names its activities.
    /// </summary>
    public static string KeyOf(string caller, string channel, string conversationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller + "\n" + channel + "\n" + conversationId)));

    /// <summary>
    /// In a group (a Teams group chat or channel) each member talks with the desk on their own: their own contact,
    /// dialogue state and queries, so the key names the member too.
    /// </summary>
    public static string KeyOf(Desk.Bot.BotAddress address) => KeyOf(address.Caller, address.ChannelId,
        address.Group && address.User.Id is { } member ? address.ConversationId + "\n" + member : address.ConversationId);

    /// <summary>The conversation under <paramref name="key"/>, started now if there is none; <c>Started</c> says which.</summary>
    public async Task<(ConversationRow Row, bool Started)> FindOrStartAsync(
        string channel, string key, string address, string language, DateTimeOffset now, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            if (await FindAsync(connection, null, key, ct) is { } found)
                return (found, false);
        }
        await using var write = await db.BeginWriteAsync(ct);
        var started = await write.Connection.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("conversations",
            "channel, conversation_key, address, language, state, last_user_at, created_at, updated_at, version",
            "@channel, @key, @address, @language, 'bot', @now, @now, @now, 1", "conversation_key"),
            new { channel, key, address, language, now }, write.Transaction, cancellationToken: ct)) == 1;
        var row = await FindAsync(write.Connection, write.Transaction, key, ct)
            ?? throw new InvalidOperationException("A conversation was started but cannot be read.");
        if (started)
            await RecordEventAsync(write.Transaction, row, Desk.Bot.BotEvents.Started, null, null, now, ct);
        await write.CommitAsync(ct);
        return (row, started);
    }

    static Task<ConversationRow?> FindAsync(DbConnection connection, DbTransaction? tx, string key, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition(
            "select * from conversations where conversation_key = @key", new { key }, tx, cancellationToken: ct));

    /// <summary>
    /// Takes the conversation's row lock by bumping its version, as a query's claim does: with
    /// <paramref name="version"/>, only if no other turn changed it since. Null when it did (or there is no such row).
    /// </summary>
    public async Task<ConversationRow?> ClaimAsync(DbTransaction tx, long id, long? version, CancellationToken ct)
    {
        var claimed = await tx.Connection!.ExecuteAsync(new CommandDefinition(version is null
                ? "update conversations set version = version + 1 where id = @id"
                : "update conversations set version = version + 1 where id = @id and version = @version",
            new { id, version }, tx, cancellationToken: ct));
        return claimed == 0 ? null : await tx.Connection!.QuerySingleAsync<ConversationRow>(new CommandDefinition(
            "select * from conversations where id = @id", new { id }, tx, cancellationToken: ct));
    }

    public Task SaveAsync(DbTransaction tx, ConversationRow row, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update conversations set
                address = @Address, contact_id = @ContactId, language = @Language, state = @State, step = @Step,
                pending = @Pending, query_id = @QueryId, agent = @Agent, waiting_since = @WaitingSince,
                last_user_at = @LastUserAt, updated_at = @UpdatedAt
            where id = @Id
            """, row, tx, cancellationToken: ct));

    /// <summary>Records an incoming activity once: null when it is new, else whether the earlier one had the same text.</summary>
    public async Task<bool?> SeenAsync(DbTransaction tx, long conversationId, string activityId, string text, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var inserted = await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("conversation_turns",
            "conversation_id, activity_id, text_hash, created_at", "@conversationId, @activityId, @hash, @now", "conversation_id, activity_id"),
            new { conversationId, activityId, hash, now }, tx, cancellationToken: ct));
        if (inserted == 1)
            return null;
        var earlier = await tx.Connection!.ExecuteScalarAsync<string>(new CommandDefinition("""
            select text_hash from conversation_turns where conversation_id = @conversationId and activity_id = @activityId
            """, new { conversationId, activityId }, tx, cancellationToken: ct));
        return earlier == hash;
    }

    public Task RecordEventAsync(
        DbTransaction tx, ConversationRow conversation, string kind, long? queryId, string? data, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into bot_events (conversation_id, channel, kind, query_id, data, created_at)
            values (@Id, @Channel, @kind, @queryId, @data, @now)
            """, new { conversation.Id, conversation.Channel, kind, queryId, data, now }, tx, cancellationToken: ct));

    /// <summary>
    /// The conversation a query was last discussed in by the user, if any: one that is on it now, else the last that
    /// carried it before moving on to another query ("This is a new matter").
    /// </summary>
    public async Task<ConversationRow?> ForQueryAsync(DbTransaction tx, long queryId, CancellationToken ct)
    {
        var connection = tx.Connection!;
        // The common case, a chat on the query now, is one read; the earlier chat is looked up only when there is none.
        if (await connection.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition($"""
                select * from conversations where query_id = @queryId
                order by last_user_at desc, id desc
                {db.Dialect.Limit("one")}
                """, new { queryId, one = 1 }, tx, cancellationToken: ct)) is { } current)
            return current;
        return await connection.QuerySingleOrDefaultAsync<ConversationRow>(new CommandDefinition($"""
            select * from conversations where id = (
                select conversation_id from bot_events where query_id = @queryId
                order by id desc
                {db.Dialect.Limit("one")})
            """, new { queryId, one = 1 }, tx, cancellationToken: ct));
    }

    public async Task<ConversationSummary?> SummaryForQueryAsync(long queryId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryFirstOrDefaultAsync<SummaryRow>(new CommandDefinition($"""
            {SummaryColumns}
            where c.query_id = @queryId
            order by c.last_user_at desc, c.id desc
            """, new { queryId }, cancellationToken: ct)))?.ToSummary();
    }

    public async Task<ConversationSummary> SummaryAsync(DbTransaction tx, long id, CancellationToken ct) =>
        (await tx.Connection!.QuerySingleAsync<SummaryRow>(new CommandDefinition(
            $"{SummaryColumns} where c.id = @id", new { id }, tx, cancellationToken: ct))).ToSummary();

    /// <summary>Conversations waiting for a person or held by one, longest waiting first, of the given queues (null: all).</summary>
    public async Task<IReadOnlyList<ConversationSummary>> LiveAsync(string[]? queues, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var inQueues = queues is null ? "" : "and " + db.Dialect.InList("q.queue", "queues");
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition($"""
            {SummaryColumns}
            where c.state in ('waiting', 'live') {inQueues}
            order by c.waiting_since, c.id
            """, new { queues }, cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    /// <summary>Ids of conversations that waited for a person since before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<long>> WaitingSinceBeforeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition("""
            select id from conversations where state = 'waiting' and waiting_since < @before
            """, new { before }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Ids of conversations where the bot asked something and the user has not written since before <paramref name="before"/>.
    /// A survey question is the desk's, asked long after the user last wrote: the survey sender ends it, not this.
    /// </summary>
    public async Task<IReadOnlyList<long>> UnansweredSinceBeforeAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition("""
            select id from conversations
            where step is not null and step not in ('survey', 'survey_comment') and state = 'bot' and last_user_at < @before
            """, new { before }, cancellationToken: ct))).AsList();
    }

    sealed class SummaryRow
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string State { get; init; } = "";
        public string? Agent { get; init; }
        public string? Reference { get; init; }
        public string? Queue { get; init; }
        public string? ContactName { get; init; }
        public string Language { get; init; } = "en";
        public DateTimeOffset? WaitingSince { get; init; }
        public string? LastMessage { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public ConversationSummary ToSummary() =>
            new(Id, Channel, State, Agent, Reference, Queue, ContactName, Language, WaitingSince, LastMessage, UpdatedAt);
    }
}
