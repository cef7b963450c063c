using System.Diagnostics;

namespace Desk.Api.Board;

/// <summary>The tally's reads of the database: whole (<see cref="ReloadAsync"/>) and what changed since the last read (<see cref="CatchUpAsync"/>).</summary>
internal sealed partial class BoardTally
{
    // How far before its last read a catch-up looks: a change is stamped when its transaction began and seen once it
    // commits, and nodes' clocks differ a little. What it reads again that the board holds already is skipped by version.
    static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    async Task ReloadAsync(CancellationToken ct)
    {
        await loading.WaitAsync(ct);
        try
        {
            if (counts is not null && clock.GetUtcNow() - loadedAt < options.ReloadInterval
                && BoardStore.Today(options.Zone, clock.GetUtcNow()).Day == counts.Today.Day)
                return; // another caller just did
            lock (gate)
                replay = [];
            var now = clock.GetUtcNow();
            var started = Stopwatch.GetTimestamp();
            (BoardCounts Counts, IReadOnlyDictionary<string, BoardStore.Staff> Staff) fresh;
            try
            {
                fresh = await store.LoadAsync(options, now, ct);
                LogReloaded(fresh.Counts.OpenCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch
            {
                lock (gate)
                    replay = null;
                throw;
            }
            lock (gate)
            {
                (IReadOnlyList<QueueBoard> Queues, IReadOnlyList<AgentBoard> Agents, Attainment Today)? shown =
                    counts is null ? null : (counts.Queues(), AllAgents(counts), counts.Today);
                foreach (var move in replay!)
                    move(fresh.Counts, now);
                fresh.Counts.TakeChanges();
                (counts, staff, loadedAt, readAt, replay) = (fresh.Counts, fresh.Staff, now, now, null);
                if (shown is { } old)
                {
                    // Only what the re-read corrected: another node's changes, a push this node missed.
                    var agents = AllAgents(counts);
                    Change([.. counts.Queues().Except(old.Queues)],
                        [.. agents.Except(old.Agents), .. old.Agents.Where(a => agents.All(n => n.Username != a.Username)).Select(a => Agent(a))],
                        counts.Today == old.Today ? null : counts.Today, []);
                }
            }
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>
    /// Takes in the queries changed since the last read (another node's work, a push this node missed): each moves to
    /// its place unless the board holds that version or a later one. Costs what changed, not what is open.
    /// </summary>
    async Task CatchUpAsync(CancellationToken ct)
    {
        await loading.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (counts is null || now - readAt < options.ResyncInterval)
                return;
            var started = Stopwatch.GetTimestamp();
            var current = counts;
            // Each row moves as it is read, under the lock for that row alone: a catch-up never holds every change at once.
            var read = await store.ChangedSinceAsync(readAt - Overlap, options, now, (reference, version, place) =>
            {
                lock (gate)
                    if (!current.Holds(reference, version))
                        current.Set(reference, place, now);
            }, ct);
            lock (gate)
            {
                current.Recount(read.Today);
                current.Forget(now - 2 * Overlap);
                (staff, readAt) = (read.Staff, now);
                Emit([]);
            }
            LogCaughtUp(read.Read, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            loading.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The board re-read {Open} open queries in {Milliseconds:F1} ms")]
    partial void LogReloaded(int open, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The board took in {Changed} changed queries in {Milliseconds:F1} ms")]
    partial void LogCaughtUp(int changed, double milliseconds);
}
