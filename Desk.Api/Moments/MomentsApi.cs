using System.Security.Claims;
using Desk.Api.Board;
using Desk.Api.Data;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Realtime;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Desk.Api.Moments;

/// <summary>A query's moments of truth, an agent's own, their recovery, and the team's day of them.</summary>
internal static class MomentsApi
{
    public static RouteGroupBuilder MapMoments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Moments of truth").RequireAuthorization(Policies.Staff);
        group.MapGet("/queries/{reference}/moments", ForQueryAsync);
        group.MapPost("/queries/{reference}/moments", PostAsync);
        group.MapPost("/queries/{reference}/moments/{id:long}/recovered", RecoveredAsync);
        group.MapGet("/moments", DayAsync);
        return group;
    }

    static async Task<Results<Ok<QueryMoments>, ProblemHttpResult>> ForQueryAsync(
        string reference, QueryStore queries, MomentStore moments, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await queries.GetAsync(reference, ct);
        if (row is null || !access.For(user).MaySee(row.Queue))
            return NotFound(reference);
        var list = await moments.ForQueryAsync(row.Id, ct);
        var open = list.Count(m => m.Recovery?.State == RecoveryStates.Open);
        return TypedResults.Ok(new QueryMoments(row.Reference, open == 0, open, list));
    }

    static async Task<Results<Created<TimelineEntry>, ValidationProblem, ProblemHttpResult>> PostAsync(
        string reference, PostMoment body, DeskDb db, QueryStore queries, MomentStore moments, DeskNotifier notifier, QueueAccess access,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Kind is not { } kind || !MomentKinds.All.Contains(kind))
            errors["kind"] = [$"Kind must be one of: {string.Join(", ", MomentKinds.All)}."];
        if (body.Polarity is not (Polarity.Positive or Polarity.Negative))
            errors["polarity"] = ["Polarity must be positive or negative."];
        if (TextRules.Problem(body.Note, "Note", Limits.ReasonLength, required: false) is { } problem)
            errors["note"] = [problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var caller = access.For(user);
        await using var write = await db.BeginWriteAsync(ct);
        var query = await queries.ClaimAsync(write.Transaction, reference, ct);
        if (query is null || !caller.MaySee(query.Queue))
            return NotFound(reference);
        var now = clock.GetUtcNow();
        var draft = new MomentDraft(body.Kind!, body.Polarity == Polarity.Positive, $"manual:{Guid.NewGuid():n}", caller.Name, body.Note?.Trim());
        var entry = (await moments.RecordAsync(write.Transaction, query, draft, now, ct))!;
        await write.CommitAsync(ct);
        await write.DisposeAsync(); // free the writer gate before pushing
        await notifier.TimelineAppendedAsync(entry, query.Queue);
        return TypedResults.Created($"/api/queries/{reference}/moments", entry);
    }

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RecoveredAsync(
        string reference, long id, RecoveredBody body, MomentStore moments, QueueAccess access, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        if (TextRules.Problem(body.Note, "Note", Limits.ReasonLength) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [problem] });
        var caller = access.For(user);
        return await moments.RecoverAsync(reference, id, caller.MaySee, caller.Name, body.Note!.Trim(), clock.GetUtcNow(), ct) switch
        {
            RecoverResult.Recovered => TypedResults.NoContent(),
            RecoverResult.Positive => Conflict("A positive moment has nothing to recover."),
            RecoverResult.AlreadyRecovered => Conflict("This moment is recovered already."),
            _ => TypedResults.Problem(title: "No such moment", detail: $"Query {reference} has no moment {id}.",
                statusCode: StatusCodes.Status404NotFound),
        };
    }

    /// <summary>One day (the board's time zone; today by default) of moments; an agent sees only the queues they work.</summary>
    static async Task<Results<Ok<MomentsDay>, ValidationProblem>> DayAsync(
        string? day, string? queue, MomentStore moments, QueueAccess access, IOptions<BoardOptions> board, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var zone = board.Value.Zone;
        var date = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        if (day is not null)
        {
            // The first and last years are left out: the day's bounds in UTC must exist in the calendar.
            if (day.Length == 10 && LocalDatePattern.Iso.Parse(day) is { Success: true, Value.Year: > 1 and < 9999 } parsed) date = parsed.Value;
            else errors["day"] = ["Day is a date such as 2025-03-14."];
        }
        if (queue is not null && !Practice.IsQueue(queue))
            errors["queue"] = [$"There is no queue '{queue}'."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var caller = access.For(user);
        IReadOnlyCollection<string>? queues = queue is not null ? [queue] : caller.Queues;
        queues = queues?.Where(caller.MaySee).ToArray();
        var (from, to) = (zone.AtStartOfDay(date).ToDateTimeOffset(), zone.AtStartOfDay(date.PlusDays(1)).ToDateTimeOffset());
        var list = queues is { Count: 0 } ? [] : await moments.BetweenAsync(from.ToUniversalTime(), to.ToUniversalTime(), queues, caller.Queues, ct);
        return TypedResults.Ok(new MomentsDay(date.ToString("yyyy-MM-dd", null), queue,
            list.Count(m => m.Polarity == Polarity.Positive), list.Count(m => m.Polarity == Polarity.Negative),
            list.Count(m => m.Recovery?.State == RecoveryStates.Open), list));
    }

    static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict);

    static ProblemHttpResult NotFound(string reference) =>
        TypedResults.Problem(title: "No such query", detail: $"There is no query {reference}.", statusCode: StatusCodes.Status404NotFound);
}
