using System.Data.Common;
using Dapper;
using Desk.Api.Catalog;
using Desk.Api.Contacts;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Improvements;
using Desk.Api.Moments;
using Desk.Api.Outbox;
using Desk.Api.Overrides;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Sla;
using Desk.Api.Surveys;
using Desk.Classifier;
using Microsoft.Extensions.Options;

namespace Desk.Api.Queries;

/// <summary>
/// What agents and channels do to a query after intake: change it, and write on it. A query the caller may not
/// see is not found, so that a refusal does not tell whether the reference exists.
/// </summary>
internal sealed partial class Casework(
    DeskDb db, QueryStore queries, TimelineStore timeline, DeskNotifier notifier, QueueAccess access, ChatOutbox chat, Handoffs handoffs,
    OutboxSender sender, UserReach reach, SurveyPlan surveys, ImprovementStore improvements, MomentStore moments, OverrideStore overrides,
    WaitingQueries waiting, ReopenedAssignee reopenedAssignee, IOptionsMonitor<SlaOptions> sla, TimeProvider clock, CatalogGrants grants)
{
    /// <summary>Changes a query; with <paramref name="readVersion"/> (If-Match), only if nobody changed it since that version.</summary>
    public async Task<CaseResult> ChangeAsync(string reference, QueryPatch patch, Caller caller, long? readVersion, CancellationToken ct)
    {
        var actor = caller.Name;
        if (patch is { Status: null, Assignee: null, Priority: null, Type: null, CatalogItem: null, SlaHold: null })
            return new CaseResult.Invalid("patch", "Nothing to change: give status, assignee, priority, type, catalogItem or slaHold.");
        if (grants.Problem(patch.CatalogItem) is { } itemProblem)
            return new CaseResult.Invalid("catalogItem", itemProblem);
        if (TextRules.Problem(patch.Reason, "Reason", Limits.ReasonLength, required: false) is { } reasonProblem)
            return new CaseResult.Invalid("reason", reasonProblem);
        QueryType newType = default;
        if (patch.Type is not null && !QueryTypes.TryParse(patch.Type, out newType))
            return new CaseResult.Invalid("type", $"Type must be one of: {string.Join(", ", QueryTypes.All.Select(t => t.ToCode()))}.");
        if (patch.Type is not null && (patch.Reason is null || !TextRules.HasVisible(patch.Reason)))
            return new CaseResult.Invalid("reason", "A reclassification needs a reason: it becomes training data.");
        if (patch.Priority is not null && !Priority.All.Contains(patch.Priority))
            return new CaseResult.Invalid("priority", "Priority must be P1, P2, P3 or P4.");
        if (patch.Status is not null && !QueryStatus.All.Contains(patch.Status))
            return new CaseResult.Invalid("status", $"Status must be one of: {string.Join(", ", QueryStatus.All)}.");
        if (Overriding(patch.Override) is { Problem: { } overrideProblem } invalid)
            return new CaseResult.Invalid(invalid.Field, overrideProblem);
        var overriding = patch.Override?.Rule;
        var broken = new List<(string Rule, object Detail)>();

        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = (write.Connection, write.Transaction);
        var query = await queries.ClaimAsync(tx, reference, ct);
        if (query is null || !caller.MaySee(query.Queue))
            return new CaseResult.NotFound();
        if (readVersion > query.Version - 1)
            return new CaseResult.Invalid("If-Match", $"{query.Reference} is at version {query.Version - 1}; it never had version {readVersion}.");
        if (readVersion is { } read && read != query.Version - 1)
            return new CaseResult.Stale(query.Version - 1, await timeline.SinceAsync(tx, query, read, ct));
        // Closed is final: its numbers (priority, type, who handled it) stay as they were when it closed.
        if (query.Status == QueryStatus.Closed)
            return new CaseResult.Conflict($"{query.Reference} is closed and changes no more; submit a new query.");
        var now = clock.GetUtcNow();
        var previousQueue = query.Queue;
        var entries = new List<TimelineEntry>();
        var assignee = patch.Assignee is null ? query.Assignee : patch.Assignee.Trim() is { Length: > 0 } name ? name : null;
        var queue = patch.Type is not null ? Practice.For(newType).Queue : query.Queue;
        // Checked before anything is written: the assignee (new, or kept across a move) must work the queue it ends in.
        if (assignee is not null && (patch.Assignee is not null || queue != query.Queue))
        {
            var (role, disabled) = await StaffStore.StandingAsync(tx, assignee, ct);
            if (role is null)
                return new CaseResult.Invalid("assignee", $"No staff member is called '{assignee}'.");
            // A query kept by someone disabled since may still be moved; it is not handed to them anew.
            if (disabled && patch.Assignee is not null)
                return new CaseResult.Invalid("assignee", $"{assignee} is disabled and can no longer sign in; choose someone else.");
            if (!access.MayWork(assignee, role, queue))
            {
                if (overriding != OverrideRules.RoutingAssignment)
                    return new CaseResult.Invalid("assignee", $"{assignee} does not work the {queue} queue; to assign them anyway, "
                        + $"override {OverrideRules.RoutingAssignment} with a justification.") { Rule = OverrideRules.RoutingAssignment };
                broken.Add((OverrideRules.RoutingAssignment, new { assignee, queue }));
            }
        }
        if (patch.Priority is not null && patch.Priority != query.Priority
            && await OutsideMatrixAsync(tx, query, patch.Type is null ? null : newType, patch.Priority, ct) is { } matrix)
        {
            if (overriding != OverrideRules.PriorityMatrix)
                return new CaseResult.Invalid("priority", $"{patch.Priority} is outside the priority matrix, which gives {matrix} for this query; "
                    + $"to set it anyway, override {OverrideRules.PriorityMatrix} with a justification.") { Rule = OverrideRules.PriorityMatrix };
            broken.Add((OverrideRules.PriorityMatrix, new { matrix, priority = patch.Priority }));
        }
        // catalog.entitlement: granting an item the contact is not entitled to (Desk.Api/Catalog/CatalogGrants.cs).
        var granting = patch.CatalogItem is { } item && CatalogGrants.Changes(query, item);
        if (granting && await grants.UnentitledAsync(tx, query.ContactId, patch.CatalogItem!, ct) is { } unentitled)
        {
            if (overriding != OverrideRules.CatalogEntitlement)
                return new CaseResult.Invalid("catalogItem", $"{unentitled.Says}; to grant it anyway, override "
                    + $"{OverrideRules.CatalogEntitlement} with a justification.") { Rule = OverrideRules.CatalogEntitlement };
            broken.Add((OverrideRules.CatalogEntitlement, unentitled.Data));
        }
        var reopened = false;
        ConversationSummary? endedChat = null;
        var freed = patch.Status is not null && QueryStatus.IsOpen(query.Status) && !QueryStatus.IsOpen(patch.Status) ? query.Assignee : null;

        if (patch.Status is not null && patch.Status != query.Status)
        {
            if (!QueryStatus.CanMove(query.Status, patch.Status))
                return new CaseResult.Conflict($"A query that is {QueryStatus.Words(query.Status)} cannot become {QueryStatus.Words(patch.Status)}; it can become: {string.Join(", ", QueryStatus.From(query.Status).Select(QueryStatus.Words))}.");
            if (query.Status == QueryStatus.Resolved && patch.Status == QueryStatus.Open && query.ResolvedAt + sla.CurrentValue.ReopenWindow < now)
            {
                if (overriding != OverrideRules.ReopenWindow)
                    return new CaseResult.Conflict($"The reopen window of {sla.CurrentValue.ReopenWindow} has passed; submit a new query, "
                        + $"or override {OverrideRules.ReopenWindow} with a justification.") { Rule = OverrideRules.ReopenWindow };
                broken.Add((OverrideRules.ReopenWindow, new { window = sla.CurrentValue.ReopenWindow, resolvedAt = query.ResolvedAt }));
            }
            reopened = query.Status == QueryStatus.Resolved && patch.Status == QueryStatus.Open;
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.StatusChanged, actor, patch.Reason,
                new { from = query.Status, to = patch.Status }, now, ct));
            query.Status = patch.Status;
            query.ResolvedAt = patch.Status == QueryStatus.Resolved ? now : patch.Status == QueryStatus.Open ? null : query.ResolvedAt;
            query.ClosedAt = patch.Status == QueryStatus.Closed ? now : query.ClosedAt;
            // The user hears of it on their channel, in this transaction.
            var told = await reach.StatusChangedAsync(tx, query, patch.Status, patch.Reason, now, ct);
            if (told is not null)
                entries.Add(told);
            var toldInChat = told?.Delivery?.Channel == BotChannel.BotFrameworkChannel.ChannelName;
            if (!QueryStatus.IsOpen(patch.Status) && await handoffs.EndWithQueryAsync(tx, query, actor, toldInChat, now, ct) is { } ended)
            {
                endedChat = ended.Chat;
                entries.AddRange(ended.Entries);
            }
            // A resolution plans the survey; a reopening withdraws one not yet answered.
            if (patch.Status == QueryStatus.Resolved)
            {
                await surveys.ResolvedAsync(tx, query, now, ct);
                await MomentStore.RecoveryResolvedAsync(tx, query, actor, now, ct);
            }
            else if (patch.Status == QueryStatus.Open && await surveys.ReopenedAsync(tx, query, now, ct) is { } withdrawn)
                entries.Add(withdrawn);
            if (reopened && patch.Assignee is null && await reopenedAssignee.ReleaseIfGoneAsync(tx, query, queue, now, ct) is { } released)
            {
                entries.Add(released);
                assignee = null;
            }
        }
        if (assignee != query.Assignee)
        {
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.AssigneeChanged, actor, patch.Reason,
                new { from = query.Assignee, to = assignee }, now, ct));
            query.Assignee = assignee;
        }
        if (patch.Priority is not null && patch.Priority != query.Priority)
        {
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.PriorityChanged, actor, patch.Reason,
                new { from = query.Priority, to = patch.Priority }, now, ct));
            query.Priority = patch.Priority;
        }
        if (patch.Type is not null && (newType.ToCode() != query.Type || query.Queue == Practice.TriageQueue))
        {
            var source = query.Queue == Practice.TriageQueue ? "triage" : "reclassification";
            entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.TypeChanged, actor, patch.Reason,
                new { from = query.Type, to = newType.ToCode(), source }, now, ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into labelled_examples (text, type, source, query_id, previous_type, actor, reason, created_at)
                values (@Text, @type, @source, @Id, @previous, @actor, @reason, @now)
                """, new { query.Text, type = newType.ToCode(), source, query.Id, previous = query.Type, actor, reason = patch.Reason, now },
                tx, cancellationToken: ct));
            var previousType = query.Type;
            query.Type = newType.ToCode();
            query.Queue = Practice.For(newType).Queue;
            query.DecidedBy = "agent";
            query.Confidence = 1.0;
            // A type with a floor (a security event is at least P2, a disaster P1) raises a priority left below it; a
            // priority set in the same change is the agent's judgement, and so is one already as high.
            if (patch.Priority is null && await FloorAsync(tx, query, previousType, newType, ct) is { } floor
                && Array.IndexOf(Priority.All, floor) < Array.IndexOf(Priority.All, query.Priority))
            {
                entries.Add(await timeline.AppendAsync(tx, query, TimelineKinds.PriorityChanged, actor, $"The priority matrix gives {floor} for this type.",
                    new { from = query.Priority, to = floor, says = "priority_floor" }, now, ct));
                query.Priority = floor;
            }
            if (await improvements.RetypedAsync(tx, query, now, ct) is { } register)
                entries.Add(register);
            // A query found to be a complaint is one, once, however it got there (intake records its own the same way).
            if (newType == QueryType.Complaint && await moments.RecordAsync(tx, query,
                new MomentDraft(MomentKinds.Complaint, false, MomentKinds.Complaint, actor, patch.Reason), now, ct) is { } complaint)
                entries.Add(complaint);
        }
        if (granting)
            entries.Add(await grants.GrantAsync(tx, query, patch.CatalogItem!, actor, patch.Reason, now, ct));
        // An agent's hold on the SLA clocks (Sla/SlaHolds.cs): putting one on breaks sla.policy, lifting it does not.
        if (patch.SlaHold is { } hold)
        {
            var (refusal, held) = await SlaHolds.ChangeAsync(tx, query, hold, overriding, actor, patch.Reason, now, timeline, ct);
            if (refusal is not null)
                return refusal;
            entries.Add(held!);
            if (hold)
                broken.Add((OverrideRules.SlaPolicy, new { heldFrom = now, query.Status }));
        }
        if (overriding is not null && broken.All(b => b.Rule != overriding))
            return new CaseResult.Invalid("override", $"This change does not break {overriding}: there is nothing to override.");
        foreach (var (rule, detail) in broken)
            entries.Add(await overrides.RecordAsync(tx, query, rule, actor, patch.Override!.Justification!.Trim(), detail, now, ct));
        if (reopened && await moments.RecordAsync(tx, query, new MomentDraft(MomentKinds.Reopen, false, $"reopen:v{query.Version}", actor,
            patch.Reason), now, ct) is { } moment)
            entries.Add(moment);
        // Nothing differs from what the query is: no write, no new version (an If-Match still holds), no push.
        if (entries.Count == 0)
        {
            await tx.RollbackAsync(ct);
            query.Version--;
            return new CaseResult.Changed(query.ToSummary());
        }
        query.UpdatedAt = now;
        var resolutionDue = query.ResolutionDue;
        await queries.UpdateAsync(tx, query, ct);
        if (await chat.TimeFrameChangedAsync(tx, query, resolutionDue, now, ct) is { } timeFrame)
            entries.Add(timeFrame);
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing

        if (entries.Any(e => e.Delivery is not null))
            sender.Wake();
        var summary = query.ToSummary();
        await notifier.QueryUpdatedAsync(summary, previousQueue);
        if (endedChat is not null)
            await notifier.ConversationChangedAsync(endedChat);
        foreach (var entry in entries)
            await notifier.TimelineAppendedAsync(entry, query.Queue);
        // One open query fewer: its agent may take one that waits.
        if (freed is not null)
            await waiting.RouteAsync($"{freed} had {query.Reference} {query.Status}", ct);
        return new CaseResult.Changed(summary);
    }

    /// <summary>The override's own shape: a registered rule the desk can break, and a written justification naming it.</summary>
    static (string Field, string? Problem) Overriding(OverrideRequest? request)
    {
        if (request is null)
            return ("override", null);
        if (OverrideRules.Find(request.Rule) is not { } rule)
            return ("override.rule", $"Rule must be one of: {string.Join(", ", OverrideRules.All.Select(r => r.Name))}.");
        if (!rule.Wired)
            return ("override.rule", $"{rule.Name} cannot be overridden on the desk yet ({rule.Description}).");
        if (request.Justification is null || !TextRules.HasVisible(request.Justification))
            return ("override.justification", $"Overriding {rule.Name} needs a written justification.");
        return ("override.justification", TextRules.Problem(request.Justification, "Justification", Limits.ReasonLength));
    }

    /// <summary>
    /// The matrix's priority when <paramref name="priority"/> is two or more steps from it (P1 where it gives P3 or P4,
    /// P4 where it gives P1 or P2); null within one step, which is triage judgement rather than a broken rule.
    /// </summary>
    static async Task<string?> OutsideMatrixAsync(DbTransaction tx, QueryRow query, QueryType? newType, string priority, CancellationToken ct)
    {
        if (newType is not { } type && !QueryTypes.TryParse(query.Type, out type))
            return null;
        return await MatrixAsync(tx, query, type, ct) is { } matrix
            && Math.Abs(Array.IndexOf(Priority.All, matrix) - Array.IndexOf(Priority.All, priority)) >= 2 ? matrix : null;
    }

    /// <summary>
    /// The matrix's priority for the new type where the type itself raised it (its floor: a security event, a disaster);
    /// null where the old type got the same or higher, so a priority an agent moved within the matrix stays.
    /// </summary>
    static async Task<string?> FloorAsync(DbTransaction tx, QueryRow query, string previousType, QueryType newType, CancellationToken ct)
    {
        if (!Priority.TryParseLevel(query.Impact, out var impact) || !Priority.TryParseLevel(query.Urgency, out var urgency))
            return null;
        // One read of the service level for both: it moves the old and the new type's priority alike.
        var serviceLevel = await ContactStore.ServiceLevelAsync(tx, query.ContactId, ct);
        var matrix = Priority.Decide(newType, impact, urgency, serviceLevel);
        return !QueryTypes.TryParse(previousType, out var oldType)
            || Array.IndexOf(Priority.All, matrix) < Array.IndexOf(Priority.All, Priority.Decide(oldType, impact, urgency, serviceLevel))
            ? matrix : null;
    }

    /// <summary>The priority the matrix gives the query as this type (its impact, urgency and the contact's service level); null without impact or urgency.</summary>
    static async Task<string?> MatrixAsync(DbTransaction tx, QueryRow query, QueryType type, CancellationToken ct)
    {
        if (!Priority.TryParseLevel(query.Impact, out var impact) || !Priority.TryParseLevel(query.Urgency, out var urgency))
            return null;
        return Priority.Decide(type, impact, urgency, await ContactStore.ServiceLevelAsync(tx, query.ContactId, ct));
    }
}
