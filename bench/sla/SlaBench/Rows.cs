using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Desk.Bench.Sla;

/// <summary>
/// Writes queries straight into a desk's SQLite file, shaped as the desk stores them (a timeline to replay, deadlines
/// from the shipped 24×7 policies, instants as fixed-width UTC text), with statements prepared once.
/// </summary>
internal sealed class Rows : IDisposable
{
    // The shipped policies (database/sqlite/0010_sla_engine.sql), round the clock.
    public static readonly TimeSpan P1FirstResponse = TimeSpan.FromMinutes(15), P1Resolution = TimeSpan.FromHours(4);
    public static readonly TimeSpan P4FirstResponse = TimeSpan.FromHours(8), P4Resolution = TimeSpan.FromDays(5);

    readonly SqliteCommand query, entry, warning;

    public Rows(SqliteConnection connection, SqliteTransaction tx)
    {
        query = Prepare(connection, tx, """
            insert into queries (reference, type, queue, status, priority, impact, urgency, channel, contact_id, subject, text,
                decided_by, confidence, created_at, updated_at, first_response_due, resolution_due, first_responded_at, sla_next_due)
            values ($reference, 'incident', 'incident-management', 'new', $priority, 'low', 'low', 'web', $contact, 'Bench query',
                'The bench wrote this query.', 'model', 0.9, $created, $created, $first_due, $resolution_due, $responded, $next)
            returning id
            """);
        entry = Prepare(connection, tx, """
            insert into timeline_entries (query_id, kind, actor, body, created_at) values ($query, $kind, $actor, $body, $at)
            """);
        warning = Prepare(connection, tx, """
            insert into sla_events (query_id, metric, kind, share, cycle_start, due_at, recorded_at)
            values ($query, 'first_response', 'warning', $share, $cycle, $at, $at)
            """);
    }

    /// <summary>A query taken at <paramref name="created"/>, answered at <paramref name="responded"/> if at all.</summary>
    public long Query(string reference, string priority, long contact, DateTimeOffset created, TimeSpan firstResponse, TimeSpan resolution,
        DateTimeOffset? responded, DateTimeOffset? nextDue)
    {
        Set(query, ("$reference", reference), ("$priority", priority), ("$contact", contact), ("$created", At(created)),
            ("$first_due", At(created + firstResponse)), ("$resolution_due", At(created + resolution)),
            ("$responded", responded is { } r ? At(r) : null), ("$next", nextDue is { } n ? At(n) : null));
        var id = (long)query.ExecuteScalar()!;
        Entry(id, "created", "intake", null, created);
        if (responded is { } answered)
            Entry(id, "message_out", "agent", "On it.", answered);
        return id;
    }

    /// <summary>A first-response warning already recorded, as the timer pass records it.</summary>
    public void Warning(long id, double share, DateTimeOffset cycle, DateTimeOffset at)
    {
        Set(warning, ("$query", id), ("$share", share), ("$cycle", At(cycle)), ("$at", At(at)));
        warning.ExecuteNonQuery();
    }

    void Entry(long id, string kind, string actor, string? body, DateTimeOffset at)
    {
        Set(entry, ("$query", id), ("$kind", kind), ("$actor", actor), ("$body", body), ("$at", At(at)));
        entry.ExecuteNonQuery();
    }

    public void Dispose()
    {
        query.Dispose();
        entry.Dispose();
        warning.Dispose();
    }

    /// <summary>
    /// <paramref name="open"/> open P4 queries, answered, whose next SLA moment (75% of the resolution time) is spread
    /// evenly from 1 h to 3.5 days from <paramref name="now"/>; among them, spread through the table, <paramref name="pool"/>
    /// unanswered P4 queries taken 6.5 h ago, whose 75% first-response warning is 30 min overdue, left out of the timer's
    /// index (no sla_next_due) until <see cref="Arm"/> puts them in. One transaction; returns the pool's ids.
    /// </summary>
    public static (IReadOnlyList<(long Id, DateTimeOffset Warning)> Pool, double Seconds) Seed(string db, int open, int pool, DateTimeOffset now)
    {
        var watch = Stopwatch.StartNew();
        using var connection = Open(db);
        Execute(connection, "pragma journal_mode = memory; pragma synchronous = off;");
        var armed = new List<(long, DateTimeOffset)>();
        using (var tx = connection.BeginTransaction())
        {
            using var contact = Prepare(connection, tx,
                "insert into contacts (display_name, service_level, created_at) values ($name, 'standard', $at) returning id");
            var contacts = new long[Math.Clamp(open / 10, 1, 10_000)];
            for (var i = 0; i < contacts.Length; i++)
            {
                Set(contact, ("$name", $"Bench contact {i}"), ("$at", At(now.AddDays(-30))));
                contacts[i] = (long)contact.ExecuteScalar()!;
            }
            using var rows = new Rows(connection, tx);
            var random = new Random(9);
            var total = open + pool;
            var every = Math.Max(1, total / Math.Max(1, pool));
            for (var i = 0; i < total; i++)
            {
                var owner = contacts[i % contacts.Length];
                if (armed.Count < pool && i % every == every / 2)
                {
                    var taken = now - TimeSpan.FromHours(6.5);
                    armed.Add((rows.Query($"BENCH-{i}", "P4", owner, taken, P4FirstResponse, P4Resolution, null, null), taken + P4FirstResponse * 0.75));
                    continue;
                }
                var next = now + TimeSpan.FromHours(1) + (TimeSpan.FromDays(3.5) - TimeSpan.FromHours(1)) * random.NextDouble();
                var created = next - P4Resolution * 0.75;
                rows.Query($"BENCH-{i}", "P4", owner, created, P4FirstResponse, P4Resolution, created + TimeSpan.FromHours(1), next);
            }
            tx.Commit();
        }
        Execute(connection, "pragma journal_mode = wal;");
        return (armed, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Puts pool queries in the timer's index at their overdue warning: the next pass finds them due.</summary>
    public static void Arm(string db, IEnumerable<(long Id, DateTimeOffset Warning)> queries)
    {
        using var connection = Open(db);
        using var tx = connection.BeginTransaction();
        using var arm = Prepare(connection, tx, "update queries set sla_next_due = $at where id = $id");
        foreach (var (id, at) in queries)
        {
            Set(arm, ("$id", id), ("$at", At(at)));
            arm.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection($"Data Source={db};Default Timeout=30;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// As the desk's instants reach SQLite: a UTC DateTimeOffset parameter, which Microsoft.Data.Sqlite writes as
    /// "yyyy-MM-dd HH:mm:ss.FFFFFFF+00:00" (Dapper sends DateTimeOffset through its own type map, not the desk's
    /// UtcInstantHandler), so that the pass's and the engine's comparisons of these texts hold.
    /// </summary>
    public static DateTimeOffset At(DateTimeOffset instant) => instant.ToUniversalTime();

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
                command.Parameters[name].Value = value ?? DBNull.Value;
            else
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
