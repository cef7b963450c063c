using System.Data.Common;
using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Moments;

/// <summary>
/// The one record of every moment of truth (8.2.4), written in the transaction of its cause, once per cause. A negative
/// moment opens a recovery that stays open until someone records how the user's impression was turned around.
/// </summary>
internal sealed class MomentStore(DeskDb db, TimelineStore timeline)
{
    /// <summary>
    /// Records the moment and its timeline line; null when this cause was recorded before. <paramref name="onTimeline"/>
    /// false for a cause that writes its own line about the moment (a survey's low score).
    /// </summary>
    public async Task<TimelineEntry?> RecordAsync(DbTransaction tx, QueryRow query, MomentDraft draft, DateTimeOffset now, CancellationToken ct,
        bool onTimeline = true)
    {
        var polarity = draft.Positive ? Polarity.Positive : Polarity.Negative;
        var inserted = await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("moments",
            "query_id, kind, polarity, source_key, queue, actor, note, recovery_state, recovery_owner, recovery_query_id, created_at",
            "@Id, @Kind, @polarity, @Key, @Queue, @Actor, @Note, @state, @Assignee, @RecoveryQueryId, @now",
            "query_id, source_key"),
            new
            {
                query.Id, draft.Kind, polarity, draft.Key, query.Queue, draft.Actor, draft.Note, query.Assignee, draft.RecoveryQueryId, now,
                state = draft.Positive ? null : RecoveryStates.Open,
            }, tx, cancellationToken: ct));
        if (inserted == 0 || !onTimeline)
            return null;
        var id = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            "select id from moments where query_id = @Id and source_key = @Key", new { query.Id, draft.Key }, tx, cancellationToken: ct));
        var label = draft.Kind.Replace('_', ' ');
        return await timeline.AppendAsync(tx, query, MomentKinds.TimelineKind, draft.Actor,
            $"Moment of truth ({polarity}): {label}." + (draft.Note is { } note ? $" {note}" : ""),
            new { moment = id, kind = draft.Kind, polarity, cause = MomentKinds.Cause(draft.Kind), note = draft.Note, says = "moment" }, now, ct);
    }

    /// <summary>A recovery query was resolved: the moments it was opened for are recovered with it.</summary>
    public static Task RecoveryResolvedAsync(DbTransaction tx, QueryRow recovery, string actor, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            update moments set recovery_state = 'recovered', recovered_at = @now, recovered_by = @actor,
                recovery_note = @note
            where recovery_query_id = @Id and recovery_state = 'open'
            """, new { recovery.Id, now, actor, note = $"Recovery query {recovery.Reference} resolved." }, tx, cancellationToken: ct));

    /// <summary>
    /// A breach withdrawn (its deadline moved later) leaves its moments, its own and its escalation's, nothing to recover: an
    /// open recovery is closed by the desk, and the cause is freed, so that the breach, should it come again, is a moment again.
    /// </summary>
    public static async Task BreachWithdrawnAsync(DbTransaction tx, long queryId, string breachKey, string metric, DateTimeOffset now,
        CancellationToken ct)
    {
        foreach (var key in new[] { breachKey, MomentKinds.EscalationKey(breachKey) })
        {
            if (await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "select id from moments where query_id = @queryId and source_key = @key", new { queryId, key }, tx, cancellationToken: ct))
                is not { } id)
                continue;
            await tx.Connection!.ExecuteAsync(new CommandDefinition("""
                update moments set recovery_state = 'recovered', recovered_at = @now, recovered_by = 'sla', recovery_note = @note
                where id = @id and recovery_state = 'open'
                """, new { id, now, note = $"The {metric.Replace('_', ' ')} breach was withdrawn: its deadline moved later." }, tx,
                cancellationToken: ct));
            await tx.Connection!.ExecuteAsync(new CommandDefinition(
                "update moments set source_key = @withdrawn where id = @id", new { id, withdrawn = $"{key}:withdrawn:{id}" }, tx,
                cancellationToken: ct));
        }
    }

    public async Task<IReadOnlyList<MomentView>> ForQueryAsync(long queryId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(Select + " where m.query_id = @queryId order by m.id",
            new { queryId }, cancellationToken: ct))).Select(r => r.View()).ToList();
    }

    /// <summary>
    /// The moments of a span (a day) recorded in the given queues (null: all), oldest first, on queries now in a queue of
    /// <paramref name="visible"/> (null: all): a query moved since to a queue the caller may not see takes its moments along.
    /// </summary>
    public async Task<IReadOnlyList<MomentView>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? queues,
        IReadOnlySet<string>? visible, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var inQueues = queues is null ? "" : $" and {db.Dialect.InList("m.queue", "queues")}";
        var nowVisible = visible is null ? "" : $" and {db.Dialect.InList("q.queue", "visible")}";
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            Select + $" where m.created_at >= @from and m.created_at < @to{inQueues}{nowVisible} order by m.created_at, m.id",
            new { from, to, queues = queues?.ToArray(), visible = visible?.ToArray() }, cancellationToken: ct))).Select(r => r.View()).ToList();
    }

    /// <summary>Marks an open recovery recovered; returns the moment's query id, or why not.</summary>
    public async Task<RecoverResult> RecoverAsync(string reference, long id, Func<string, bool> maySee, string actor, string note,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        var row = await write.Connection.QuerySingleOrDefaultAsync<(long Id, string Queue, string? State)?>(new CommandDefinition("""
            select m.id, q.queue, m.recovery_state from moments m join queries q on q.id = m.query_id
            where m.id = @id and q.reference = @reference
            """, new { id, reference }, tx, cancellationToken: ct));
        if (row is not { } found || !maySee(found.Queue))
            return RecoverResult.NotFound;
        if (found.State != RecoveryStates.Open)
            return found.State is null ? RecoverResult.Positive : RecoverResult.AlreadyRecovered;
        // Guarded by the state, so that two agents recording it at once record it once.
        var changed = await write.Connection.ExecuteAsync(new CommandDefinition("""
            update moments set recovery_state = 'recovered', recovered_at = @now, recovered_by = @actor, recovery_note = @note
            where id = @id and recovery_state = 'open'
            """, new { id, now, actor, note }, tx, cancellationToken: ct));
        await write.CommitAsync(ct);
        return changed == 1 ? RecoverResult.Recovered : RecoverResult.AlreadyRecovered;
    }

    const string Select = """
        select m.id, q.reference, m.queue, m.kind, m.polarity, m.actor, m.note, m.created_at, m.recovery_state, m.recovery_owner,
            r.reference as recovery_reference, m.recovered_at, m.recovered_by, m.recovery_note
        from moments m join queries q on q.id = m.query_id left join queries r on r.id = m.recovery_query_id
        """;

    sealed class Row
    {
        public long Id { get; init; }
        public string Reference { get; init; } = "";
        public string Queue { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Polarity { get; init; } = "";
        public string Actor { get; init; } = "";
        public string? Note { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? RecoveryState { get; init; }
        public string? RecoveryOwner { get; init; }
        public string? RecoveryReference { get; init; }
        public DateTimeOffset? RecoveredAt { get; init; }
        public string? RecoveredBy { get; init; }
        public string? RecoveryNote { get; init; }

        public MomentView View() => new(Id, Reference, Queue, Kind, Polarity, Actor, Note, CreatedAt, RecoveryState is null ? null
            : new RecoveryView(RecoveryState, RecoveryOwner ?? Queue, RecoveryReference, RecoveredAt, RecoveredBy, RecoveryNote));
    }
}

internal enum RecoverResult { Recovered, NotFound, Positive, AlreadyRecovered }
