using System.Collections.Concurrent;
using System.Reflection;
using Dapper;
using Desk.Api.Data;

namespace Desk.Api.Audit;

public sealed record AuditEvent(long Id, string Kind, string? Actor, string? Subject, string? ClientAddress, string? Detail, DateTimeOffset CreatedAt);

/// <summary>What an admin may want to know happened to accounts, keys, articles, policies and the like. Never a password or a key secret.</summary>
internal static class AuditKinds
{
    public const string SignInLocked = "sign_in_locked";
    public const string SignInThrottled = "sign_in_throttled";
    public const string ApiKeyThrottled = "api_key_throttled";
    public const string SignedOut = "signed_out";
    public const string PasswordChanged = "password_changed";
    public const string StaffCreated = "staff_created";
    public const string StaffChanged = "staff_changed";
    public const string ApiKeyIssued = "api_key_issued";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ArticleCreated = "article_created";
    public const string ArticleChanged = "article_changed";
    public const string ArticleDeleted = "article_deleted";
    public const string SlaPolicyChanged = "sla_policy_changed";
    public const string SlaCalendarChanged = "sla_calendar_changed";
    public const string AgentQueuesChanged = "agent_queues_changed";
    public const string QueueRestrictionChanged = "queue_restriction_changed";
    public const string QueryMerged = "query_merged";
    public const string OutageDeclared = "outage_declared";
    public const string OutageResolved = "outage_resolved";
    public const string ContactMerged = "contact_merged";
    public const string ContactUnmerged = "contact_unmerged";
    public const string ContactErased = "contact_erased";
    public const string ContactExported = "contact_exported";
    public const string OverrideReviewed = "override_reviewed";
    public const string ImprovementStatusChanged = "improvement_status_changed";
    public const string ClassifierExamplesImported = "classifier_examples_imported";
    public const string ClassifierRetrained = "classifier_retrained";
    public const string ClassifierRetrainCancelled = "classifier_retrain_cancelled";
    public const string ClassifierImportRemoved = "classifier_import_removed";
    public const string ClassifierModelActivated = "classifier_model_activated";

    // Every constant above, so that no kind the desk writes is one an admin cannot filter by.
    public static readonly string[] All = typeof(AuditKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();
}

internal sealed class AuditLog(DeskDb db, TimeProvider clock)
{
    // A throttled caller may be refused thousands of times a minute; one event per caller and window is enough.
    static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);
    readonly ConcurrentDictionary<string, DateTimeOffset> lastRepeatable = new();

    public async Task RecordAsync(string kind, string? actor, string? subject, HttpContext? http, string? detail, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into audit_events (kind, actor, subject, client_address, detail, created_at)
            values (@kind, @actor, @subject, @address, @detail, @now)
            """, new { kind, actor, subject, address = http?.Connection.RemoteIpAddress?.ToString(), detail, now = clock.GetUtcNow() },
            cancellationToken: ct));
    }

    /// <summary>Records the event in the caller's transaction, so that it is kept if and only if what it tells of is.</summary>
    public static Task RecordAsync(System.Data.Common.DbTransaction tx, string kind, string actor, string subject, string? detail,
        DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into audit_events (kind, actor, subject, client_address, detail, created_at)
            values (@kind, @actor, @subject, null, @detail, @now)
            """, new { kind, actor, subject, detail, now }, tx, cancellationToken: ct));

    /// <summary>Records the event unless the same kind for the same subject was recorded within the last minute.</summary>
    public async Task RecordOncePerWindowAsync(string kind, string? actor, string subject, HttpContext http, string? detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = kind + "|" + subject;
        if (lastRepeatable.TryGetValue(key, out var last) && now - last < RepeatWindow)
            return;
        // Many addresses each refused once would otherwise grow this without end.
        if (lastRepeatable.Count > 10_000)
            foreach (var stale in lastRepeatable.Where(e => now - e.Value >= RepeatWindow))
                lastRepeatable.TryRemove(stale.Key, out _);
        lastRepeatable[key] = now;
        await RecordAsync(kind, actor, subject, http, detail, ct);
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(long? after, int limit, string? kind, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition($"""
            select id, kind, actor, subject, client_address, detail, created_at
            from audit_events
            where (@kind is null or kind = @kind) and (@after is null or id < @after)
            order by id desc
            {db.Dialect.Limit("limit")}
            """, new { kind, after, limit }, cancellationToken: ct));
        return rows.Select(r => new AuditEvent(r.Id, r.Kind, r.Actor, r.Subject, r.ClientAddress, r.Detail, r.CreatedAt)).ToList();
    }

    sealed class EventRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string? Actor { get; init; }
        public string? Subject { get; init; }
        public string? ClientAddress { get; init; }
        public string? Detail { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
