using Desk.Api.Routing;

namespace Desk.Api.Board;

/// <summary>
/// The board's aggregates for one node, kept by moving one query at a time: a change takes the query's old place out
/// of every count and puts its new place in, so its cost follows the change, never the number of open queries.
/// Built whole from the database (<see cref="BoardStore.LoadAsync"/>), then changed by <see cref="Set"/>. Not thread-safe:
/// <see cref="BoardTally"/> holds its lock around every call.
/// </summary>
internal sealed class BoardCounts(TimeSpan within, Attainment today)
{
    sealed class Row
    {
        public int Open, AtRisk, Breached, Unassigned;
        // Open queries per assignee in this queue: a console's "mine" without counting the queue again.
        public readonly Dictionary<string, int> Assigned = new(StringComparer.Ordinal);
        public readonly SortedSet<(DateTimeOffset Since, string Reference)> Waiting = new();
    }

    readonly Dictionary<string, (OpenQuery Query, BoardState State)> open = new(StringComparer.Ordinal);
    readonly Dictionary<string, Row> queues = Practice.Queues.ToDictionary(q => q.Queue, _ => new Row(), StringComparer.Ordinal);
    readonly Dictionary<string, int> load = new(StringComparer.Ordinal);
    // The last version of each query that left the board, so a late push of an older change cannot bring it back.
    readonly Dictionary<string, long> gone = new(StringComparer.Ordinal);
    // When each on-track query turns at risk by the passing of time; stale entries are skipped when they come up.
    readonly PriorityQueue<string, DateTimeOffset> risks = new();
    readonly HashSet<string> changedQueues = new(StringComparer.Ordinal);
    readonly HashSet<string> changedAgents = new(StringComparer.Ordinal);
    bool todayChanged;

    public Attainment Today { get; private set; } = today;

    public int OpenCount => open.Count;

    public IEnumerable<string> Assignees => load.Keys;

    public int Load(string username) => load.GetValueOrDefault(username);

    public OpenQuery? Get(string reference) => open.TryGetValue(reference, out var entry) ? entry.Query : null;

    /// <summary>True when the board already counted this version of the query, or a later one.</summary>
    public bool Holds(string reference, long version) =>
        (open.TryGetValue(reference, out var entry) && entry.Query.Version >= version)
        || (gone.TryGetValue(reference, out var left) && left >= version);

    /// <summary>Moves a query to its new place on the board; null takes it off (resolved, closed).</summary>
    public void Set(string reference, OpenQuery? after, DateTimeOffset now)
    {
        if (open.Remove(reference, out var before))
        {
            Count(reference, before.Query, before.State, -1);
            if (after is null)
                gone[reference] = before.Query.Version;
        }
        if (after is null)
            return;
        var state = after.StateAt(now, within);
        open[reference] = (after, state);
        Count(reference, after, state, +1);
        if (state == BoardState.OnTrack && after.RiskFrom(within) is { } from)
            risks.Enqueue(reference, from);
    }

    /// <summary>Puts at risk the queries whose nearest deadline came within the window since they were last looked at.</summary>
    public void Tick(DateTimeOffset now)
    {
        while (risks.TryPeek(out var reference, out var from) && from <= now)
        {
            risks.Dequeue();
            if (open.TryGetValue(reference, out var entry) && entry.State == BoardState.OnTrack && entry.Query.StateAt(now, within) != BoardState.OnTrack)
                Set(reference, entry.Query, now);
        }
    }

    public void FirstResponded(bool met)
    {
        Today = Today with { FirstResponses = Today.FirstResponses + 1, FirstResponsesMet = Today.FirstResponsesMet + (met ? 1 : 0) };
        todayChanged = true;
    }

    public void Resolved(bool met)
    {
        Today = Today with { Resolutions = Today.Resolutions + 1, ResolutionsMet = Today.ResolutionsMet + (met ? 1 : 0) };
        todayChanged = true;
    }

    public IReadOnlyList<QueueBoard> Queues() => queues.Keys.Select(QueueRow).ToList();

    /// <summary>Per queue, its open queries: all, nobody's, <paramref name="username"/>'s, and breached (what <c>GET /api/queues</c> shows).</summary>
    public IReadOnlyDictionary<string, Queries.OpenCounts> OpenByQueue(string username) => queues.ToDictionary(
        q => q.Key, q => new Queries.OpenCounts(q.Value.Open, q.Value.Unassigned, q.Value.Assigned.GetValueOrDefault(username), q.Value.Breached),
        StringComparer.Ordinal);

    /// <summary>What changed since the last call: the queues and assignees to push again, and whether today's figures moved.</summary>
    public (IReadOnlyList<QueueBoard> Queues, IReadOnlyList<string> Agents, bool Today) TakeChanges()
    {
        var changes = (changedQueues.Select(QueueRow).ToList(), (IReadOnlyList<string>)changedAgents.ToList(), todayChanged);
        changedQueues.Clear();
        changedAgents.Clear();
        todayChanged = false;
        return changes;
    }

    QueueBoard QueueRow(string queue)
    {
        var row = queues[queue];
        var practice = Practice.Queues.FirstOrDefault(q => q.Queue == queue).Practice ?? queue;
        return new QueueBoard(queue, practice, row.Open, row.AtRisk, row.Breached, row.Waiting.Count == 0 ? null : row.Waiting.Min.Since);
    }

    void Count(string reference, OpenQuery query, BoardState state, int sign)
    {
        if (!queues.TryGetValue(query.Queue, out var row))
            queues[query.Queue] = row = new Row();
        row.Open += sign;
        row.AtRisk += state == BoardState.AtRisk ? sign : 0;
        row.Breached += state == BoardState.Breached ? sign : 0;
        row.Unassigned += query.Assignee is null ? sign : 0;
        if (query.WaitingSince is { } since)
        {
            if (sign > 0)
                row.Waiting.Add((since, reference));
            else
                row.Waiting.Remove((since, reference));
        }
        changedQueues.Add(query.Queue);
        if (query.Assignee is { } assignee)
        {
            Add(load, assignee, sign);
            Add(row.Assigned, assignee, sign);
            changedAgents.Add(assignee);
        }
    }

    static void Add(Dictionary<string, int> counts, string key, int sign)
    {
        var now = counts.GetValueOrDefault(key) + sign;
        if (now > 0)
            counts[key] = now;
        else
            counts.Remove(key);
    }
}
