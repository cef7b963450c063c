using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Desk.Api.Data;

/// <summary>
/// One writer per node that stores many requests' writes in one transaction ("group commit"): it takes everything
/// waiting (up to <see cref="DatabaseOptions.GroupCommitLimit"/>), runs each write in its own savepoint, commits once,
/// answers every waiting request, and only then runs each write's after-commit step (pushes) in the order stored.
/// A write that throws is rolled back to its savepoint and fails alone; when the commit fails the whole batch fails
/// and nothing of it is stored. A request cancelled before its batch began stores nothing; once taken, it is stored
/// whole. Each batch takes the engine's write gate (<see cref="DeskDb.BeginWriteAsync(DbConnection, CancellationToken)"/>)
/// like every other writer and, on engines with row locks, the batch lock (<see cref="ISqlDialect.BatchLock"/>), so the
/// batches of several nodes never deadlock on each other's rows.
/// Requests come first: a batch takes every request's write waiting (up to the limit), then background writes
/// (<see cref="WriteLane.Background"/>, the SLA timer pass) as <see cref="LaneCosts"/> gives them room: a storm of
/// deadlines neither holds up intake nor waits for it forever.
/// </summary>
internal sealed partial class GroupCommit(DeskDb db, IOptions<DatabaseOptions> options, ILogger<GroupCommit> logger) : IAsyncDisposable
{
    const string Savepoint = "one_write";

    readonly Channel<PendingWrite> pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    readonly Queue<PendingWrite> behind = new(); // background writes read from the channel, not yet taken; the writer's own
    readonly LaneCosts costs = new(); // the writer's own
    readonly Lock starting = new();
    Task? writer;
    long batches;
    int waiting; // a single-reader channel cannot count

    /// <summary>Writes handed in and not yet taken into a batch.</summary>
    public int Waiting => Volatile.Read(ref waiting) + behind.Count;

    /// <summary>Batches committed since start-up.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>
    /// Runs <paramref name="write"/> in the next batch and returns its result once that batch has committed;
    /// <paramref name="afterCommit"/> then runs on the writer, in commit order, never awaited by the caller.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbTransaction, Task<T>> write, Func<T, Task> afterCommit, CancellationToken ct,
        WriteLane lane = WriteLane.Request) => Enqueue(new PendingWrite<T>(write, afterCommit, ct) { Lane = lane });

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, but the result comes once <paramref name="afterCommit"/> has run too: for a
    /// background pass that should not end before its pushes are out. A request's answer never waits on a push.
    /// </summary>
    public Task<T> WriteAndAwaitAfterCommitAsync<T>(Func<DbTransaction, Task<T>> write, Func<T, Task> afterCommit,
        CancellationToken ct, WriteLane lane = WriteLane.Background) =>
        Enqueue(new PendingWrite<T>(write, afterCommit, ct) { Lane = lane, AnswerAfterCommit = true });

    Task<T> Enqueue<T>(PendingWrite<T> item)
    {
        StartWriter();
        Interlocked.Increment(ref waiting);
        if (!pending.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref waiting);
            throw new ObjectDisposedException(nameof(GroupCommit), "The desk is shutting down.");
        }
        return item.Result;
    }

    // Started on first use rather than as a hosted service: start-up (demo seeding) writes before hosted services run.
    void StartWriter()
    {
        if (Volatile.Read(ref writer) is not null)
            return;
        lock (starting)
            writer ??= Task.Run(WriteBatchesAsync);
    }

    async Task WriteBatchesAsync()
    {
        var limit = options.Value.GroupCommitLimit;
        var batch = new List<PendingWrite>(limit);
        DbConnection? connection = null; // the writer's own, kept open: its statements stay compiled
        while (behind.Count > 0 || await pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            Exception? failed = null;
            var taken = false;
            for (var attempt = 1; failed is null; attempt++)
            {
                var committing = false;
                try
                {
                    connection ??= await db.OpenKeptAsync(CancellationToken.None);
                    await using var write = await db.BeginWriteAsync(connection, CancellationToken.None);
                    if (db.Dialect.BatchLock is { } one)
                        await connection.ExecuteAsync(new CommandDefinition(one, transaction: write.Transaction));
                    if (!taken)
                    {
                        Take(batch, limit);
                        taken = true;
                    }
                    await StoreEachAsync(write.Transaction, batch);
                    committing = true;
                    await write.CommitAsync(CancellationToken.None);
                    Interlocked.Increment(ref batches);
                    break;
                }
                catch (Exception e)
                {
                    // Not SQLite's busy or locked file: no server restarts under its connection, and a second try would
                    // only wait out the busy timeout again.
                    var broken = connection is { State: not ConnectionState.Open } || (DatabaseUnreachable.Is(e) && e is not SqliteException);
                    if (connection is not null)
                        await connection.DisposeAsync(); // the next try opens a fresh one, in case the fault was the connection's
                    connection = null;
                    // The kept connection may have died while idle (a database restart ends it with 57P01), which no
                    // client library knows until it next uses it: a batch that failed so before its COMMIT was sent
                    // stored nothing, so it runs once more on a fresh connection. One whose COMMIT was sent may have
                    // committed before the connection broke, and running it again could store every write twice: it fails.
                    if (attempt == 1 && !committing && broken)
                        LogBatchRetried(e.Message, batch.Count);
                    else
                        failed = e;
                }
            }
            if (failed is not null)
            {
                if (!taken)
                    Take(batch, limit); // the transaction did not even begin: fail those it was for, and count them
                LogBatchFailed(failed, batch.Count);
                foreach (var item in batch)
                    item.Fail(failed);
                continue;
            }
            foreach (var item in batch)
                item.Answer();
            foreach (var item in batch)
                await item.AfterCommitAsync(logger);
        }
        if (connection is not null)
            await connection.DisposeAsync();
    }

    void Take(List<PendingWrite> batch, int limit)
    {
        while (batch.Count < limit && pending.Reader.TryRead(out var item))
        {
            Interlocked.Decrement(ref waiting);
            if (item.Lane == WriteLane.Background)
                behind.Enqueue(item);
            else if (item.TakeTurn())
                batch.Add(item);
        }
        for (var room = costs.BackgroundRoom(batch.Count, limit); room > 0 && behind.TryDequeue(out var item); room--)
            if (item.TakeTurn())
                batch.Add(item);
    }

    // Writes run one after another on the batch's connection; none sees a half of another.
    async Task StoreEachAsync(DbTransaction tx, List<PendingWrite> batch)
    {
        var (requests, requestTicks, backgrounds, backgroundTicks) = (0, 0L, 0, 0L);
        foreach (var item in batch.Where(i => !i.Failed)) // a write refused alone in a try that failed stays refused
        {
            var started = Stopwatch.GetTimestamp();
            await StoreAsync(tx, item);
            var took = Stopwatch.GetTimestamp() - started;
            if (item.Lane == WriteLane.Request)
                (requests, requestTicks) = (requests + 1, requestTicks + took);
            else
                (backgrounds, backgroundTicks) = (backgrounds + 1, backgroundTicks + took);
        }
        costs.Record(WriteLane.Request, requests, requestTicks);
        costs.Record(WriteLane.Background, backgrounds, backgroundTicks);
    }

    static async Task StoreAsync(DbTransaction tx, PendingWrite item)
    {
        await tx.SaveAsync(Savepoint);
        try
        {
            await item.RunAsync(tx);
            await tx.ReleaseAsync(Savepoint);
        }
        catch (Exception e)
        {
            await tx.RollbackAsync(Savepoint);
            await tx.ReleaseAsync(Savepoint);
            item.Fail(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        if (writer is { } running)
            await running; // what was handed in before shutdown is still stored and answered
    }

    abstract class PendingWrite
    {
        public WriteLane Lane { get; init; }

        public bool Failed { get; protected set; }

        /// <summary>False when the request gave up before its batch began: then it is not written at all.</summary>
        public abstract bool TakeTurn();

        public abstract Task RunAsync(DbTransaction tx);

        public abstract void Answer();

        public abstract void Fail(Exception e);

        public abstract Task AfterCommitAsync(ILogger logger);
    }

    sealed class PendingWrite<T>(Func<DbTransaction, Task<T>> write, Func<T, Task> afterCommit, CancellationToken ct) : PendingWrite
    {
        readonly TaskCompletionSource<T> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        T? result;

        public Task<T> Result => answer.Task;

        public override bool TakeTurn()
        {
            if (!ct.IsCancellationRequested)
                return true;
            answer.TrySetCanceled(ct);
            return false;
        }

        public override async Task RunAsync(DbTransaction tx) => result = await write(tx);

        public bool AnswerAfterCommit { get; init; }

        public override void Answer()
        {
            if (!AnswerAfterCommit)
                answer.TrySetResult(result!);
        }

        public override void Fail(Exception e)
        {
            Failed = true;
            answer.TrySetException(e);
        }

        public override async Task AfterCommitAsync(ILogger logger)
        {
            if (Failed)
                return;
            try
            {
                await afterCommit(result!);
            }
            catch (Exception e)
            {
                LogAfterCommitFailed(logger, e);
            }
            finally
            {
                if (AnswerAfterCommit)
                    answer.TrySetResult(result!);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} writes failed; none of them was stored")]
    partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A batch of {Count} writes lost its database connection before committing ({Reason}); trying it once more on a new one")]
    partial void LogBatchRetried(string reason, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A step after a batch's commit failed")]
    static partial void LogAfterCommitFailed(ILogger logger, Exception exception);
}
