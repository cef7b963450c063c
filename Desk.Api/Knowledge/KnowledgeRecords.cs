using System.ComponentModel.DataAnnotations;

namespace Desk.Api.Knowledge;

/// <summary>A published article that answers the user's words; <c>Score</c> is its relevance (BM25, higher is better).</summary>
public sealed record ArticleMatch(long Id, string Slug, string Language, string Title, string Summary, double Score);

/// <summary>
/// An article as staff read it. <c>Helped</c> and <c>NotHelped</c> count the portal's "did this help?" answers, one per
/// user (their latest).
/// </summary>
public sealed record Article(
    long Id, string Slug, string Language, string Title, string Summary, string Body, string Keywords, bool Published, long Version,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt, int Helped, int NotHelped);

/// <summary>An article in a list, without its body; <c>Score</c> only when the list was a search.</summary>
public sealed record ArticleSummary(
    long Id, string Slug, string Language, string Title, string Summary, string Keywords, bool Published, long Version,
    string UpdatedBy, DateTimeOffset UpdatedAt, double? Score, int Helped, int NotHelped);

/// <summary>A new article. Its slug and language are its address and stay as created.</summary>
public sealed record NewArticle(
    [property: Required, RegularExpression(KnowledgeRules.SlugPattern, ErrorMessage = KnowledgeRules.SlugRule)] string Slug,
    [property: Required] string Language,
    [property: Required] string Title,
    [property: Required] string Summary,
    [property: Required] string Body,
    string? Keywords,
    [property: Required] bool? Published);

/// <summary>The whole editable content of an article; PUT replaces it.</summary>
public sealed record ArticleEdit(
    [property: Required] string Title,
    [property: Required] string Summary,
    [property: Required] string Body,
    string? Keywords,
    [property: Required] bool? Published);

/// <summary>What an article may hold; the bot shows the title and summary in a chat, so they stay short.</summary>
internal static class KnowledgeRules
{
    public const string SlugPattern = "^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$";
    public const string SlugRule = "Use 1 to 100 lower-case letters and digits in words joined by single hyphens, such as 'vpn-certificate-error'.";
    public const int TitleLength = 200;
    public const int SummaryLength = 500;
    public const int BodyLength = 16_000;
    public const int KeywordsLength = 500;
    public const int SearchLength = 500;

    public static readonly string[] Languages = ["en", "zh"];
}
