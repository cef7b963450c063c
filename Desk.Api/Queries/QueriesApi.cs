using System.Security.Claims;
using Desk.Api.Identity;
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
        group.MapPost("/", SubmitAsync).RequireAuthorization(Policies.Intake);
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
        return await intake.SubmitAsync(request, user.Identity!.Name!, idempotencyKey, ct) switch
        {
            IntakeResult.Created(var receipt) => TypedResults.Created($"/api/queries/{receipt.Reference}", receipt),
            IntakeResult.Replayed(var receipt) => TypedResults.Created($"/api/queries/{receipt.Reference}", receipt),
            _ => TypedResults.Problem(title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different request.", statusCode: StatusCodes.Status409Conflict),
        };
    }

    static async Task<Results<Ok<QueryPage>, ValidationProblem>> ListAsync(
        QueryStore queries, string? queue, string? status, string? type, string? priority, string? assignee, string? channel,
        string? after, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (queue is not null && !Practice.IsQueue(queue)) errors["queue"] = [$"There is no queue '{queue}'."];
        if (status is not null && !QueryStatus.All.Contains(status)) errors["status"] = [$"Status must be one of: {string.Join(", ", QueryStatus.All)}."];
        if (type is not null && !QueryTypes.TryParse(type, out _)) errors["type"] = [$"There is no query type '{type}'."];
        if (priority is not null && !Priority.All.Contains(priority)) errors["priority"] = ["Priority must be P1, P2, P3 or P4."];
        if (channel is not null && !Channels.IsKnown(channel)) errors["channel"] = [$"Channel must be one of: {string.Join(", ", Channels.All)}."];
        if (limit is < 1 or > 200) errors["limit"] = ["Limit must be from 1 to 200."];
        long? cursor = null;
        if (after is not null)
        {
            if (long.TryParse(after, out var id) && id > 0) cursor = id;
            else errors["after"] = ["The cursor is not one this API gave out."];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var size = limit ?? 50;
        var rows = await queries.ListAsync(new QueryFilter(queue, status, type, priority, assignee, channel, cursor, size + 1), ct);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? page[^1].Id.ToString() : null;
        return TypedResults.Ok(new QueryPage(page.Select(r => r.ToSummary()).ToList(), next));
    }

    static async Task<Results<Ok<QueryDetail>, NotFound<ProblemDetails>>> GetAsync(
        string reference, QueryStore queries, TimelineStore timeline, CancellationToken ct)
    {
        var row = await queries.GetAsync(reference, ct);
        if (row is null)
            return NotFound(reference);
        return TypedResults.Ok(new QueryDetail(row.ToSummary())
        {
            Text = row.Text,
            CatalogItem = row.CatalogItem,
            ModelVersion = row.ModelVersion,
            DecisionRule = row.DecisionRule,
            Impact = row.Impact,
            Urgency = row.Urgency,
            Timeline = await timeline.ListAsync(row.Id, row.Reference, ct),
        });
    }

    static async Task<Results<Created<TimelineEntry>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> WriteAsync(
        string reference, PostMessage message, Casework casework, ClaimsPrincipal user, CancellationToken ct)
    {
        var fromContact = !Roles.All.Any(user.IsInRole);
        var result = await casework.WriteAsync(reference, message, fromContact ? "contact" : user.Identity!.Name!, fromContact, ct);
        return result switch
        {
            CaseResult.Written(var entry) => TypedResults.Created($"/api/queries/{reference}", entry),
            CaseResult.NotFound => NotFound(reference),
            CaseResult.Invalid(var field, var error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }),
            CaseResult.Conflict(var detail) => TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict),
            _ => throw new InvalidOperationException($"Unexpected {result}"),
        };
    }

    static async Task<Results<Ok<QuerySummary>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> ChangeAsync(
        string reference, QueryPatch patch, Casework casework, ClaimsPrincipal user, CancellationToken ct) =>
        await casework.ChangeAsync(reference, patch, user.Identity!.Name!, ct) switch
        {
            CaseResult.Changed(var summary) => TypedResults.Ok(summary),
            CaseResult.NotFound => NotFound(reference),
            CaseResult.Invalid(var field, var error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error] }),
            CaseResult.Conflict(var detail) => TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict),
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };

    static async Task<Ok<QueueCount[]>> QueuesAsync(QueryStore queries, CancellationToken ct)
    {
        var open = await queries.OpenCountsByQueueAsync(ct);
        return TypedResults.Ok(Practice.Queues.Select(q => new QueueCount(q.Queue, q.Practice, open.GetValueOrDefault(q.Queue))).ToArray());
    }

    static NotFound<ProblemDetails> NotFound(string reference) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "No such query",
        Detail = $"There is no query {reference}.",
        Status = StatusCodes.Status404NotFound,
    });
}
