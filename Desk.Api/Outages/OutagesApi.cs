using System.Security.Claims;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Desk.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Outages;

/// <summary>Major outages: any staff member may declare one, link queries to it, tell its users, and resolve it.</summary>
internal static class OutagesApi
{
    public static RouteGroupBuilder MapOutages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outages").WithTags("Outages").RequireAuthorization(Policies.Staff);
        group.MapPost("/", DeclareAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/{id:long}/links", LinkAsync);
        group.MapDelete("/{id:long}/links/{reference}", UnlinkAsync);
        group.MapPost("/{id:long}/notices", NoticeAsync);
        group.MapPost("/{id:long}/resolve", ResolveAsync);
        return group;
    }

    static async Task<Results<Created<OutageSummary>, ValidationProblem>> DeclareAsync(
        DeclareOutage request, OutageDesk outages, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "title", request.Title, "Title", OutageLimits.Title);
        Require(errors, "description", request.Description, "Description", OutageLimits.Description);
        if (TextRules.Problem(request.Service, "Service", OutageLimits.Service, required: false) is { } service)
            errors["service"] = [service];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var outage = await outages.DeclareAsync(request, access.For(user), ct);
        return TypedResults.Created($"/api/outages/{outage.Id}", outage);
    }

    /// <summary>The outages, each counting the linked queries in queues the caller may see.</summary>
    static async Task<Ok<IReadOnlyList<OutageSummary>>> ListAsync(OutageStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(100, access.For(user).Queues?.ToArray(), ct));

    /// <summary>The outage with its links in queues the caller may see.</summary>
    static async Task<Results<Ok<OutageDetail>, ProblemHttpResult>> GetAsync(
        long id, OutageStore store, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var queues = access.For(user).Queues?.ToArray();
        if (await store.GetAsync(id, queues, ct) is not { } outage)
            return NotFound(id);
        return TypedResults.Ok(new OutageDetail(outage, await store.LinksAsync(id, queues, ct)));
    }

    /// <summary>Links what it can; each reference is reported (linked, already_linked, not_found, closed).</summary>
    static async Task<Results<Ok<LinkReport>, ValidationProblem, ProblemHttpResult>> LinkAsync(
        long id, LinkQueries request, OutageDesk outages, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.References is not { Count: > 0 and <= OutageLimits.References } references)
            errors["references"] = [$"Give 1 to {OutageLimits.References} query references."];
        else
            for (var i = 0; i < references.Count; i++)
                if (TextRules.Problem(references[i], "Reference", 32) is { } problem)
                    errors[$"references[{i}]"] = [problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return Answer(id, await outages.LinkAsync(id, request.References!.Select(r => r!.Trim()).ToList(), request.TellUsers, access.For(user), ct));
    }

    static async Task<Results<Ok<OutageSummary>, ValidationProblem, ProblemHttpResult>> UnlinkAsync(
        long id, string reference, OutageDesk outages, QueueAccess access, ClaimsPrincipal user, CancellationToken ct) =>
        await outages.UnlinkAsync(id, reference, access.For(user), ct) switch
        {
            OutageOutcome<OutageSummary>.Done(var outage) => TypedResults.Ok(outage),
            _ => TypedResults.Problem(title: "No such link", detail: $"Outage {id} has no linked query {reference}.",
                statusCode: StatusCodes.Status404NotFound),
        };

    static async Task<Results<Ok<NoticeReport>, ValidationProblem, ProblemHttpResult>> NoticeAsync(
        long id, OutageNotice request, OutageDesk outages, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "text", request.Text, "Text", OutageLimits.Notice);
        CheckTranslations(errors, request.Translations);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return Answer(id, await outages.NoticeAsync(id, new Translated(request.Text!, request.Translations), access.For(user), ct));
    }

    static async Task<Results<Ok<ResolveReport>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        long id, ResolveOutage request, OutageDesk outages, QueueAccess access, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.Problem(request.Resolution, "Resolution", OutageLimits.Notice, required: false) is { } problem)
            errors["resolution"] = [problem];
        CheckTranslations(errors, request.Translations);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        return Answer(id, await outages.ResolveAsync(id, request, access.For(user), ct));
    }

    static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Answer<T>(long id, OutageOutcome<T> outcome) => outcome switch
    {
        OutageOutcome<T>.Done(var value) => TypedResults.Ok(value),
        OutageOutcome<T>.Conflict(var detail) => TypedResults.Problem(title: "Not possible now", detail: detail, statusCode: StatusCodes.Status409Conflict),
        _ => NotFound(id),
    };

    static void Require(Dictionary<string, string[]> errors, string field, string? value, string name, int max)
    {
        if (TextRules.Problem(value, name, max) is { } problem)
            errors[field] = [problem];
        else if (!TextRules.HasVisible(value!))
            errors[field] = [$"{name} is required."];
    }

    static void CheckTranslations(Dictionary<string, string[]> errors, IReadOnlyDictionary<string, string?>? translations)
    {
        foreach (var (language, text) in translations ?? new Dictionary<string, string?>())
        {
            if (!OutageLimits.Languages.Contains(language))
                errors["translations"] = [$"Translations are keyed by the languages the desk speaks with users: {string.Join(", ", OutageLimits.Languages)}."];
            else if (TextRules.Problem(text, "A translation", OutageLimits.Notice, required: false) is { } problem)
                errors[$"translations.{language}"] = [problem];
        }
    }

    static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(title: "No such outage", detail: $"There is no outage {id}.", statusCode: StatusCodes.Status404NotFound);
}
