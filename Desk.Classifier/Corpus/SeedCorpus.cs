namespace Desk.Classifier.Corpus;

/// <summary>The seed corpus shipped inside this assembly (every <c>Corpus/*.csv</c>, embedded at build).</summary>
public static class SeedCorpus
{
    const string Prefix = "Desk.Classifier.Corpus.";

    /// <summary>The names of the embedded corpus files, e.g. <c>seed.en.csv</c>, in ordinal order.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. typeof(SeedCorpus).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)];

    /// <summary>Every example of every embedded corpus file, files in ordinal order, rows in file order.</summary>
    public static IReadOnlyList<LabelledText> Load()
    {
        if (Files.Count == 0) throw new InvalidOperationException("No seed corpus is embedded in Desk.Classifier (Corpus/*.csv).");
        var examples = new List<LabelledText>();
        foreach (var file in Files)
        {
            using var stream = typeof(SeedCorpus).Assembly.GetManifestResourceStream(Prefix + file)!;
            using var reader = new StreamReader(stream);
            examples.AddRange(LabelledCsv.Read(reader, file));
        }
        return examples;
    }

    /// <summary>
    /// At most <paramref name="perType"/> examples of each type, spread evenly over the corpus (every file and language
    /// keeps its share), in corpus order; the same examples on every call.
    /// </summary>
    public static IReadOnlyList<LabelledText> Sample(int perType)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perType);
        var all = Load();
        var keep = all.Select((e, i) => (e, i)).GroupBy(x => x.e.Label)
            .SelectMany(g =>
            {
                var rows = g.ToList();
                return rows.Count <= perType ? rows : Enumerable.Range(0, perType).Select(k => rows[(int)((long)k * rows.Count / perType)]);
            })
            .Select(x => x.i).ToHashSet();
        return [.. all.Where((_, i) => keep.Contains(i))];
    }
}
