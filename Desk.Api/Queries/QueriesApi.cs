using System.Security.Claims;
using Desk.Api.Conversations;
using Desk.Api.Identity;
using Desk.Api.Queues;
using Desk.Api.Routing;
using Desk.Classifier;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Desk.Api.Queries;

/// <summary>The desk's front door for queries: submit, read, write on, and change them.</summary>
internal static class QueriesApi
{
    public static RouteGroupBuilder MapQueries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queries").WithTags("Queries");
        group.MapPost("/", SubmitAsync).RequireAuthorization(Policies.Intake).AddEndpointFilter<Telemetry.IntakeTiming>();
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadQueries);
        group.MapGet("/{reference}", GetAsync).RequireAuthorization(Policies.ReadQueries);
        group.MapPost("/{reference}/messages", WriteAsync).RequireAuthorization(Policies.Intake);
        group.MapPatch("/{reference}", ChangeAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/queues", QueuesAsync).WithTags("Queries").RequireAuthorization(Policies.ReadQueries);
        return group;
    }

    static async Task<Results<Created<QueryReceipt>, Ok<QueryReceipt>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitQuery request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        Intake intake, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = intake.Validate(request);
        if (idempotencyKey is { Length: 0 or > 200 })
            errors["Idempotency-Key"] = ["Idempotency-Key must be 1 to 200 characters."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return await intake.SubmitAsync(request, user.Identity!.Name!, user.FindFirstValue(ApiKeyAuthentication.KeyNameClaim), idempotencyKey, ct) switch
        {
            IntakeResult.Created(var receipt) => TypedResults.Created($"/api/queries/{receipt.Reference}", receipt),
            IntakeResult.Replayed(var receipt) => TypedResults.Created($"/api/queries/{receipt.Reference}", receipt),
            _ => TypedResults.Problem(title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different request.", statusCode: StatusCodes.Status409Conflict),
        };
    }

    /// <summary>
    /// Only queries of queues the caller may see; asking for another queue gives an empty page. Pages by
    /// <paramref name="offset"/> in either sort, or by the <paramref name="after"/> cursor newest first; total counts
    /// the queries that match the filters, up to 10,000 past the offset (<c>totalCapped</c>: more match). See <see cref="ListFilters"/> for the filters.
    /// </summary>
    static async Task<Results<Ok<QueryPage>, ValidationProblem>> ListAsync(
        QueryStore queries, QueueAccess access, ClaimsPrincipal user, string? queue, string? status, string? type, string? priority, string? assignee, string? channel,
        string? language, string? sla, string? q, string? sort, string? after, int? offset, int? limit, CancellationToken ct)
    {
        var filters = new ListFilters(queue, status, type, priority, assignee, channel, language, sla, q, sort);
        var errors = filters.Problems();
        filters = filters.Normalised();
        if (limit is < 1 or > 200) errors["limit"] = ["Limit must be from 1 to 200."];
        if (offset is < 0 or > MostSkipped) errors["offset"] = [$"Offset must be from 0 to {MostSkipped}."];
        long? cursor = null;
        if (after is not null)
        {
            if (!long.TryParse(after, out var id) || id <= 0) errors["after"] = ["The cursor is not one this API gave out."];
            else if (filters.Sort is not ListFilters.Newest) errors["after"] = ["The cursor pages the newest sort only (sort=newest); page the urgency sort by offset."];
            else if (offset is not null) errors["after"] = ["Page by the cursor or by offset, not both."];
            else cursor = id;
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var size = limit ?? 50;
        var (rows, total, capped) = await queries.ListAsync(filters.For(access.For(user), cursor, offset ?? 0, size + 1), ct);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size && filters.Sort is ListFilters.Newest ? page[^1].Id.ToString() : null;
        return TypedResults.Ok(new QueryPage(page.Select(r => r.ToSummary()).ToList(), next, total, offset ?? 0, capped));
    }

    const int MostSkipped = 1_000_000;

    /// <summary>A query the caller may not see is not found; internal notes are for staff only.</summary>
    static async Task<Results<Ok<QueryDetail>, ProblemHttpResult>> GetAsync(
        string reference, QueryStore queries, TimelineStore timeline, ConversationStore conversations, QueueAccess access,
        ClaimsPrincipal user, HttpResponse response, TimeProvider clock, CancellationToken ct)
    {
        var caller = access.For(user);
        var row = await queries.GetAsync(reference, ct);
        if (row is null || !caller.MaySee(row.Queue))
            return NotFound(reference);
        response.Headers.ETag = QueryVersions.Tag(row.Version);
        var entries = await MergeLinks.ForAsync(await timeline.ListAsync(row.Id, row.Reference, withInternal: caller.IsStaff, ct), caller, queries, ct);
        return TypedResults.Ok(new QueryDetail(row.ToSummary())
        {
            Text = row.Text,
            CatalogItem = row.CatalogItem,
            CatalogGranted = row.CatalogGranted,
            ModelVersion = row.ModelVersion,
            DecisionRule = row.DecisionRule,
            Impact = row.Impact,
            Urgency = row.Urgency,
            Timeline = entries,
            Conversation = caller.IsStaff ? await conversations.SummaryForQueryAsync(row.Id, ct) : null,
            AsOf = clock.GetUtcNow(),
            MergedInto = row.MergedIntoId is null ? null : MergeLinks.Survivor(entries),
        });
    }

    static async Task<Results<Created<TimelineEntry>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string reference, PostMessage message, Casework casework, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await casework.WriteAsync(reference, message, access.For(user), ct);
        return result switch
        {
            CaseResult.Written(var entry) => TypedResults.Created($"/api/queries/{reference}", entry),
            CaseResult.NotFound => NotFound(reference),
            CaseResult.Invalid(var field, var error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }),
            CaseResult.Conflict(var detail) => TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict),
            CaseResult.Collided(var meanwhile) => TypedResults.Problem(title: "Someone replied meanwhile", statusCode: StatusCodes.Status409Conflict,
                detail: $"{meanwhile.Count} message(s) went to the user after entry {message.SeenEntry} you last saw, the latest from {meanwhile[^1].Actor}. "
                    + "Read them; to send your reply anyway, send it again with confirm true (or with the newest seenEntry).",
                extensions: new Dictionary<string, object?> { ["sentMeanwhile"] = meanwhile, ["latestEntry"] = meanwhile[^1].Id }),
            _ => throw new InvalidOperationException($"Unexpected {result}"),
        };
    }

    static async Task<Results<Ok<QuerySummary>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string reference, QueryPatch patch, [FromHeader(Name = "If-Match")] string? ifMatch, Casework casework, QueryStore queries,
        QueueAccess access, ClaimsPrincipal user, HttpResponse response, CancellationToken ct)
    {
        long? read = null;
        if (ifMatch is not null && !QueryVersions.IsAny(ifMatch))
        {
            if (QueryVersions.Parse(ifMatch) is not { } version)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["If-Match"] = ["If-Match names the version this query's ETag gave, such as \"3\"."],
                });
            read = version;
        }
        var caller = access.For(user);
        switch (await casework.ChangeAsync(reference, patch, caller, read, ct))
        {
            case CaseResult.Changed(var summary):
                response.Headers.ETag = QueryVersions.Tag(summary.Version);
                return TypedResults.Ok(summary);
            case CaseResult.NotFound:
                return NotFound(reference);
            case CaseResult.Invalid(var field, var error) invalid:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }, extensions: BrokenRule(invalid.Rule));
            case CaseResult.Conflict(var detail) conflict:
                return TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict,
                    extensions: BrokenRule(conflict.Rule));
            case CaseResult.Stale(var version, var stale):
                var changes = await MergeLinks.ForAsync(stale, caller, queries, ct);
                return TypedResults.Problem(title: "Changed since you read it", statusCode: StatusCodes.Status409Conflict,
                    detail: QueryVersions.Describe(reference, read!.Value, version, changes),
                    extensions: new Dictionary<string, object?> { ["version"] = version, ["changes"] = changes });
            case var other:
                throw new InvalidOperationException($"Unexpected {other}");
        }
    }

    /// <summary>
    /// The queues the caller may see, with their load: the console joins exactly these hub groups. The counts are the
    /// board's, kept by moving one query at a time (<see cref="Board.BoardCounts"/>), never a count of the open queries.
    /// </summary>
    static async Task<Ok<QueueCount[]>> QueuesAsync(Board.BoardTally tally, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = access.For(user);
        var open = await tally.OpenByQueueAsync(caller.Name, ct);
        return TypedResults.Ok(Practice.Queues.Where(q => caller.MaySee(q.Queue))
            .Select(q => (open.GetValueOrDefault(q.Queue) is { } n
                ? new QueueCount(q.Queue, q.Practice, n.All, n.Unassigned, n.Mine, n.Breached)
                : new QueueCount(q.Queue, q.Practice, 0)) with { Restricted = access.IsRestricted(q.Queue) }).ToArray());
    }

    /// <summary>A refusal that an override could turn round names the rule (<c>"rule": "priority.matrix"</c>), for a client to ask for a justification.</summary>
    static Dictionary<string, object?>? BrokenRule(string? rule) => rule is null ? null : new() { ["rule"] = rule };

    // Through the problem details service, so the answer is application/problem+json with a traceId.
    static ProblemHttpResult NotFound(string reference) =>
        TypedResults.Problem(title: "No such query", detail: $"There is no query {reference}.", statusCode: StatusCodes.Status404NotFound);
}
