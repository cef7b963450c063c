using Microsoft.Net.Http.Headers;

namespace Desk.Api.Operations;

/// <summary>
/// Answers a refusal in Chinese when the request's Accept-Language prefers it (its highest-q language is zh or zh-*):
/// title, detail and each field message go through <see cref="ProblemWordsZh"/>; what it has no phrase for stays English.
/// Every ProblemDetails the desk writes passes here (TypedResults.Problem and ValidationProblem, the exception handler,
/// status code pages and the middleware's own refusals all write through IProblemDetailsService), after
/// <see cref="Queries.BadRequests.Explain"/> has said what the framework's bare answers meant. The pages send their
/// chosen language, not the browser's; API clients that send none keep the English they assert on.
/// </summary>
internal static class ProblemLanguage
{
    public static void Speak(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        if (!response.Headers.Vary.Any(v => v?.Contains(HeaderNames.AcceptLanguage, StringComparison.OrdinalIgnoreCase) == true))
            response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
        if (!PrefersChinese(context.HttpContext.Request))
            return;

        var problem = context.ProblemDetails;
        var said = false;
        if (problem.Title is { } title && ProblemWordsZh.Title(title) is { } zhTitle)
            (problem.Title, said) = (zhTitle, true);
        if (problem.Detail is { } detail && ProblemWordsZh.Translate(detail) is { } zhDetail)
            (problem.Detail, said) = (zhDetail, true);
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (field, messages) in validation.Errors)
                errors[field] = [.. messages.Select(m => ProblemWordsZh.Translate(m) is { } zh ? Said(zh, ref said) : m)];
            validation.Errors = errors;
        }
        if (said)
            response.Headers.ContentLanguage = "zh";
    }

    static string Said(string zh, ref bool said)
    {
        said = true;
        return zh;
    }

    /// <summary>Whether the first language of the highest quality the request accepts is Chinese.</summary>
    public static bool PrefersChinese(HttpRequest request)
    {
        if (request.Headers.AcceptLanguage.Count == 0
            || !StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
            return false;
        var first = languages.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value;
        return first is not null && (first.Equals("zh", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("zh-", StringComparison.OrdinalIgnoreCase));
    }
}
