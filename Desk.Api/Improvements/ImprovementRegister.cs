using Dapper;
using Desk.Api.Audit;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Desk.Api.Surveys;
using Desk.Bot;
using Desk.Classifier;

namespace Desk.Api.Improvements;

/// <summary>
/// Supervisors move entries of the register along and name their owners; the user who raised an entry hears of each change
/// of its status on their channel, in the same transaction (Table 8.5: progress visible to those who gave the feedback).
/// An entry a supervisor raised from an override's review tells no user: the audit log records its moves.
/// </summary>
internal sealed class ImprovementRegister(
    DeskDb db, ImprovementStore store, QueryStore queries, UserReach reach, OutboxSender sender, DeskNotifier notifier, TimeProvider clock)
{
    public async Task<ImprovementResult> ChangeAsync(long id, ImprovementPatch patch, Caller caller, CancellationToken ct)
    {
        if (patch is { Status: null, Owner: null, Note: null })
            return new ImprovementResult.Invalid("patch", "Nothing to change: give status, owner or note.");
        if (patch.Status is not null && !ImprovementStatus.All.Contains(patch.Status))
            return new ImprovementResult.Invalid("status", $"Status must be one of: {string.Join(", ", ImprovementStatus.All)}.");
        if (TextRules.Problem(patch.Note, "Note", Limits.ReasonLength, required: false) is { } noteProblem)
            return new ImprovementResult.Invalid("note", noteProblem);
        if (TextRules.Problem(patch.Owner, "Owner", Limits.NameLength, required: false) is { } ownerProblem)
            return new ImprovementResult.Invalid("owner", ownerProblem);

        var now = clock.GetUtcNow();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        if (await store.ClaimAsync(tx, id, ct) is not { } row || !caller.MaySee(row.Queue))
            return new ImprovementResult.NotFound();
        if (patch.Owner is { } owner)
        {
            var name = owner.Trim();
            if (name.Length > 0 && await tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
                    "select count(*) from staff where username = @name and disabled_at is null", new { name }, tx, cancellationToken: ct)) == 0)
                return new ImprovementResult.Invalid("owner", $"No active staff member is called '{name}'.");
            row.Owner = name.Length > 0 ? name : null;
        }
        var changed = patch.Status is not null && patch.Status != row.Status;
        if (changed && !ImprovementStatus.CanMove(row.Status, patch.Status!))
            return new ImprovementResult.Conflict(
                $"An entry that is {row.Status} cannot become {patch.Status}; it can become: {string.Join(", ", ImprovementStatus.From(row.Status))}.");
        // The note goes with a status: a new status without one leaves none.
        if (patch.Note is not null)
            row.Note = TextRules.HasVisible(patch.Note) ? patch.Note.Trim() : null;
        else if (changed)
            row.Note = null;
        TimelineEntry? told = null;
        QueryRow? query = null;
        if (changed)
        {
            await AuditLog.RecordAsync(tx, AuditKinds.ImprovementStatusChanged, caller.Name, $"improvement:{id}",
                $"{row.Status} to {patch.Status}" + (row.Note is null ? "." : $": {row.Note}"), now, ct);
            (row.Status, row.StatusChangedAt) = (patch.Status!, now);
            query = await queries.GetAsync(tx, row.QueryId, ct);
            // The user hears of what they raised: their survey comment, their suggestion while the query still is one (retyped
            // after its entry was decided, the register goes on untold). A proposal from an override's review is the staff's own.
            var theirs = row.Source switch
            {
                ImprovementSources.Survey => true,
                ImprovementSources.Query => query.Type == QueryType.ImprovementSuggestion.ToCode(),
                _ => false,
            };
            if (theirs && await reach.FindAsync(tx, query, ct) is { } via)
                told = await reach.SayAsync(tx, via, query, ImprovementWords.StatusChanged(via.Language, row), null, now, ct);
        }
        row.UpdatedAt = now;
        await store.SaveAsync(tx, row, ct);
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        if (told is not null)
        {
            sender.Wake();
            await notifier.TimelineAppendedAsync(told, query!.Queue);
        }
        return new ImprovementResult.Changed(row.ToView());
    }
}

internal abstract record ImprovementResult
{
    public sealed record Changed(Improvement Improvement) : ImprovementResult;

    public sealed record NotFound : ImprovementResult;

    public sealed record Invalid(string Field, string Message) : ImprovementResult;

    public sealed record Conflict(string Message) : ImprovementResult;
}

/// <summary>What the originator of an entry is told of its progress, in English and Chinese.</summary>
internal static class ImprovementWords
{
    public static string StatusChanged(BotLanguage l, ImprovementRow row)
    {
        var quoted = TextCut.Shorten(row.Text, 80);
        var note = row.Note is null ? "" : (l == BotLanguage.Chinese ? "：" : ": ") + row.Note.TrimEnd('.');
        return l == BotLanguage.Chinese
            ? $"您的建议（{row.Reference}）“{quoted}”现在的状态是：{Chinese(row.Status)}{note}。谢谢您帮助我们改进。"
            : $"Your suggestion ({row.Reference}) \"{quoted}\" is now {English(row.Status)}{note}. Thank you for helping us improve.";
    }

    static string English(string status) => status switch
    {
        ImprovementStatus.Accepted => "accepted",
        ImprovementStatus.Planned => "planned",
        ImprovementStatus.Done => "done",
        ImprovementStatus.Declined => "declined",
        _ => "under review",
    };

    static string Chinese(string status) => status switch
    {
        ImprovementStatus.Accepted => "已采纳",
        ImprovementStatus.Planned => "已列入计划",
        ImprovementStatus.Done => "已完成",
        ImprovementStatus.Declined => "未采纳",
        _ => "审核中",
    };
}
