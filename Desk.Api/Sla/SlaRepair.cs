using System.Globalization;
using Dapper;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Outbox;
using Desk.Api.Queries;
using Desk.Api.Realtime;

namespace Desk.Api.Sla;

/// <summary>
/// Rebuilds every open query's agreed time frames from its timeline ("SLA repair"): after a policy or calendar
/// changes, or to mend deadlines written by an older version. Each query in its own short transaction, so the desk
/// keeps taking queries meanwhile. A query whose deadlines moved says so on its timeline, the user in its chat is told
/// the new time frame, and the console is told of it.
/// </summary>
internal sealed partial class SlaRepair(
    DeskDb db, QueryStore queries, TimelineStore timeline, ChatOutbox chat, OutboxSender sender, DeskNotifier notifier, TimeProvider clock,
    ILogger<SlaRepair> logger)
{
    const int Batch = 500;

    /// <summary>Returns how many open queries it looked at and how many of them changed.</summary>
    public async Task<(int Checked, int Changed)> RunAsync(SlaChange cause, CancellationToken ct)
    {
        var (looked, changed) = (0, 0);
        long after = 0;
        while (true)
        {
            IReadOnlyList<string> references;
            await using (var connection = await db.OpenAsync(ct))
            {
                var page = (await connection.QueryAsync<(long Id, string Reference)>(new CommandDefinition($"""
                    select id, reference from queries where status <> 'closed' and id > @after order by id {db.Dialect.Limit("batch")}
                    """, new { after, batch = Batch }, cancellationToken: ct))).AsList();
                if (page.Count == 0)
                    break;
                after = page[^1].Id;
                references = page.Select(p => p.Reference).ToList();
            }
            foreach (var reference in references)
            {
                looked++;
                if (await RepairAsync(reference, cause, ct) is not { } repaired)
                    continue;
                changed++;
                if (repaired.Entries.Any(e => e.Delivery is not null))
                    sender.Wake();
                await notifier.QueryUpdatedAsync(repaired.Summary, repaired.Summary.Queue);
                foreach (var entry in repaired.Entries)
                    await notifier.TimelineAppendedAsync(entry, repaired.Summary.Queue);
            }
        }
        LogRepaired(looked, changed);
        return (looked, changed);
    }

    sealed record Repaired(QuerySummary Summary, IReadOnlyList<TimelineEntry> Entries);

    async Task<Repaired?> RepairAsync(string reference, SlaChange cause, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        // Claimed, so that two runs at once (a change's own and an admin's) queue up and the second finds nothing moved.
        var query = await queries.ClaimAsync(write.Transaction, reference, ct);
        if (query is null)
            return null;
        var before = (query.FirstResponseDue, query.ResolutionDue, query.NextResponseDue, query.SlaPaused, query.SlaNextDue, query.SlaDue);
        await queries.UpdateAsync(write.Transaction, query, ct);
        if (before == (query.FirstResponseDue, query.ResolutionDue, query.NextResponseDue, query.SlaPaused, query.SlaNextDue, query.SlaDue))
            return null; // nothing moved: leave it, the rollback undoes the write
        var moved = new (string Kind, DateTimeOffset? From, DateTimeOffset? To)[]
            {
                ("first_response", before.FirstResponseDue, query.FirstResponseDue), ("next_response", before.NextResponseDue, query.NextResponseDue),
                ("resolution", before.ResolutionDue, query.ResolutionDue),
            }
            .Where(m => m.To is not null && m.From != m.To).ToList();
        var entries = new List<TimelineEntry>();
        if (moved.Count > 0)
        {
            var now = clock.GetUtcNow();
            var told = string.Join("; ", moved.Select(m => $"{m.Kind.Replace('_', ' ')} by {Utc(m.To)}, was {Utc(m.From)}"));
            entries.Add(await timeline.AppendAsync(write.Transaction, query, TimelineKinds.SlaChanged, "sla",
                $"Agreed time frame changed ({cause.Words}): {told}.",
                new
                {
                    cause = cause.Cause, subject = cause.Subject, moved = moved.Select(m => new { kind = m.Kind, from = m.From, to = m.To }),
                    says = "sla_changed",
                }, now, ct));
            if (await chat.TimeFrameChangedAsync(write.Transaction, query, before.ResolutionDue, now, ct) is { } notice)
                entries.Add(notice);
        }
        await write.CommitAsync(ct);
        return new Repaired(query.ToSummary(), entries);
    }

    static string Utc(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "none";

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA repair looked at {Checked} open queries; {Changed} had their time frames rebuilt")]
    partial void LogRepaired(int @checked, int changed);
}

/// <summary>Why the time frames are rebuilt: a policy or a calendar changed (<paramref name="Subject"/> names it), or an admin's repair.</summary>
internal sealed record SlaChange(string Cause, string? Subject)
{
    public static SlaChange Policy(string subject) => new("policy", subject);
    public static SlaChange Calendar(string name) => new("calendar", name);
    public static readonly SlaChange Repair = new("repair", null);

    public string Words => Cause switch
    {
        "policy" => $"SLA policy {Subject} changed",
        "calendar" => $"business calendar {Subject} changed",
        _ => "SLA repair",
    };
}
