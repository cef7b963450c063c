using Desk.Api.Routing;
using Desk.Classifier;

namespace Desk.Api.Board;

/// <summary>
/// The board's aggregates for one node, kept by moving one query at a time: a change takes the query's old place out
/// of every count and puts its new place in, so its cost follows the change, never the number of open queries.
/// Built whole from the database (<see cref="BoardStore.LoadAsync"/>), then changed by <see cref="Set"/>. Not thread-safe:
/// <see cref="BoardTally"/> holds its lock around every call.
/// </summary>
/// <remarks>
/// It keeps a <see cref="BoardPlace"/> per open query, keyed by its reference read as a number, and numbers queues and
/// assignees, so that a million open queries cost tens of megabytes, not the hundreds their strings and records would.
/// </remarks>
internal sealed class BoardCounts(TimeSpan within, Attainment today)
{
    sealed class Row(string queue)
    {
        public readonly string Queue = queue;
        public int Open, AtRisk, Breached, Unassigned, Unanswered;
        // Open queries per assignee in this queue: a console's "mine" without counting the queue again.
        public readonly Dictionary<int, int> Assigned = [];
        // The unanswered queries by when they came in, oldest first. One answered, moved or gone since stays until it
        // comes to the front, where it is found out of date and dropped (as the risks below).
        public PriorityQueue<long, long> Waiting = new();
    }

    static readonly Dictionary<string, long> Prefixes = Enum.GetValues<QueryType>()
        .Select((type, i) => (Practice.For(type).Prefix, Code: (long)i + 1)).ToDictionary(p => p.Prefix, p => p.Code, StringComparer.Ordinal);

    static readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> PrefixCodes = Prefixes.GetAlternateLookup<ReadOnlySpan<char>>();

    readonly Dictionary<long, BoardPlace> open = [];
    readonly List<Row> rows = [.. Practice.Queues.Select(q => new Row(q.Queue))];
    readonly Dictionary<string, ushort> queueNumbers = Practice.Queues.Select((q, i) => (q.Queue, i))
        .ToDictionary(q => q.Queue, q => (ushort)q.i, StringComparer.Ordinal);
    readonly List<string> names = [];
    readonly Dictionary<string, int> nameNumbers = new(StringComparer.Ordinal);
    // References not of the desk's own form (PREFIX-number), numbered as they come, below zero.
    readonly Dictionary<string, long> otherKeys = new(StringComparer.Ordinal);
    readonly Dictionary<int, int> load = [];
    // The last version of each query that left the board and when, so a late push or catch-up of an older change cannot
    // bring it back; forgotten once no such push can come (Forget).
    readonly Dictionary<long, (long Version, long LeftTicks)> gone = [];
    // When each on-track query turns at risk by the passing of time; stale entries are skipped when they come up, and
    // dropped all at once when they outnumber the open queries (so the heap stays the size of the board).
    PriorityQueue<long, long> risks = new();
    readonly HashSet<ushort> changedQueues = [];
    readonly HashSet<int> changedAgents = [];
    bool todayChanged;

    public Attainment Today { get; private set; } = today;

    public int OpenCount => open.Count;

    public IEnumerable<string> Assignees => load.Keys.Select(n => names[n]);

    public int Load(string username) => nameNumbers.TryGetValue(username, out var n) ? load.GetValueOrDefault(n) : 0;

    public BoardPlace? Get(string reference) => Find(reference) is { } key && open.TryGetValue(key, out var place) ? place : null;

    /// <summary>True when the board already counted this version of the query, or a later one.</summary>
    public bool Holds(string reference, long version) => Find(reference) is { } key
        && ((open.TryGetValue(key, out var place) && place.Version >= version) || (gone.TryGetValue(key, out var left) && left.Version >= version));

    /// <summary>Moves a query to its new place on the board; null takes it off (resolved, closed).</summary>
    public void Set(string reference, OpenQuery? after, DateTimeOffset now)
    {
        if ((after is null ? Find(reference) : Key(reference)) is not { } key)
            return;
        BoardPlace? before = open.Remove(key, out var was) ? was : null;
        if (before is { } b)
        {
            Count(b, -1);
            if (after is null)
                gone[key] = (b.Version, now.UtcTicks);
        }
        if (after is not null)
            Place(key, BoardPlace.From(after, QueueNumber(after.Queue), after.Assignee is { } a ? NameNumber(a) : BoardPlace.Nobody), before, now);
    }

    /// <summary>The first warning of a clock (<c>first_response</c> or <c>resolution</c>) reached the query.</summary>
    public void Warned(string reference, string kind, DateTimeOffset now) => Flag(reference, kind switch
    {
        "first_response" => PlaceFlags.FirstResponseWarned,
        "resolution" => PlaceFlags.ResolutionWarned,
        _ => PlaceFlags.None,
    }, now);

    public void Breached(string reference, DateTimeOffset now) => Flag(reference, PlaceFlags.Breached, now);

    /// <summary>Puts at risk the queries whose nearest deadline came within the window since they were last looked at.</summary>
    public void Tick(DateTimeOffset now)
    {
        while (risks.TryPeek(out var key, out var from) && from <= now.UtcTicks)
        {
            risks.Dequeue();
            if (open.TryGetValue(key, out var place) && place.State == BoardState.OnTrack && place.StateAt(now, within) != BoardState.OnTrack)
                Restate(key, place, now);
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

    /// <summary>Today's figures as the database counts them now (which take in other nodes' answers and resolutions).</summary>
    public void Recount(Attainment today)
    {
        if (today.Day != Today.Day || today == Today)
            return;
        Today = today;
        todayChanged = true;
    }

    /// <summary>Forgets the queries that left the board before <paramref name="before"/>: no older change of theirs can come now.</summary>
    public void Forget(DateTimeOffset before)
    {
        foreach (var (key, left) in gone)
            if (left.LeftTicks < before.UtcTicks)
                gone.Remove(key);
    }

    public IReadOnlyList<QueueBoard> Queues() => [.. rows.Select(QueueRow)];

    /// <summary>Per queue, its open queries: all, nobody's, <paramref name="username"/>'s, and breached (what <c>GET /api/queues</c> shows).</summary>
    public IReadOnlyDictionary<string, Queries.OpenCounts> OpenByQueue(string username)
    {
        var name = nameNumbers.GetValueOrDefault(username, BoardPlace.Nobody);
        return rows.ToDictionary(r => r.Queue, r => new Queries.OpenCounts(r.Open, r.Unassigned, r.Assigned.GetValueOrDefault(name), r.Breached),
            StringComparer.Ordinal);
    }

    /// <summary>What changed since the last call: the queues and assignees to push again, and whether today's figures moved.</summary>
    public (IReadOnlyList<QueueBoard> Queues, IReadOnlyList<string> Agents, bool Today) TakeChanges()
    {
        var changes = ((IReadOnlyList<QueueBoard>)[.. changedQueues.Select(q => QueueRow(rows[q]))],
            (IReadOnlyList<string>)[.. changedAgents.Select(n => names[n])], todayChanged);
        changedQueues.Clear();
        changedAgents.Clear();
        todayChanged = false;
        return changes;
    }

    void Flag(string reference, PlaceFlags flag, DateTimeOffset now)
    {
        if (flag != PlaceFlags.None && Find(reference) is { } key && open.TryGetValue(key, out var place))
            Restate(key, place with { Flags = place.Flags | flag }, now);
    }

    void Restate(long key, BoardPlace place, DateTimeOffset now)
    {
        var before = open[key];
        Count(before, -1);
        Place(key, place, before, now);
    }

    void Place(long key, BoardPlace place, BoardPlace? before, DateTimeOffset now)
    {
        place = place with { State = place.StateAt(now, within) };
        open[key] = place;
        Count(place, +1);
        var row = rows[place.Queue];
        // Its entry stays good while it waits in the same queue since the same instant (PostgreSQL keeps microseconds, so a
        // row read back may say a shade earlier than the intake's own push did).
        if (place.Waiting && !(before is { Waiting: true } waited && waited.Queue == place.Queue && waited.CreatedTicks == place.CreatedTicks))
        {
            row.Waiting.Enqueue(key, place.CreatedTicks);
            if (row.Waiting.Count > 2 * row.Unanswered + 64)
                row.Waiting = Kept(row.Waiting, (k, since) => StillWaiting(k, place.Queue, since));
        }
        if (place.State == BoardState.OnTrack && place.RiskFromTicks(within) is { } from
            && (before is not { State: BoardState.OnTrack } b || b.NearestDueTicks != place.NearestDueTicks || b.Flags != place.Flags))
        {
            risks.Enqueue(key, from);
            if (risks.Count > 2 * open.Count + 1024)
                risks = Kept(risks, (k, at) => open.TryGetValue(k, out var p) && p.State == BoardState.OnTrack && p.RiskFromTicks(within) == at);
        }
    }

    bool StillWaiting(long key, ushort queue, long since) =>
        open.TryGetValue(key, out var place) && place.Queue == queue && place.Waiting && place.CreatedTicks == since;

    /// <summary>A heap of the entries that still hold: the out-of-date ones go in one pass, not one by one at the front.</summary>
    static PriorityQueue<long, long> Kept(PriorityQueue<long, long> heap, Func<long, long, bool> holds) =>
        new(heap.UnorderedItems.Where(e => holds(e.Element, e.Priority)));

    QueueBoard QueueRow(Row row)
    {
        var number = queueNumbers[row.Queue];
        // Out-of-date fronts go: answered, moved to another queue, or off the board since they were put in.
        while (row.Waiting.TryPeek(out var key, out var since) && !StillWaiting(key, number, since))
            row.Waiting.Dequeue();
        var practice = Practice.Queues.FirstOrDefault(q => q.Queue == row.Queue).Practice ?? row.Queue;
        return new QueueBoard(row.Queue, practice, row.Open, row.AtRisk, row.Breached,
            row.Waiting.TryPeek(out _, out var oldest) ? new DateTimeOffset(oldest, TimeSpan.Zero) : null);
    }

    void Count(BoardPlace place, int sign)
    {
        var row = rows[place.Queue];
        row.Open += sign;
        row.AtRisk += place.State == BoardState.AtRisk ? sign : 0;
        row.Breached += place.State == BoardState.Breached ? sign : 0;
        row.Unassigned += place.Assignee == BoardPlace.Nobody ? sign : 0;
        row.Unanswered += place.Waiting ? sign : 0;
        changedQueues.Add(place.Queue);
        if (place.Assignee != BoardPlace.Nobody)
        {
            Add(load, place.Assignee, sign);
            Add(row.Assigned, place.Assignee, sign);
            changedAgents.Add(place.Assignee);
        }
    }

    ushort QueueNumber(string queue)
    {
        if (!queueNumbers.TryGetValue(queue, out var number))
        {
            queueNumbers[queue] = number = (ushort)rows.Count;
            rows.Add(new Row(queue));
        }
        return number;
    }

    int NameNumber(string username)
    {
        if (!nameNumbers.TryGetValue(username, out var number))
        {
            nameNumbers[username] = number = names.Count;
            names.Add(username);
        }
        return number;
    }

    /// <summary>The reference as a number: its prefix's code in the top bits, its number below; others numbered apart.</summary>
    long? Find(string reference) => Parse(reference) ?? (otherKeys.TryGetValue(reference, out var key) ? key : null);

    long Key(string reference)
    {
        if (Find(reference) is { } key)
            return key;
        otherKeys[reference] = key = -1 - otherKeys.Count;
        return key;
    }

    static long? Parse(string reference)
    {
        var dash = reference.IndexOf('-');
        // "INC-012" is not "INC-12": the desk writes no leading zeros, so such a reference is numbered apart.
        return dash > 0 && dash + 1 < reference.Length && reference[dash + 1] != '0' && PrefixCodes.TryGetValue(reference.AsSpan(0, dash), out var code)
            && long.TryParse(reference.AsSpan(dash + 1), System.Globalization.NumberStyles.None, null, out var number) && number < 1L << 48
            ? code << 48 | number
            : null;
    }

    static void Add(Dictionary<int, int> counts, int key, int sign)
    {
        var now = counts.GetValueOrDefault(key) + sign;
        if (now > 0)
            counts[key] = now;
        else
            counts.Remove(key);
    }
}
