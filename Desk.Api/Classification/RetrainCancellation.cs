using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Scale;

namespace Desk.Api.Classification;

/// <summary>
/// Stops a retraining run, whichever node it runs on. A cancel is an audit entry (who, when) and a node event; the node
/// running a run stops it when a cancel later than the run's start is recorded. Later means a higher audit id, not a
/// later time: nodes' clocks differ. A run reads the latest id before it takes the lock every node respects and checks
/// again once it has begun, so a cancel made while it held the lock but had not yet begun (the event found no run here)
/// still stops it. Being a database row, a missed event is caught at the next resync.
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

    /// <summary>The latest cancel recorded (0 for none): a run read this before it took the lock, and stops for any later.</summary>
    public async Task<long> LatestAsync(CancellationToken ct) => (await LatestCancelAsync(ct)).Id;

    /// <summary>
    /// The stop of this node's run from now on, for any cancel after <paramref name="after"/>; dispose it when the run ends.
    /// Call <see cref="CatchUpAsync"/> next.
    /// </summary>
    public Run Begin(long after, CancellationToken ct)
    {
        var run = new Run(this, after, CancellationTokenSource.CreateLinkedTokenSource(ct));
        lock (gate) current = run;
        return run;
    }

    /// <summary>Stops the run at once for a cancel recorded since <see cref="LatestAsync"/> was read.</summary>
    public Task CatchUpAsync(CancellationToken ct) => FollowAsync(ct);

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
        var latest = await LatestCancelAsync(ct);
        if (latest.Actor is { } actor && latest.Id > local.After)
            local.Stop(actor);
    }

    async Task<(long Id, string? Actor)> LatestCancelAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<(long Id, string? Actor)>(new CommandDefinition($"""
            select id, actor from audit_events where kind = @kind order by id desc {db.Dialect.Limit("one")}
            """, new { kind = AuditKinds.ClassifierRetrainCancelled, one = 1 }, cancellationToken: ct));
    }

    internal sealed class Run(RetrainCancellation owner, long after, CancellationTokenSource stop) : IDisposable
    {
        /// <summary>The latest cancel before the run: it stops for a later one.</summary>
        public long After { get; } = after;

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
