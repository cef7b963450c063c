using System.Data.Common;
using System.Text.Json;
using Dapper;
using Desk.Api.Contacts;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Moments;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Desk.Api.Sla;

/// <summary>
/// The timer pass: finds the queries whose next SLA moment has come through the index on
/// <c>queries.sla_next_due</c> (so its cost follows what is due, not how many queries are open), oldest first, and
/// records each warning and breach once (<c>sla_events</c> is unique per clock cycle and share), on the timeline
/// and pushed; a breach escalates as the query's policy says. What fell due while the desk was down is done on the
/// next pass, in order. Safe to run on several nodes at once and twice over: each query is claimed, each event once.
/// Each query's pass is one write in the node's <see cref="GroupCommit"/>: a pass over many due queries commits them
/// together, in their own savepoints, and pushes after the commit.
/// </summary>
internal sealed partial class SlaTimers(
    DeskDb db, GroupCommit batches, QueryStore queries, TimelineStore timeline, SlaEngine engine, SlaPolicies policies, DeskNotifier notifier,
    MomentStore moments, ChatOutbox chat, OutboxSender sender, Telemetry.DeskMetrics metrics, IOptionsMonitor<SlaOptions> options,
    TimeProvider clock, ILogger<SlaTimers> logger)
{
    /// <summary>Records everything due now; returns how many warnings and breaches it recorded.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var recorded = 0;
        var batch = options.CurrentValue.SweepBatchSize;
        while (true)
        {
            var now = clock.GetUtcNow();
            IReadOnlyList<string> due;
            await using (var connection = await db.OpenAsync(ct))
                due = (await connection.QueryAsync<string>(new CommandDefinition($"""
                    select reference from queries where sla_next_due <= @now order by sla_next_due {db.Dialect.Limit("batch")}
                    """, new { now, batch }, cancellationToken: ct))).AsList();
            // All of them at once into the node's writer, which commits them together, behind the intakes waiting:
            // a transaction each would cap a storm of deadlines at the disk's commits per second and starve intake.
            var counts = await Task.WhenAll(due.Select(reference => RecordDueAsync(reference, now, ct)));
            var before = recorded;
            recorded += counts.Sum();
            // A full batch that recorded nothing was all done by another node meanwhile: the next pass looks again.
            if (due.Count < batch || recorded == before)
                break;
        }
        if (recorded > 0)
            LogRecorded(recorded);
        return recorded;
    }

    /// <summary>The earliest moment a query's clocks must be looked at again (the first entry of the index), if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "select min(sla_next_due) from queries where sla_next_due is not null", cancellationToken: ct));
    }

    async Task<int> RecordDueAsync(string reference, DateTimeOffset now, CancellationToken ct)
    {
        // The pass ends once its pushes are out (they run on the writer after the commit), so what the board and the
        // consoles show is current when it returns.
        try
        {
            var swept = await batches.WriteAndAwaitAfterCommitAsync(tx => RecordAsync(tx, reference, now), PushAsync, ct);
            return swept.Count;
        }
        catch (NotDue)
        {
            return 0;
        }
    }

    /// <summary>What one query's pass recorded, and what is pushed once its batch has committed.</summary>
    sealed record Swept(int Count, QueryRow Query, string PreviousQueue, List<Func<Task>> Pushes);

    /// <summary>Thrown inside the batch to roll the claim back to the write's savepoint, so the query's version stays.</summary>
    sealed class NotDue : Exception;

    async Task<Swept> RecordAsync(DbTransaction tx, string reference, DateTimeOffset now)
    {
        var ct = CancellationToken.None; // once in a batch, a write is stored whole (see GroupCommit)
        var pushes = new List<Func<Task>>();
        var query = await queries.ClaimAsync(tx, reference, ct);
        // Another node (or an earlier run of this job) got here first, or a change moved the moment on.
        if (query?.SlaNextDue is not { } next || next > now)
            throw new NotDue();
        var previousQueue = query.Queue;
        var recorded = 0;
        foreach (var c in await engine.RecomputeAsync(tx, query, ct))
        {
            if (c.CycleStart is not { } cycle)
                continue;
            foreach (var (share, at) in c.Crossings.Where(x => x.Value <= Instant.FromDateTimeOffset(now)).OrderBy(x => x.Key))
            {
                var breach = share >= 1.0;
                if (!await RecordOnceAsync(tx, query, c.Metric, breach, share, cycle, at, now, ct))
                    continue;
                recorded++;
                var metric = SlaEngine.Code(c.Metric);
                pushes.Add(() => Late(metric, breach, at.ToDateTimeOffset()));
                var entry = await timeline.AppendAsync(tx, query, breach ? TimelineKinds.SlaBreached : TimelineKinds.SlaWarning, "sla",
                    breach ? Words.Breach(metric) : Words.Warning(metric, share),
                    new { kind = metric, share, dueAt = (c.Due ?? at).ToDateTimeOffset(), says = breach ? "sla_breach" : "sla_warning" }, now, ct);
                var dueAt = (c.Due ?? at).ToDateTimeOffset();
                pushes.Add(() => notifier.TimelineAppendedAsync(entry, query.Queue));
                if (breach)
                {
                    // A warning is the desk's own alarm, which the user never sees: only the breach is a moment of truth (8.2.4).
                    var key = MomentKinds.SlaBreachKey(metric, share, cycle.ToUnixTimeTicks());
                    if (await moments.RecordAsync(tx, query, new MomentDraft(MomentKinds.SlaBreach, false, key, "sla"), now, ct) is { } moment)
                        pushes.Add(() => notifier.TimelineAppendedAsync(moment, query.Queue));
                    if (c.Metric == SlaMetric.FirstResponse) query.FirstResponseBreachedAt ??= now;
                    if (c.Metric == SlaMetric.Resolution) query.ResolutionBreachedAt ??= now;
                    pushes.Add(() => notifier.SlaBreachedAsync(new SlaBreach(query.Reference, query.Queue, metric, dueAt, now)));
                    await EscalateAsync(tx, query, metric, MomentKinds.EscalationKey(key), now, pushes, ct);
                }
                else
                    pushes.Add(() => notifier.SlaWarnedAsync(new SlaWarning(query.Reference, query.Queue, metric, share, dueAt, now)));
            }
        }
        query.UpdatedAt = recorded > 0 ? now : query.UpdatedAt;
        var resolutionDue = query.ResolutionDue;
        await queries.UpdateAsync(tx, query, ct);
        // An escalation that raised the priority gives the user a new time frame, on their channel.
        if (await chat.TimeFrameChangedAsync(tx, query, resolutionDue, now, ct) is { } told)
        {
            pushes.Add(() => notifier.TimelineAppendedAsync(told, query.Queue));
            pushes.Add(() => { sender.Wake(); return Task.CompletedTask; });
        }
        return new Swept(recorded, query, previousQueue, pushes);
    }

    async Task PushAsync(Swept swept)
    {
        foreach (var push in swept.Pushes)
            await push();
        if (swept.Count > 0)
            await notifier.QueryUpdatedAsync(swept.Query.ToSummary(), swept.PreviousQueue);
    }

    /// <summary>How long after its moment an event was recorded and about to be pushed (after the commit, with its pushes).</summary>
    Task Late(string metric, bool breach, DateTimeOffset moment)
    {
        metrics.TimerLag.Record(Math.Max(0, (clock.GetUtcNow() - moment).TotalSeconds),
            new KeyValuePair<string, object?>(Telemetry.DeskMetrics.Tags.SlaMetric, metric),
            new KeyValuePair<string, object?>(Telemetry.DeskMetrics.Tags.SlaEvent, breach ? "breach" : "warning"));
        return Task.CompletedTask;
    }

    async Task<bool> RecordOnceAsync(DbTransaction tx, QueryRow query, SlaMetric metric, bool breach, double share, Instant cycle,
        Instant at, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(db.Dialect.InsertIgnoringConflict("sla_events",
            "query_id, metric, kind, share, cycle_start, due_at, recorded_at", "@Id, @metric, @kind, @share, @cycle, @at, @now",
            "query_id, metric, kind, share, cycle_start"),
            new
            {
                query.Id, metric = SlaEngine.Code(metric), kind = breach ? "breach" : "warning", share,
                cycle = cycle.ToDateTimeOffset(), at = at.ToDateTimeOffset(), now,
            }, tx, cancellationToken: ct)) == 1;

    // What the query's policy says a breach sets off: a higher priority, another queue; supervisors hear of every breach.
    async Task EscalateAsync(DbTransaction tx, QueryRow query, string metric, string key, DateTimeOffset now, List<Func<Task>> pushes,
        CancellationToken ct)
    {
        var (priority, fromQueue) = (query.Priority, query.Queue);
        var serviceLevel = await ContactStore.ServiceLevelAsync(tx, query.ContactId, ct);
        var escalation = (await policies.ForAsync(query.Type, query.Priority, serviceLevel, ct)).Escalation;
        if (escalation.RaisePriority && Array.IndexOf(Priority.All, query.Priority) is > 0 and var index)
        {
            var raised = Priority.All[index - 1];
            var entry = await timeline.AppendAsync(tx, query, TimelineKinds.PriorityChanged, "sla", $"Escalated: the {metric} deadline passed.",
                new { from = query.Priority, to = raised, metric, says = "escalated" }, now, ct);
            query.Priority = raised;
            pushes.Add(() => notifier.TimelineAppendedAsync(entry, query.Queue));
        }
        if (escalation.MoveTo is { } queue && queue != query.Queue)
        {
            var entry = await timeline.AppendAsync(tx, query, TimelineKinds.QueueChanged, "sla", $"Escalated: the {metric} deadline passed.",
                new { from = query.Queue, to = queue, metric, says = "escalated" }, now, ct);
            query.Queue = queue;
            pushes.Add(() => notifier.TimelineAppendedAsync(entry, queue));
        }
        if (query.Priority != priority || query.Queue != fromQueue)
        {
            var escalated = new MomentDraft(MomentKinds.Escalation, false, key, "sla",
                $"The {metric} deadline passed: {priority} → {query.Priority}, {fromQueue} → {query.Queue}.");
            if (await moments.RecordAsync(tx, query, escalated, now, ct) is { } moment)
                pushes.Add(() => notifier.TimelineAppendedAsync(moment, query.Queue));
        }
    }

    static class Words
    {
        public static string Breach(string metric) => metric switch
        {
            "first_response" => "First response deadline missed.",
            "next_response" => "Next response deadline missed.",
            _ => "Resolution deadline missed.",
        };

        public static string Warning(string metric, double share) =>
            $"{Math.Round(share * 100)}% of the {metric.Replace('_', ' ')} time used.";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA timer pass recorded {Count} warnings and breaches")]
    partial void LogRecorded(int count);
}
