using System.Data.Common;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.CannedReplies;

/// <summary>The SQL of the canned_replies table. The list is short: which queues the caller works is decided in C#.</summary>
internal sealed class CannedReplyStore(DeskDb db, TimeProvider clock)
{
    const string Columns = "id, title, body, language, queue, owner, updated_by, updated_at";

    /// <summary>The team's replies and <paramref name="username"/>'s own, in one language or all.</summary>
    public async Task<IReadOnlyList<CannedReply>> ListAsync(string username, string? language, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns}
            from canned_replies
            where (owner is null or owner = @username) and (@language is null or language = @language)
            order by language, title, id
            """, new { username, language }, cancellationToken: ct));
        return rows.Select(r => r.ToReply()).ToList();
    }

    public async Task<CannedReply?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from canned_replies where id = @id", new { id }, cancellationToken: ct));
        return row?.ToReply();
    }

    /// <summary>The new reply's id; null when its owner (or the team, owner null) has one of that title in that language.</summary>
    public async Task<long?> AddAsync(CannedReplyContent content, string? owner, string actor, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var now = clock.GetUtcNow();
        try
        {
            var id = await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                insert into canned_replies (title, body, language, queue, owner, created_by, created_at, updated_by, updated_at)
                values (@Title, @Body, @Language, @Queue, @owner, @actor, @now, @actor, @now)
                {db.Dialect.ReturningId()}
                """, new { content.Title, content.Body, content.Language, content.Queue, owner, actor, now }, write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
            return id;
        }
        catch (DbException e) when (TitleTaken(e))
        {
            return null;
        }
    }

    public async Task<CannedReplyChange> UpdateAsync(long id, CannedReplyContent content, string actor, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        try
        {
            var updated = await write.Connection.ExecuteAsync(new CommandDefinition("""
                update canned_replies
                set title = @Title, body = @Body, language = @Language, queue = @Queue, updated_by = @actor, updated_at = @now
                where id = @id
                """, new { content.Title, content.Body, content.Language, content.Queue, actor, now = clock.GetUtcNow(), id },
                write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
            return updated == 1 ? CannedReplyChange.Stored : CannedReplyChange.NotFound;
        }
        catch (DbException e) when (TitleTaken(e))
        {
            return CannedReplyChange.TitleTaken;
        }
    }

    // The indexes of migration 0040: a title is the team's once per language, and each agent's once per language.
    static bool TitleTaken(Exception e) =>
        UniqueViolation.On(e, "ux_canned_replies_team_title") || UniqueViolation.On(e, "ux_canned_replies_own_title");

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            "delete from canned_replies where id = @id", new { id }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return deleted == 1;
    }

    sealed class Row
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public string Language { get; init; } = "";
        public string? Queue { get; init; }
        public string? Owner { get; init; }
        public string UpdatedBy { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }

        public CannedReply ToReply() => new(Id, Title, Body, Language, Queue, Owner, UpdatedBy, UpdatedAt);
    }
}
