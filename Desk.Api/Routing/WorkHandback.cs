using Dapper;
using Desk.Api.Conversations;
using Desk.Api.Data;
using Desk.Api.Queries;

namespace Desk.Api.Routing;

/// <summary>
/// What a member holds goes back when they can no longer work it: disabled, every open query and live chat; moved to a
/// role that does not work a queue, what they hold there. Open queries return to their queue unassigned, live chats to
/// the live queue for the next person, each on its timeline.
/// </summary>
internal sealed class WorkHandback(DeskDb db, Casework casework, Handoffs handoffs, QueueAccess access)
{
    /// <summary><paramref name="role"/>: the member's role now, or null when they were disabled.</summary>
    public async Task<(int Queries, int Chats)> HandBackAsync(string username, string? role, string actor, CancellationToken ct)
    {
        IReadOnlyList<(string Reference, string Queue)> queries;
        IReadOnlyList<(long Id, string Queue)> chats;
        await using (var connection = await db.OpenAsync(ct))
        {
            queries = (await connection.QueryAsync<(string, string)>(new CommandDefinition(
                "select reference, queue from queries where assignee = @username and status not in ('resolved', 'closed')",
                new { username }, cancellationToken: ct))).AsList();
            chats = (await connection.QueryAsync<(long, string)>(new CommandDefinition("""
                select c.id, q.queue from conversations c join queries q on q.id = c.query_id
                where c.state = @live and c.agent = @username
                """, new { live = ConversationStates.Live, username }, cancellationToken: ct))).AsList();
        }
        bool Leaves(string queue) => role is null || !access.MayWork(username, role, queue);

        var desk = Caller.Desk(actor);
        var (handedQueries, handedChats) = (0, 0);
        foreach (var (reference, queue) in queries.Where(q => Leaves(q.Queue)))
        {
            var reason = role is null ? $"{username} was disabled." : $"{username} no longer works the {queue} queue.";
            if (await casework.ChangeAsync(reference, new QueryPatch(null, "", null, null, reason), desk, null, ct) is CaseResult.Changed)
                handedQueries++;
        }
        foreach (var (id, _) in chats.Where(c => Leaves(c.Queue)))
            if (await handoffs.ReturnToQueueAsync(id, username, actor, ct))
                handedChats++;
        return (handedQueries, handedChats);
    }
}
