using Microsoft.Extensions.Options;

namespace Desk.Api.Knowledge;

/// <summary>
/// Finds the published articles that answer a user's message, for the bot to offer before it takes a query
/// (shift-left). Ranks against an index of the published articles that each node rebuilds when it is older than
/// <see cref="KnowledgeOptions.IndexLifetime"/>, or at once after an edit on this node.
/// </summary>
internal sealed class KnowledgeSearch(KnowledgeStore store, IOptionsMonitor<KnowledgeOptions> options, TimeProvider clock)
{
    // Enough of a chat message to find its subject; a pasted log adds cost, not relevance.
    const int LongestText = 2_000;

    // An article scoring under half the best one's shares a word or two with the message by chance: noise beside it.
    const double ShareOfBest = 0.5;

    // A longer message says more, and an article that answers it scores on more of its words: "my laptop screen is black…
    // I cannot work" scored 3.1 on the mail-on-phone article through "screen" and "work" alone, where answers to messages as
    // long score 5 and more. So the bot also asks this much per word of the message, up to a cap that a long message
    // about a known problem still reaches.
    const double ScorePerWord = 0.75;
    const double MostAskedForLength = 5.0;

    readonly SemaphoreSlim building = new(1, 1);
    Snapshot? current;
    long generation;

    /// <summary>
    /// Up to <paramref name="max"/> published articles that match <paramref name="text"/>, best first, none below the
    /// configured minimum score (more for a longer message) or half the best one's: a greeting or thanks matches nothing. Articles in <paramref name="language"/> ("en",
    /// "zh", or a locale such as "zh-CN"; otherwise the text's own) come first; the other language only when none match.
    /// <paramref name="searchBox"/>: words typed to find an article ("wifi"), not a message to answer: any article they
    /// match counts, however short the words, and the minimum (which keeps the bot from offering an article on a
    /// passing word) does not apply.
    /// </summary>
    public async Task<IReadOnlyList<ArticleMatch>> MatchAsync(string text, string language, int max, CancellationToken ct, bool searchBox = false)
    {
        if (max < 1 || string.IsNullOrWhiteSpace(text))
            return [];
        var terms = KnowledgeText.Terms(text.Length > LongestText ? text[..LongestText] : text);
        if (terms.Count == 0)
            return [];
        var index = await IndexAsync(ct);
        var preferred = LanguageOf(language) ?? KnowledgeText.GuessLanguage(text);
        var minimum = searchBox ? double.Epsilon
            : Math.Max(options.CurrentValue.MinScore, Math.Min(ScorePerWord * terms.Distinct().Count(), MostAskedForLength));
        foreach (var candidate in KnowledgeRules.Languages.OrderBy(l => l == preferred ? 0 : 1))
        {
            var ranked = index.Rank(terms, candidate).Where(m => m.Score >= minimum).ToList();
            var found = ranked.TakeWhile(m => m.Score >= ranked[0].Score * ShareOfBest).Take(max)
                .Select(m => new ArticleMatch(m.Article.Id, m.Article.Slug, m.Article.Language, m.Article.Title, m.Article.Summary,
                    Math.Round(m.Score, 3)))
                .ToList();
            if (found.Count > 0)
                return found;
        }
        return [];
    }

    /// <summary>Makes the next match read the articles again: this node's own edits show at once.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref current, null);
    }

    async Task<KnowledgeIndex> IndexAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref current) is { } fresh && clock.GetUtcNow() < fresh.Expires)
            return fresh.Index;
        await building.WaitAsync(ct);
        try
        {
            // Another caller may have rebuilt it while this one waited.
            if (Volatile.Read(ref current) is { } rebuilt && clock.GetUtcNow() < rebuilt.Expires)
                return rebuilt.Index;
            var started = Interlocked.Read(ref generation);
            var index = KnowledgeIndex.Build(await store.ListAsync(language: null, published: true, ct));
            // An edit that landed while the articles were read must not hide behind this index until it expires.
            if (Interlocked.Read(ref generation) == started)
                Volatile.Write(ref current, new Snapshot(index, clock.GetUtcNow() + options.CurrentValue.IndexLifetime));
            return index;
        }
        finally
        {
            building.Release();
        }
    }

    static string? LanguageOf(string? language) =>
        language?.Split('-', '_')[0].ToLowerInvariant() is { } code && KnowledgeRules.Languages.Contains(code) ? code : null;

    sealed record Snapshot(KnowledgeIndex Index, DateTimeOffset Expires);
}
