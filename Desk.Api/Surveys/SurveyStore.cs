using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Surveys;

/// <summary>The SQL of surveys. Writes take the caller's transaction; a survey is claimed (row-locked) before it changes.</summary>
internal sealed class SurveyStore(DeskDb db)
{
    /// <summary>256 random bits, base64url: the capability an answer link carries.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether the text could be a token this desk gave out, before any lookup.</summary>
    public static bool IsTokenShaped(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public Task<long> InsertAsync(DbTransaction tx, SurveyRow s, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
            insert into surveys (query_id, contact_id, token, status, send_at, due_at, reason, actor, created_at, updated_at)
            values (@QueryId, @ContactId, @Token, @Status, @SendAt, @DueAt, @Reason, @Actor, @CreatedAt, @UpdatedAt)
            {db.Dialect.ReturningId()}
            """, s, tx, cancellationToken: ct));

    public Task SaveAsync(DbTransaction tx, SurveyRow s, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update surveys set
                status = @Status, kind = @Kind, channel = @Channel, conversation_id = @ConversationId, send_at = @SendAt, due_at = @DueAt, sent_at = @SentAt,
                reminded_at = @RemindedAt, expires_at = @ExpiresAt, answered_at = @AnsweredAt, score = @Score, comment = @Comment,
                reason = @Reason, actor = @Actor, moment_at = @MomentAt, recovery_query_id = @RecoveryQueryId, updated_at = @UpdatedAt
            where id = @Id
            """, s, tx, cancellationToken: ct));

    /// <summary>The query's survey (a cancelled one aside: a reopened query may be surveyed after its next resolution).</summary>
    public Task<SurveyRow?> ForQueryAsync(DbTransaction tx, long queryId, CancellationToken ct) =>
        tx.Connection!.QuerySingleOrDefaultAsync<SurveyRow>(new CommandDefinition(
            "select * from surveys where query_id = @queryId and status <> 'cancelled'", new { queryId }, tx, cancellationToken: ct));

    public async Task<SurveyRow?> ForQueryAsync(long queryId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SurveyRow>(new CommandDefinition(
            "select * from surveys where query_id = @queryId and status <> 'cancelled'", new { queryId }, cancellationToken: ct));
    }

    /// <summary>
    /// Takes the survey's row lock until the transaction ends and reads it: a second job run or node waits, then finds
    /// it changed (its due moment moved on) and leaves it. Null when there is no such survey.
    /// </summary>
    public async Task<SurveyRow?> ClaimAsync(DbTransaction tx, long id, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update surveys set updated_at = updated_at where id = @id", new { id }, tx, cancellationToken: ct)) == 0
            ? null
            : await tx.Connection!.QuerySingleAsync<SurveyRow>(new CommandDefinition(
                "select * from surveys where id = @id", new { id }, tx, cancellationToken: ct));

    /// <summary>The survey a link's token names, claimed; null when none does.</summary>
    public async Task<SurveyRow?> ClaimByTokenAsync(DbTransaction tx, string token, CancellationToken ct) =>
        await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from surveys where token = @token", new { token }, tx, cancellationToken: ct)) is { } id
            ? await ClaimAsync(tx, id, ct)
            : null;

    public async Task<SurveyRow?> ByTokenAsync(string token, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SurveyRow>(new CommandDefinition(
            "select * from surveys where token = @token", new { token }, cancellationToken: ct));
    }

    /// <summary>Ids of surveys the sender must act on now, the longest due first.</summary>
    public async Task<IReadOnlyList<long>> DueAsync(DateTimeOffset now, int batch, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition($"""
            select id from surveys where due_at <= @now order by due_at, id {db.Dialect.Limit("batch")}
            """, new { now, batch }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Holds the contact's row until the transaction ends, so that two nodes sending two of one contact's surveys at
    /// once take turns, and the second sees the first when it checks the gap and the NPS cadence.
    /// </summary>
    public Task LockContactAsync(DbTransaction tx, long contactId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update contacts set service_level = service_level where id = @contactId", new { contactId }, tx, cancellationToken: ct));

    /// <summary>When the contact was last asked anything, this survey aside.</summary>
    public Task<DateTimeOffset?> LastAskedAsync(DbTransaction tx, long contactId, long except, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("""
            select max(sent_at) from surveys where contact_id = @contactId and id <> @except and sent_at is not null
            """, new { contactId, except }, tx, cancellationToken: ct));

    /// <summary>When the contact was first asked anything, and last asked the net promoter question.</summary>
    public Task<(DateTimeOffset? First, DateTimeOffset? LastNps)> NpsHistoryAsync(DbTransaction tx, long contactId, CancellationToken ct) =>
        tx.Connection!.QuerySingleAsync<(DateTimeOffset?, DateTimeOffset?)>(new CommandDefinition("""
            select min(sent_at), max(case when kind = 'nps' then sent_at end)
            from surveys where contact_id = @contactId and sent_at is not null
            """, new { contactId }, tx, cancellationToken: ct));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
