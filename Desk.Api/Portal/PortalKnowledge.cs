using Desk.Api.Knowledge;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Desk.Api.Portal;

/// <summary>
/// Self-help in the portal: the published articles only, open to anyone at the door (an answer found before signing in
/// is a query never raised); "did this help?" from a signed-in user. A search ranks as the bot's does, but as a search
/// box: a single word finds the articles it matches, where the bot offers one only on a closer match.
/// </summary>
internal static class PortalKnowledge
{
    const int Found = 10;

    public static void MapPortalKnowledge(this RouteGroupBuilder portal)
    {
        portal.MapGet("/knowledge", SearchAsync);
        portal.MapGet("/knowledge/{id:long}", GetAsync);
        // Reading is open; an answer that is counted needs a portal session, so that no one at the door can stuff the count.
        portal.MapPost("/knowledge/{id:long}/feedback", FeedbackAsync).AddEndpointFilter(PortalApi.RequireSession);
    }

    /// <summary>With <c>q</c>, the published articles that answer it, best first; without, every published article.</summary>
    static async Task<Results<Ok<IReadOnlyList<PortalArticle>>, ValidationProblem>> SearchAsync(
        KnowledgeStore store, KnowledgeSearch search, CancellationToken ct, string? q = null, string? language = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(q) && TextRules.Problem(q, "The search", KnowledgeRules.SearchLength, required: false) is { } badSearch)
            errors["q"] = [badSearch];
        if (language is not null && !KnowledgeRules.Languages.Contains(language))
            errors["language"] = [$"Language must be one of: {string.Join(", ", KnowledgeRules.Languages)}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (string.IsNullOrWhiteSpace(q))
            return TypedResults.Ok<IReadOnlyList<PortalArticle>>([.. (await store.ListAsync(language, published: true, ct))
                .Select(a => new PortalArticle(a.Id, a.Slug, a.Language, a.Title, a.Summary))]);
        return TypedResults.Ok<IReadOnlyList<PortalArticle>>([.. (await search.MatchAsync(q, language ?? "", Found, ct, searchBox: true))
            .Select(m => new PortalArticle(m.Id, m.Slug, m.Language, m.Title, m.Summary))]);
    }

    /// <summary>"Did this help?": the user's answer for the article, in place of any earlier one of theirs.</summary>
    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> FeedbackAsync(
        long id, PortalFeedback request, KnowledgeStore store, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request.Helped is not { } helped)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["helped"] = ["Say whether the article helped: true or false."] });
        return await store.FeedbackAsync(id, PortalApi.Contact(http), helped, clock.GetUtcNow(), ct) ? TypedResults.NoContent() : NoArticle(id);
    }

    /// <summary>A published article; to a signed-in user, with their answer to "did this help?" if they gave one.</summary>
    static async Task<Results<Ok<PortalArticleBody>, ProblemHttpResult>> GetAsync(
        long id, KnowledgeStore store, PortalSessions sessions, HttpContext http, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { Published: true } a)
            return NoArticle(id);
        var helpedYou = await sessions.ContactAsync(http, ct) is { } contactId ? await store.AnswerOfAsync(id, contactId, ct) : null;
        return TypedResults.Ok(new PortalArticleBody(a.Id, a.Slug, a.Language, a.Title, a.Summary, a.Body, a.UpdatedAt, helpedYou));
    }

    static ProblemHttpResult NoArticle(long id) =>
        TypedResults.Problem(title: "No such article", detail: $"There is no published article {id}.", statusCode: StatusCodes.Status404NotFound);
}
