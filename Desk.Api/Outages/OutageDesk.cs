using System.Data.Common;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Surveys;
using Desk.Bot;

namespace Desk.Api.Outages;

/// <summary>
/// What staff do with a major outage: declare it, link the queries it causes, tell all their users at once on the
/// channel each last used, and resolve it (with its queries, if asked). Declaring is any staff member's act: the
/// agent who sees the pattern first should not wait for a supervisor (8.2.3: quick recovery, honest communication).
/// Each call is one transaction; a query the caller may not see is reported as not found.
/// </summary>
internal sealed class OutageDesk(
    DeskDb db, OutageStore store, QueryStore queries, TimelineStore timeline, UserReach reach, SurveyPlan surveys, OutboxSender sender,
    QueueAccess access, DeskNotifier notifier, TimeProvider clock)
{
    public async Task<OutageSummary> DeclareAsync(DeclareOutage request, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outage = request with { Title = request.Title!.Trim(), Description = request.Description!.Trim(), Service = Blank(request.Service) };
        await using var write = await db.BeginWriteAsync(ct);
        var id = await store.DeclareAsync(write.Transaction, outage, caller.Name, now, ct);
        await AuditLog.RecordAsync(write.Transaction, AuditKinds.OutageDeclared, caller.Name, $"outage:{id}", outage.Title, now, ct);
        var views = await ViewsAsync(write.Transaction, id, caller, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync();
        await PushAsync(views, []);
        return views.Caller;
    }

    public async Task<OutageOutcome<LinkReport>> LinkAsync(long id, IReadOnlyList<string> references, bool tellUsers, Caller caller,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pushes = new List<(TimelineEntry, string)>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.ClaimAsync(tx, id, ct) is not { } outage)
            return new OutageOutcome<LinkReport>.NotFound();
        if (outage.Status != OutageStatus.Declared)
            return new OutageOutcome<LinkReport>.Conflict($"Outage {id} is resolved; declare a new one.");
        var items = new List<LinkOutcome>();
        var told = new Told();
        foreach (var reference in references.Distinct(StringComparer.Ordinal))
        {
            var query = await queries.ClaimAsync(tx, reference, ct);
            if (query is null || !caller.MaySee(query.Queue))
                items.Add(new LinkOutcome(reference, "not_found"));
            else if (query.Status == QueryStatus.Closed)
                items.Add(new LinkOutcome(reference, "closed"));
            else if (!await store.LinkAsync(tx, id, query.Id, caller.Name, now, ct))
                items.Add(new LinkOutcome(reference, "already_linked"));
            else
            {
                items.Add(new LinkOutcome(reference, "linked"));
                pushes.Add((await timeline.AppendAsync(tx, query, TimelineKinds.OutageLinked, caller.Name, outage.Title,
                    new { outage = id, title = outage.Title }, now, ct), query.Queue));
                if (tellUsers && QueryStatus.IsOpen(query.Status))
                    await TellOneAsync(tx, query, l => BotNotices.OutageLinked(l, query.Reference, outage.Title), told, pushes, ct);
            }
        }
        var views = await ViewsAsync(tx, id, caller, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync();
        await PushAsync(views, pushes);
        return new OutageOutcome<LinkReport>.Done(new LinkReport(views.Caller, items, tellUsers ? told.Report() : null));
    }

    public async Task<OutageOutcome<OutageSummary>> UnlinkAsync(long id, string reference, Caller caller, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.ClaimAsync(tx, id, ct) is not { } outage)
            return new OutageOutcome<OutageSummary>.NotFound();
        var query = await queries.ClaimAsync(tx, reference, ct);
        if (query is null || !caller.MaySee(query.Queue) || !await store.UnlinkAsync(tx, id, query.Id, ct))
            return new OutageOutcome<OutageSummary>.NotFound();
        var entry = await timeline.AppendAsync(tx, query, TimelineKinds.OutageUnlinked, caller.Name, outage.Title,
            new { outage = id, title = outage.Title }, clock.GetUtcNow(), ct);
        var views = await ViewsAsync(tx, id, caller, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync();
        await PushAsync(views, [(entry, query.Queue)]);
        return new OutageOutcome<OutageSummary>.Done(views.Caller);
    }

    /// <summary>One message per open linked query the caller may see, to its user on the channel they last used.</summary>
    public async Task<OutageOutcome<NoticeReport>> NoticeAsync(long id, Translated text, Caller caller, CancellationToken ct)
    {
        var pushes = new List<(TimelineEntry, string)>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.ClaimAsync(tx, id, ct) is not { } outage)
            return new OutageOutcome<NoticeReport>.NotFound();
        if (outage.Status != OutageStatus.Declared)
            return new OutageOutcome<NoticeReport>.Conflict($"Outage {id} is resolved; its users were told when it was.");
        var report = await TellAsync(tx, id, text, caller, pushes, ct);
        var views = await ViewsAsync(tx, id, caller, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync();
        await PushAsync(views, pushes);
        return new OutageOutcome<NoticeReport>.Done(report);
    }

    /// <summary>
    /// Resolves the outage; with <see cref="ResolveOutage.ResolveQueries"/>, also each open linked query the caller may
    /// see (whatever its step in the lifecycle: the outage was its cause), telling its user the resolution.
    /// </summary>
    public async Task<OutageOutcome<ResolveReport>> ResolveAsync(long id, ResolveOutage request, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var resolution = Blank(request.Resolution);
        var pushes = new List<(TimelineEntry, string)>();
        var changed = new List<(QuerySummary Summary, string Previous)>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.ClaimAsync(tx, id, ct) is not { } outage)
            return new OutageOutcome<ResolveReport>.NotFound();
        if (outage.Status != OutageStatus.Declared)
            return new OutageOutcome<ResolveReport>.Conflict($"Outage {id} is resolved already.");
        var notice = new NoticeReport([], []);
        var resolved = new List<string>();
        if (request.ResolveQueries)
        {
            notice = await TellAsync(tx, id, new Translated(resolution ?? $"{outage.Title}: resolved.", request.Translations), caller, pushes, ct);
            foreach (var reference in await store.LinkedReferencesAsync(tx, id, ct))
            {
                var query = (await queries.ClaimAsync(tx, reference, ct))!;
                if (!caller.MaySee(query.Queue) || !QueryStatus.IsOpen(query.Status))
                    continue;
                pushes.Add((await timeline.AppendAsync(tx, query, TimelineKinds.StatusChanged, caller.Name, resolution ?? outage.Title,
                    new { from = query.Status, to = QueryStatus.Resolved, outage = id }, now, ct), query.Queue));
                (query.Status, query.ResolvedAt, query.UpdatedAt) = (QueryStatus.Resolved, now, now);
                await surveys.ResolvedAsync(tx, query, now, ct);
                await queries.UpdateAsync(tx, query, ct);
                changed.Add((query.ToSummary(), query.Queue));
                resolved.Add(reference);
            }
        }
        await store.ResolveAsync(tx, id, caller.Name, resolution, now, ct);
        await AuditLog.RecordAsync(tx, AuditKinds.OutageResolved, caller.Name, $"outage:{id}",
            $"{resolved.Count} queries resolved{(resolution is null ? "" : ": " + resolution)}", now, ct);
        var views = await ViewsAsync(tx, id, caller, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync();
        foreach (var (query, previous) in changed)
            await notifier.QueryUpdatedAsync(query, previous);
        await PushAsync(views, pushes);
        return new OutageOutcome<ResolveReport>.Done(new ResolveReport(views.Caller, resolved, notice));
    }

    async Task<NoticeReport> TellAsync(DbTransaction tx, long id, Translated text, Caller caller, List<(TimelineEntry, string)> pushes,
        CancellationToken ct)
    {
        var told = new Told();
        foreach (var reference in await store.LinkedReferencesAsync(tx, id, ct))
        {
            var query = (await queries.ClaimAsync(tx, reference, ct))!;
            if (caller.MaySee(query.Queue) && QueryStatus.IsOpen(query.Status))
                await TellOneAsync(tx, query, l => $"{reference}: {text.In(l)}", told, pushes, ct);
        }
        return told.Report();
    }

    /// <summary>Tells the query's user, on the channel they last used, in their language.</summary>
    async Task TellOneAsync(DbTransaction tx, QueryRow query, Func<BotLanguage, string> words, Told told, List<(TimelineEntry, string)> pushes,
        CancellationToken ct)
    {
        if (await reach.FindAsync(tx, query, ct) is not { } via)
        {
            told.Unreachable.Add(query.Reference);
            return;
        }
        pushes.Add((await reach.SayAsync(tx, via, query, words(via.Language), null, clock.GetUtcNow(), ct), query.Queue));
        told.Reached.Add(query.Reference);
    }

    sealed class Told
    {
        public List<string> Reached { get; } = [];
        public List<string> Unreachable { get; } = [];

        public NoticeReport Report() => new(Reached, Unreachable);
    }

    /// <summary>
    /// The outage as the caller, the agents' consoles and the supervisors' see it: each counts only the linked queries
    /// in queues it may see, so that a count does not tell an agent of a security event linked to the outage.
    /// </summary>
    async Task<OutageViews> ViewsAsync(DbTransaction tx, long id, Caller caller, CancellationToken ct)
    {
        var all = await store.GetAsync(tx, id, null, ct);
        var unrestricted = access.Unrestricted();
        var agents = await store.GetAsync(tx, id, [.. unrestricted], ct);
        // Most callers are supervisors (all) or agents of the unrestricted queues: their view is read already.
        var mine = caller.Queues is null ? all
            : caller.Queues.SetEquals(unrestricted) ? agents
            : await store.GetAsync(tx, id, [.. caller.Queues], ct);
        return new OutageViews(mine, agents, all);
    }

    sealed record OutageViews(OutageSummary Caller, OutageSummary Agents, OutageSummary Supervisors);

    async Task PushAsync(OutageViews outage, IReadOnlyList<(TimelineEntry Entry, string Queue)> entries)
    {
        if (entries.Any(e => e.Entry.Delivery is not null))
            sender.Wake();
        await notifier.OutageChangedAsync(outage.Agents, outage.Supervisors);
        foreach (var (entry, queue) in entries)
            await notifier.TimelineAppendedAsync(entry, queue);
    }

    static string? Blank(string? text) => text is not null && TextRules.HasVisible(text) ? text.Trim() : null;
}

internal abstract record OutageOutcome<T>
{
    public sealed record Done(T Value) : OutageOutcome<T>;

    public sealed record NotFound : OutageOutcome<T>;

    public sealed record Conflict(string Message) : OutageOutcome<T>;
}

/// <summary>A notice to users: its text, and the same in other languages the desk speaks (<c>en</c>, <c>zh</c>).</summary>
internal sealed record Translated(string Text, IReadOnlyDictionary<string, string?>? Translations = null)
{
    public string In(BotLanguage language) =>
        Translations?.GetValueOrDefault(language == BotLanguage.Chinese ? "zh" : "en") is { } translated && TextRules.HasVisible(translated)
            ? translated.Trim() : Text.Trim();
}
