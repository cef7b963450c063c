using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Scale;

namespace Desk.Api.Classification;

/// <summary>
/// Stops a retraining run, whichever node it runs on. A cancel is an audit entry (who, when) and a node event; the node
/// running a run that started before the latest cancel stops it. Being a database row, a missed event is caught at the
/// next resync.
/// </summary>
internal sealed class RetrainCancellation
{
    readonly DeskDb db;
    readonly NodeLocks locks;
    readonly NodeEvents nodes;
    readonly TimeProvider clock;
    readonly Lock gate = new();
    Run? current;

    public RetrainCancellation(DeskDb db, NodeLocks locks, NodeEvents nodes, TimeProvider clock)
    {
        (this.db, this.locks, this.nodes, this.clock) = (db, locks, nodes, clock);
        nodes.Subscribe(NodeEvents.RetrainCancelled, FollowAsync);
    }

    /// <summary>Whether a run is going on this node.</summary>
    public bool Going
    {
        get
        {
            lock (gate) return current is not null;
        }
    }

    /// <summary>The stop of this node's run from now on; dispose it when the run ends.</summary>
    public Run Begin(CancellationToken ct)
    {
        var run = new Run(this, clock.GetUtcNow(), CancellationTokenSource.CreateLinkedTokenSource(ct));
        lock (gate) current = run;
        return run;
    }

    /// <summary>False when no run is going on any node.</summary>
    public async Task<bool> CancelAsync(string actor, CancellationToken ct)
    {
        Run? local;
        lock (gate) local = current;
        if (local is null && !await locks.IsHeldAsync(Retraining.LockName))
            return false;
        await using (var write = await db.BeginWriteAsync(ct))
        {
            await AuditLog.RecordAsync(write.Transaction, AuditKinds.ClassifierRetrainCancelled, actor, "classifier",
                "Retraining run stopped; its candidate is not kept.", clock.GetUtcNow(), ct);
            await write.CommitAsync(ct);
        }
        local?.Stop(actor);
        await nodes.PublishAsync(NodeEvents.RetrainCancelled);
        return true;
    }

    async Task FollowAsync(CancellationToken ct)
    {
        Run? local;
        lock (gate) local = current;
        if (local is null)
            return;
        await using var connection = await db.OpenAsync(ct);
        var latest = await connection.QueryFirstOrDefaultAsync<(string? Actor, DateTimeOffset At)>(new CommandDefinition($"""
            select actor, created_at from audit_events where kind = @kind order by id desc {db.Dialect.Limit("one")}
            """, new { kind = AuditKinds.ClassifierRetrainCancelled, one = 1 }, cancellationToken: ct));
        if (latest.Actor is { } actor && latest.At >= local.StartedAt)
            local.Stop(actor);
    }

    internal sealed class Run(RetrainCancellation owner, DateTimeOffset startedAt, CancellationTokenSource stop) : IDisposable
    {
        public DateTimeOffset StartedAt { get; } = startedAt;

        public CancellationToken Token => stop.Token;

        /// <summary>Who cancelled the run, once someone has.</summary>
        public string? CancelledBy { get; private set; }

        public void Stop(string actor)
        {
            CancelledBy ??= actor;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended a moment ago: nothing left to stop.
            }
        }

        public void Dispose()
        {
            lock (owner.gate)
                if (owner.current == this)
                    owner.current = null;
            stop.Dispose();
        }
    }
}
