using System.Security.Claims;
using Desk.Api.Audit;
using Desk.Api.Identity;
using Desk.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Desk.Api.Knowledge;

/// <summary>Staff read and search the knowledge base; agents write articles, supervisors delete them.</summary>
internal static class KnowledgeApi
{
    public static RouteGroupBuilder MapKnowledge(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge").WithTags("Knowledge").RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Supervisor);
        return group;
    }

    /// <summary>Every article, or with <c>q</c> those that match it, best first (unpublished too, unless filtered).</summary>
    static async Task<Results<Ok<IReadOnlyList<ArticleSummary>>, ValidationProblem>> ListAsync(
        KnowledgeStore store, CancellationToken ct, string? q = null, string? language = null, bool? published = null)
    {
        var errors = new Dictionary<string, string[]>();
        // An empty search box lists everything.
        if (string.IsNullOrWhiteSpace(q))
            q = null;
        else if (TextRules.Problem(q, "The search", KnowledgeRules.SearchLength, required: false) is { } search)
            errors["q"] = [search];
        if (language is not null && LanguageProblem(language) is { } badLanguage)
            errors["language"] = [badLanguage];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var articles = await store.ListAsync(language, published, ct);
        if (q is null)
            return TypedResults.Ok<IReadOnlyList<ArticleSummary>>(articles.Select(a => Summary(a, null)).ToList());
        var ranked = KnowledgeIndex.Build(articles).Rank(KnowledgeText.Terms(q), language: null);
        return TypedResults.Ok<IReadOnlyList<ArticleSummary>>(ranked.Select(m => Summary(m.Article, Math.Round(m.Score, 3))).ToList());
    }

    static async Task<Results<Ok<Article>, ProblemHttpResult>> GetAsync(long id, KnowledgeStore store, HttpResponse response, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } article)
            return NotFound(id);
        response.Headers.ETag = QueryVersions.Tag(article.Version);
        return TypedResults.Ok(article);
    }

    static async Task<Results<Created<Article>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewArticle request, KnowledgeStore store, KnowledgeSearch search, AuditLog audit, ClaimsPrincipal user, HttpContext http,
        CancellationToken ct)
    {
        var errors = ContentProblems(request.Title, request.Summary, request.Body, request.Keywords);
        if (LanguageProblem(request.Language) is { } language)
            errors["language"] = [language];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var actor = user.Identity!.Name!;
        if (await store.AddAsync(Trimmed(request), actor, ct) is not { } id)
            return TypedResults.Problem(title: "Slug taken", detail: $"There is already an article '{request.Slug}'.", statusCode: StatusCodes.Status409Conflict);
        search.Invalidate();
        var article = (await store.GetAsync(id, ct))!;
        await audit.RecordAsync(AuditKinds.ArticleCreated, actor, article.Slug, http, Described(article), ct);
        http.Response.Headers.ETag = QueryVersions.Tag(article.Version);
        return TypedResults.Created($"/api/knowledge/{id}", article);
    }

    /// <summary>Replaces the article's content; If-Match must name the version read, so that no edit overwrites another unseen.</summary>
    static async Task<Results<Ok<Article>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, ArticleEdit request, [FromHeader(Name = "If-Match")] string? ifMatch, KnowledgeStore store, KnowledgeSearch search,
        AuditLog audit, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var errors = ContentProblems(request.Title, request.Summary, request.Body, request.Keywords);
        var any = ifMatch is not null && QueryVersions.IsAny(ifMatch);
        var version = ifMatch is null || any ? null : QueryVersions.Parse(ifMatch);
        if (ifMatch is not null && !any && version is null)
            errors["If-Match"] = ["If-Match names the version this article's ETag gave, such as \"3\", or is * for any."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        // If-Match: * (RFC 9110): whatever version is current, as long as the article exists.
        if (any)
            version = (await store.GetAsync(id, ct))?.Version ?? 0;
        if (version == 0)
            return NotFound(id);
        if (version is not { } read)
            return TypedResults.Problem(title: "If-Match required", statusCode: StatusCodes.Status428PreconditionRequired,
                detail: "Send If-Match with the ETag you read, so that an edit made since is not overwritten.");
        var actor = user.Identity!.Name!;
        if (!await store.UpdateAsync(id, read, Trimmed(request), actor, ct))
        {
            return await store.GetAsync(id, ct) is { } now
                ? TypedResults.Problem(title: "Changed since you read it", statusCode: StatusCodes.Status409Conflict,
                    detail: $"Article {id} changed after version {read} (it is at {now.Version}, last by {now.UpdatedBy}). Read it again and decide.",
                    extensions: new Dictionary<string, object?> { ["version"] = now.Version })
                : NotFound(id);
        }
        search.Invalidate();
        var article = (await store.GetAsync(id, ct))!;
        await audit.RecordAsync(AuditKinds.ArticleChanged, actor, article.Slug, http, Described(article), ct);
        http.Response.Headers.ETag = QueryVersions.Tag(article.Version);
        return TypedResults.Ok(article);
    }

    static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, KnowledgeStore store, KnowledgeSearch search, AuditLog audit, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } article || !await store.DeleteAsync(id, ct))
            return NotFound(id);
        search.Invalidate();
        await audit.RecordAsync(AuditKinds.ArticleDeleted, user.Identity!.Name, article.Slug, http, Described(article), ct);
        return TypedResults.NoContent();
    }

    static Dictionary<string, string[]> ContentProblems(string title, string summary, string body, string? keywords)
    {
        var errors = new Dictionary<string, string[]>();
        if (TextRules.NameProblem(title, "Title", KnowledgeRules.TitleLength) is { } badTitle)
            errors["title"] = [badTitle];
        if (TextRules.Problem(summary, "Summary", KnowledgeRules.SummaryLength) is { } badSummary)
            errors["summary"] = [badSummary];
        if (TextRules.Problem(body, "Body", KnowledgeRules.BodyLength) is { } badBody)
            errors["body"] = [badBody];
        if (TextRules.NameProblem(keywords, "Keywords", KnowledgeRules.KeywordsLength, required: false) is { } badKeywords)
            errors["keywords"] = [badKeywords];
        return errors;
    }

    static string? LanguageProblem(string language) =>
        KnowledgeRules.Languages.Contains(language) ? null : $"Language must be one of: {string.Join(", ", KnowledgeRules.Languages)}.";

    static NewArticle Trimmed(NewArticle a) =>
        a with { Title = a.Title.Trim(), Summary = a.Summary.Trim(), Body = a.Body.Trim(), Keywords = a.Keywords?.Trim() ?? "" };

    static ArticleEdit Trimmed(ArticleEdit a) =>
        a with { Title = a.Title.Trim(), Summary = a.Summary.Trim(), Body = a.Body.Trim(), Keywords = a.Keywords?.Trim() ?? "" };

    static string Described(Article a) => $"{a.Language}, version {a.Version}, {(a.Published ? "published" : "unpublished")}.";

    static ArticleSummary Summary(Article a, double? score) =>
        new(a.Id, a.Slug, a.Language, a.Title, a.Summary, a.Keywords, a.Published, a.Version, a.UpdatedBy, a.UpdatedAt, score, a.Helped, a.NotHelped);

    static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(title: "No such article", detail: $"There is no knowledge article {id}.", statusCode: StatusCodes.Status404NotFound);
}
