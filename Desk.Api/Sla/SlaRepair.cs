using Dapper;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Api.Realtime;

namespace Desk.Api.Sla;

/// <summary>
/// Rebuilds every open query's agreed time frames from its timeline ("SLA repair"): after a policy or calendar
/// changes, or to mend deadlines written by an older version. Each query in its own short transaction, so the desk
/// keeps taking queries meanwhile; the console is told of each query whose deadlines moved.
/// </summary>
internal sealed partial class SlaRepair(DeskDb db, QueryStore queries, DeskNotifier notifier, ILogger<SlaRepair> logger)
{
    const int Batch = 500;

    /// <summary>Returns how many open queries it looked at and how many of them changed.</summary>
    public async Task<(int Checked, int Changed)> RunAsync(CancellationToken ct)
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
                if (await RepairAsync(reference, ct) is { } summary)
                {
                    changed++;
                    await notifier.QueryUpdatedAsync(summary, summary.Queue);
                }
            }
        }
        LogRepaired(looked, changed);
        return (looked, changed);
    }

    async Task<QuerySummary?> RepairAsync(string reference, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var query = await queries.GetAsync(write.Transaction, reference, ct);
        if (query is null)
            return null;
        var before = (query.FirstResponseDue, query.ResolutionDue, query.NextResponseDue, query.SlaPaused, query.SlaNextDue, query.SlaDue);
        await queries.UpdateAsync(write.Transaction, query, ct);
        if (before == (query.FirstResponseDue, query.ResolutionDue, query.NextResponseDue, query.SlaPaused, query.SlaNextDue, query.SlaDue))
            return null; // nothing moved: leave it, the rollback undoes the write
        await write.CommitAsync(ct);
        return query.ToSummary();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA repair looked at {Checked} open queries; {Changed} had their time frames rebuilt")]
    partial void LogRepaired(int @checked, int changed);
}
