using System.Text.Json;
using Dapper;
using Desk.Api.BotChannel;
using Desk.Api.Data;
using Desk.Api.Queries;
using Desk.Bot;

namespace Desk.Api.Portal;

internal abstract record PortalWrite
{
    public sealed record Written(PortalEntry Entry) : PortalWrite;

    public sealed record NotFound : PortalWrite;

    public sealed record Closed : PortalWrite;
}

/// <summary>
/// A contact's queries as the contact sees them, from every channel. The timeline is a whitelist: the user's and the
/// desk's messages to each other, and status changes (the new status only, not the staff's words about it).
/// </summary>
internal sealed class PortalQueries(DeskDb db, QueryStore queries, TimelineStore timeline, ChatCasework casework, TimeProvider clock)
{
    public const string ChannelName = "portal";
    const int PreviewLength = 140;
    const string RecoveryAuthor = "survey";

    public async Task<IReadOnlyList<PortalQuery>> ListAsync(long contactId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<QueryRow>(new CommandDefinition("""
            select reference, subject, text, type, status, channel, created_at, updated_at, first_response_due, resolution_due, resolved_at,
                submitted_by, language
            from queries where contact_id = @contactId
            order by updated_at desc, id desc
            """, new { contactId }, cancellationToken: ct));
        return [.. rows.Select(Summary)];
    }

    public async Task<PortalQueryDetail?> GetAsync(long contactId, string reference, CancellationToken ct)
    {
        if (await queries.GetAsync(reference, ct) is not { } query || query.ContactId != contactId)
            return null;
        var entries = await timeline.ListAsync(query.Id, query.Reference, withInternal: false, ct);
        // A recovery query is the desk's own, opened after a low score: its text is the staff's brief, not the user's words.
        var desks = query.SubmittedBy == RecoveryAuthor;
        string? mergedInto = null;
        if (query.MergedIntoId is { } survivor)
        {
            await using var connection = await db.OpenAsync(ct);
            mergedInto = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select reference from queries where id = @survivor and contact_id = @contactId", new { survivor, contactId }, cancellationToken: ct));
        }
        return new PortalQueryDetail(Summary(query), desks ? FollowUp(query) : query.Text, desks ? "desk" : "you",
            casework.TakesFollowUps(query, clock.GetUtcNow()),
            [.. entries.Select(Visible).OfType<PortalEntry>()], mergedInto);
    }

    public async Task<PortalWrite> WriteAsync(long contactId, string reference, string text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var after = new List<Func<Task>>();
        await using var write = await db.BeginWriteAsync(ct);
        var tx = write.Transaction;
        // Ownership first, so another contact's reference is not even claimed (its version stays as it was).
        var owned = await tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from queries where reference = @reference and contact_id = @contactId", new { reference, contactId }, tx, cancellationToken: ct));
        if (owned is null || await queries.ClaimAsync(tx, reference, ct) is not { } query)
            return new PortalWrite.NotFound();
        if (!casework.TakesFollowUps(query, now))
            return new PortalWrite.Closed();
        await casework.UserWroteAsync(tx, query, text, ChannelName, ChannelName, "The user wrote in the portal.", now, after, ct);
        var entryId = await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            "select max(id) from timeline_entries where query_id = @Id and kind = @kind", new { query.Id, kind = TimelineKinds.MessageIn },
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        foreach (var push in after)
            await push();
        return new PortalWrite.Written(new PortalEntry(entryId, "message", "you", text, null, now));
    }

    static string FollowUp(QueryRow q) => q.Language == "zh"
        ? "我们开立此问题，以跟进您在评价中告诉我们的情况。我们的团队会与您联系。"
        : "We opened this to follow up on what you told us in your feedback. Our team will be in touch.";

    // A recovery query's subject and text are the staff's brief ("Recovery for SEC-1008: CSAT 1 of 5"): the user reads the desk's words.
    static PortalQuery Summary(QueryRow q)
    {
        var desks = q.SubmittedBy == RecoveryAuthor;
        var subject = !desks ? q.Subject : q.Language == "zh" ? "跟进您的评价" : "Following up on your feedback";
        return new(q.Reference, subject, Preview(desks ? FollowUp(q) : q.Text), q.Type, q.Status, q.Channel, q.CreatedAt, q.UpdatedAt,
            q.FirstResponseDue, q.ResolutionDue, q.ResolvedAt);
    }

    static string Preview(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return TextCut.Shorten(flat, PreviewLength, "…");
    }

    /// <summary>Whether the portal lists this entry: the one whitelist, for the timeline it shows and for what it is told live.</summary>
    public static bool Shows(TimelineEntry e) => Visible(e) is not null;

    static PortalEntry? Visible(TimelineEntry e) => e.Kind switch
    {
        TimelineKinds.MessageIn => new PortalEntry(e.Id, "message", "you", e.Body, null, e.At),
        TimelineKinds.MessageOut or TimelineKinds.BotMessage => new PortalEntry(e.Id, "message", "desk", e.Body, null, e.At),
        TimelineKinds.StatusChanged when e.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("to", out var to)
            && to.ValueKind == JsonValueKind.String => new PortalEntry(e.Id, "status", null, null, to.GetString(), e.At),
        _ => null,
    };
}
