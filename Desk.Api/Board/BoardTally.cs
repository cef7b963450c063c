using System.Threading.Channels;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Microsoft.Extensions.Options;

namespace Desk.Api.Board;

/// <summary>
/// A node's live board: counts built once from the database, then moved by each change this node makes (the
/// <see cref="DeskNotifier"/> tells it, after the commit) and by the passing of time, and every
/// <c>Board:ResyncInterval</c> by the queries changed since its last read, to take in what other nodes did; read whole
/// again only each new day and every <c>Board:ReloadInterval</c>. Every move becomes a <see cref="BoardChange"/> of the
/// rows it changed, pushed in order by <see cref="BoardWatch"/>. Cold (counting nothing) until a board or a console's
/// queue list (<c>GET /api/queues</c>) first asks.
/// </summary>
internal sealed partial class BoardTally
{
    readonly Lock gate = new();
    readonly SemaphoreSlim loading = new(1, 1);
    readonly Channel<BoardChange> pushes = Channel.CreateUnbounded<BoardChange>(new() { SingleReader = true });
    readonly LinkedList<BoardFeedItem> posted = new();
    readonly BoardStore store;
    readonly BoardPresence presence;
    readonly BoardOptions options;
    readonly TimeProvider clock;
    readonly ILogger<BoardTally> logger;
    BoardCounts? counts;
    IReadOnlyDictionary<string, BoardStore.Staff> staff = new Dictionary<string, BoardStore.Staff>();
    // While a load reads the database, the moves made meanwhile, to be made again on what it read.
    List<Action<BoardCounts, DateTimeOffset>>? replay;
    DateTimeOffset loadedAt, readAt;
    long sequence;

    public BoardTally(BoardStore store, BoardPresence presence, IOptions<BoardOptions> options, TimeProvider clock, ILogger<BoardTally> logger)
    {
        (this.store, this.presence, this.options, this.clock, this.logger) = (store, presence, options.Value, clock, logger);
        presence.Changed += username =>
        {
            lock (gate)
                Emit([], [username]);
        };
    }

    /// <summary>Names this node in its pushes and snapshots, so a board can tell which pushes a snapshot holds.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("n")[..12];

    public ChannelReader<BoardChange> Pushes => pushes.Reader;

    public async Task<BoardSnapshot> SnapshotAsync(int feedSize, CancellationToken ct)
    {
        // Only a cold node (or a new day) reads before answering; the periodic re-read is BoardWatch's, and no GET waits for it.
        if (counts is not { } current || BoardStore.Today(options.Zone, clock.GetUtcNow()).Day != current.Today.Day)
            await ReloadAsync(ct);
        var feed = await store.FeedAsync(feedSize, ct);
        lock (gate)
        {
            var now = clock.GetUtcNow();
            counts!.Tick(now);
            Emit([]);
            feed = [.. feed.Concat(posted).OrderByDescending(i => i.At).Take(feedSize)];
            return new BoardSnapshot(Node, sequence, now, options.AtRiskWithin, counts.Queues(), AllAgents(counts), counts.Today, feed);
        }
    }

    /// <summary>Reads the counts now if no board has asked yet, so that what reads <see cref="QueueRows"/> finds them.</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        if (counts is null)
            await ReloadAsync(ct);
    }

    /// <summary>Each queue's row as the board counts it now; none while the tally is cold.</summary>
    public IReadOnlyList<QueueBoard> QueueRows()
    {
        lock (gate)
            return counts?.Queues() ?? [];
    }

    /// <summary>
    /// The consoles' queue counts (<c>GET /api/queues</c>), from the same counts as the board, so that showing them costs
    /// the same at any number of open queries. Only a cold node reads first; another node's changes show after its re-read.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OpenCounts>> OpenByQueueAsync(string username, CancellationToken ct)
    {
        if (counts is null)
            await ReloadAsync(ct);
        lock (gate)
            return counts!.OpenByQueue(username);
    }

    /// <summary>The passing of time: queries whose deadline came near, a new day, or the periodic re-read.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (counts is not { } current)
            return;
        if (now - loadedAt >= options.ReloadInterval || BoardStore.Today(options.Zone, now).Day != current.Today.Day)
        {
            await ReloadAsync(ct);
            return;
        }
        if (now - readAt >= options.ResyncInterval)
            await CatchUpAsync(ct);
        lock (gate)
        {
            current.Tick(now);
            Emit([]);
        }
    }

    public async Task QueryChangedAsync(QuerySummary query, bool created)
    {
        BoardFeedItem[] items = created ? [new("query_created", query.CreatedAt, query.Reference, query.Queue, MomentOfTruth: true)] : [];
        (bool, bool)? warned = null;
        // A query that comes onto the board not new (reopened, or changed on another node while this one looked away), or
        // a warned or breached one whose deadline moved (the SLA engine withdraws what the new deadline has not reached).
        if (!created && QueryStatus.IsOpen(query.Status) && counts is { } current)
        {
            bool read;
            lock (gate)
                read = current.Get(query.Reference) is { } place
                    ? place.Flagged && !current.Holds(query.Reference, query.Version) && place.DueMoved(OpenQuery.From(query, place)!)
                    : !current.Holds(query.Reference, query.Version);
            if (read)
                warned = await Safely(() => store.WarnedAsync(query.Reference, CancellationToken.None));
        }
        Apply((c, now) => Move(c, query, warned, now), items);
    }

    public void Warned(SlaWarning warning) => Apply((c, now) => c.Warned(warning.Reference, warning.Kind, now),
        [new("sla_warning", warning.At, warning.Reference, warning.Queue, warning.Kind, warning.Share)]);

    public void Breached(SlaBreach breach) => Apply((c, now) => c.Breached(breach.Reference, now),
        [new("sla_breached", breach.At, breach.Reference, breach.Queue, breach.Kind, MomentOfTruth: true)]);

    /// <summary>The user wrote, a chat was handed to a person, or a moment of truth: a feed line, no count moves.</summary>
    public void TimelineAppended(TimelineEntry entry, string queue)
    {
        if (entry.Kind == Surveys.SurveyKinds.MomentOfTruth)
        {
            if (BoardStore.MomentLine(entry.Data, entry.At, entry.Reference, queue) is { } line)
                Apply(null, [line]);
        }
        else if (BoardStore.FeedKind(entry.Kind) is { } kind and ("user_message" or "handoff_requested" or "handoff_taken" or "handoff_timed_out"))
            Apply(null, [new(kind, entry.At, entry.Reference, queue, MomentOfTruth: true)]);
        // Kept like another feature's line, so a board loading later sees it too; the board reads its counts per rule again on it.
        else if (entry.Kind == Overrides.OverrideStore.TimelineKind)
            Post(new("rule_overridden", entry.At, entry.Reference, queue, Metric: RuleOf(entry.Data)));
    }

    static string? RuleOf(System.Text.Json.JsonElement? data) =>
        data is { ValueKind: System.Text.Json.JsonValueKind.Object } d && d.TryGetProperty("rule", out var rule) ? rule.GetString() : null;

    /// <summary>Another feature's line (<see cref="BoardFeed"/>); kept on this node so that boards loading later see it too.</summary>
    public void Post(BoardFeedItem item)
    {
        lock (gate)
        {
            posted.AddFirst(item);
            while (posted.Count > options.FeedSize)
                posted.RemoveLast();
        }
        Apply(null, [item]);
    }

    void Apply(Action<BoardCounts, DateTimeOffset>? move, IReadOnlyList<BoardFeedItem> items)
    {
        lock (gate)
        {
            if (move is not null && counts is not null)
            {
                move(counts, clock.GetUtcNow());
                replay?.Add(move);
            }
            Emit(items);
        }
    }

    void Move(BoardCounts c, QuerySummary query, (bool First, bool Resolution)? warned, DateTimeOffset now)
    {
        if (c.Holds(query.Reference, query.Version))
            return; // this version (or a later one) is counted already: a late or repeated push
        var before = c.Get(query.Reference);
        var after = OpenQuery.From(query, before);
        if (after is not null && warned is { } w)
            after = after with { FirstResponseWarned = w.First, ResolutionWarned = w.Resolution, Breached = query.SlaState == "breached" };
        if (before is not null)
        {
            var (day, from, to) = BoardStore.Today(options.Zone, now);
            bool Today(DateTimeOffset at) => day == c.Today.Day && at >= from && at < to;
            if (before is { Answered: false } && query.FirstRespondedAt is { } answered && Today(answered))
                c.FirstResponded(answered <= query.FirstResponseDue);
            if (after is null && query.ResolvedAt is { } resolved && Today(resolved))
                c.Resolved(resolved <= query.ResolutionDue);
        }
        c.Set(query.Reference, after, now);
    }

    /// <summary>Sends what the counts say changed (under the lock, so pushes leave in the order of the moves).</summary>
    void Emit(IReadOnlyList<BoardFeedItem> items, IEnumerable<string>? agents = null)
    {
        var (queues, assignees, today) = counts?.TakeChanges() ?? ([], [], false);
        var names = assignees.Concat(agents ?? []).Distinct();
        Change(queues, counts is null ? [] : [.. names.Select(Agent)], today ? counts!.Today : null, items);
    }

    void Change(IReadOnlyList<QueueBoard> queues, IReadOnlyList<AgentBoard> agents, Attainment? today, IReadOnlyList<BoardFeedItem> items)
    {
        if (queues.Count > 0 || agents.Count > 0 || today is not null || items.Count > 0)
            pushes.Writer.TryWrite(new BoardChange(Node, ++sequence, queues, agents, today, items));
    }

    IReadOnlyList<AgentBoard> AllAgents(BoardCounts c) =>
        [.. c.Assignees.Union(presence.Online).Order(StringComparer.Ordinal).Select(Agent)];

    AgentBoard Agent(string username) => Agent(username, staff.GetValueOrDefault(username));

    AgentBoard Agent(AgentBoard gone) => gone with { Online = presence.IsOnline(gone.Username), Open = counts?.Load(gone.Username) ?? 0 };

    AgentBoard Agent(string username, BoardStore.Staff? member) =>
        new(username, member?.DisplayName ?? username, member?.Role ?? "", presence.IsOnline(username), counts?.Load(username) ?? 0);

    async Task<T?> Safely<T>(Func<Task<T>> read) where T : struct
    {
        try
        {
            return await read();
        }
        catch (Exception e)
        {
            LogReadFailed(e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The board could not read a query's warnings; the next re-read corrects it")]
    partial void LogReadFailed(Exception exception);
}
