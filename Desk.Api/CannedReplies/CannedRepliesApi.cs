using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.CannedReplies;

/// <summary>
/// Canned replies for staff. Each sees the team's replies for the queues they work (and those for every queue) and their
/// own. Supervisors and admins write the team's; an agent writes replies of their own, which only they see and change.
/// </summary>
internal static class CannedRepliesApi
{
    public static RouteGroupBuilder MapCannedReplies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/canned-replies").WithTags("Canned replies").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return group;
    }

    static async Task<Results<Ok<IReadOnlyList<CannedReply>>, ValidationProblem>> ListAsync(
        CannedReplyStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct, string? language = null)
    {
        if (language is not null && LanguageProblem(language) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["language"] = [problem] });
        var caller = access.For(user);
        var replies = await store.ListAsync(caller.Name, language, ct);
        return TypedResults.Ok<IReadOnlyList<CannedReply>>(replies.Where(r => r.Queue is null || caller.MaySee(r.Queue)).ToList());
    }

    static async Task<Results<Created<CannedReply>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CannedReplyContent request, CannedReplyStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = access.For(user);
        if (Problems(request, caller) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        var reply = Trimmed(request);
        if (await store.AddAsync(reply, WritesForTheTeam(user) ? null : caller.Name, caller.Name, ct) is not { } id)
            return TitleTaken(reply);
        return TypedResults.Created($"/api/canned-replies/{id}", (await store.GetAsync(id, ct))!);
    }

    static async Task<Results<Ok<CannedReply>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, CannedReplyContent request, CannedReplyStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = access.For(user);
        if (Problems(request, caller) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors);
        if (await WritableAsync(id, store, caller, user, ct) is { } refused)
            return refused;
        var reply = Trimmed(request);
        var change = await store.UpdateAsync(id, reply, caller.Name, ct);
        if (change == CannedReplyChange.NotFound)
            return NotFound(id);
        if (change == CannedReplyChange.TitleTaken)
            return TitleTaken(reply);
        return TypedResults.Ok((await store.GetAsync(id, ct))!);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, CannedReplyStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await WritableAsync(id, store, access.For(user), user, ct) is { } refused)
            return refused;
        return await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);
    }

    /// <summary>Why the caller may not change the reply: 404 when they cannot see it, 403 when it is the team's and they are an agent.</summary>
    static async Task<ProblemHttpResult?> WritableAsync(long id, CannedReplyStore store, Caller caller, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } reply || (reply.Owner is { } owner && owner != caller.Name)
            || (reply.Queue is { } queue && !caller.MaySee(queue)))
            return NotFound(id);
        if (reply.Owner is null && !WritesForTheTeam(user))
            return TypedResults.Problem(title: "The team's reply", statusCode: StatusCodes.Status403Forbidden,
                detail: "Supervisors change the team's canned replies; write one of your own instead.");
        return null;
    }

    static bool WritesForTheTeam(ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);

    static Dictionary<string, string[]> Problems(CannedReplyContent reply, Caller caller)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.NameProblem(reply.Title, "Title", CannedReplyRules.TitleLength) is { } title)
            errors["title"] = [title];
        if (TextRules.Problem(reply.Body, "Body", CannedReplyRules.BodyLength) is { } body)
            errors["body"] = [body];
        if (LanguageProblem(reply.Language) is { } language)
            errors["language"] = [language];
        if (reply.Queue is { } queue && !Practice.IsQueue(queue))
            errors["queue"] = [$"There is no queue '{queue}'. Leave it out for a reply offered in every queue."];
        else if (reply.Queue is { } worked && !caller.MaySee(worked))
            errors["queue"] = [$"You do not work the queue '{worked}'."];
        return errors;
    }

    static string? LanguageProblem(string language) =>
        CannedReplyRules.Languages.Contains(language) ? null : $"Language must be one of: {string.Join(", ", CannedReplyRules.Languages)}.";

    static CannedReplyContent Trimmed(CannedReplyContent r) => r with { Title = r.Title.Trim(), Body = r.Body.Trim() };

    // The team's titles clash with the team's, an agent's own with their own: each list shows a title once per language.
    static ProblemHttpResult TitleTaken(CannedReplyContent reply) =>
        TypedResults.Problem(title: "Title taken", statusCode: StatusCodes.Status409Conflict,
            detail: $"There is already a canned reply called '{reply.Title}' in '{reply.Language}'; change that one or choose another title.");

    static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(title: "No such canned reply", detail: $"There is no canned reply {id} of yours or your team's.",
            statusCode: StatusCodes.Status404NotFound);
}
