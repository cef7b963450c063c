namespace Desk.Api.Knowledge;

/// <summary>
/// BM25F over a set of articles, built once and read by many: each field's term counts are normalised by the field's
/// length and weighted (title and keywords over summary over body), summed, then saturated as BM25 does. Statistics are
/// per language, so a Chinese article's "vpn" is rare among Chinese articles whatever the English ones say.
/// </summary>
internal sealed class KnowledgeIndex
{
    const double K1 = 1.2;

    // Title, keywords, summary, body: weight, and how much a long field dilutes its counts (BM25's b).
    static readonly (double Weight, double B)[] Fields = [(3.0, 0.5), (4.0, 0.0), (1.5, 0.75), (1.0, 0.75)];

    readonly Dictionary<string, Corpus> corpora;

    KnowledgeIndex(Dictionary<string, Corpus> corpora) => this.corpora = corpora;

    public static KnowledgeIndex Build(IEnumerable<Article> articles) =>
        new(articles.GroupBy(a => a.Language).ToDictionary(g => g.Key, g => new Corpus(g.Select(Document.Of).ToList())));

    /// <summary>Articles of <paramref name="language"/> (all languages when null) with a score above zero, best first.</summary>
    public IEnumerable<(Article Article, double Score)> Rank(IReadOnlyCollection<string> terms, string? language)
    {
        var unique = terms.Distinct().ToList();
        return corpora.Where(c => language is null || c.Key == language)
            .SelectMany(c => c.Value.Score(unique))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score).ThenBy(m => m.Article.Id);
    }

    sealed record Document(Article Article, Dictionary<string, int>[] Counts, int[] Lengths)
    {
        public static Document Of(Article article)
        {
            string[] texts = [article.Title, article.Keywords, article.Summary, article.Body];
            var counts = texts.Select(t => KnowledgeText.Terms(t).CountBy(term => term).ToDictionary()).ToArray();
            return new Document(article, counts, counts.Select(c => c.Values.Sum()).ToArray());
        }
    }

    sealed class Corpus
    {
        readonly List<Document> documents;
        readonly double[] averageLengths;
        readonly Dictionary<string, int> documentFrequency = [];

        public Corpus(List<Document> documents)
        {
            this.documents = documents;
            averageLengths = Enumerable.Range(0, Fields.Length).Select(f => Math.Max(1, documents.Average(d => d.Lengths[f]))).ToArray();
            foreach (var term in documents.SelectMany(d => d.Counts.SelectMany(c => c.Keys).Distinct()))
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }

        public IEnumerable<(Article Article, double Score)> Score(List<string> terms)
        {
            var idf = terms.Where(documentFrequency.ContainsKey).ToDictionary(t => t, t =>
                Math.Log(1 + (documents.Count - documentFrequency[t] + 0.5) / (documentFrequency[t] + 0.5)));
            foreach (var document in documents)
            {
                var score = 0.0;
                foreach (var (term, weight) in idf)
                {
                    var tf = 0.0;
                    for (var f = 0; f < Fields.Length; f++)
                    {
                        if (document.Counts[f].TryGetValue(term, out var count))
                            tf += Fields[f].Weight * count / (1 - Fields[f].B + Fields[f].B * document.Lengths[f] / averageLengths[f]);
                    }
                    score += weight * tf * (K1 + 1) / (tf + K1);
                }
                yield return (document.Article, score);
            }
        }
    }
}
