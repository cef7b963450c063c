using System.Runtime.CompilerServices;
using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>
/// A trained text model: TF-IDF weighted hashed n-grams into a multinomial logistic regression.
/// Immutable; <see cref="Predict(string)"/> is thread-safe and allocation-free on its inner path.
/// </summary>
public sealed class TextClassifierModel
{
    readonly Featurizer featurizer;
    readonly BucketTable table;
    // Per row: its IDF, then its weight for each label. One cache line serves both weighing and scoring.
    readonly float[] blocks;
    readonly QueryType[] labels;

    internal TextClassifierModel(ModelMetadata metadata, int[] buckets, float[] idf, float[] weights, float[] bias)
    {
        var classes = metadata.Labels.Count;
        if (classes < 1 || idf.Length != buckets.Length || weights.Length != buckets.Length * classes || bias.Length != classes)
            throw new ArgumentException("Model arrays do not agree with its label set.");
        Metadata = metadata;
        featurizer = new Featurizer(metadata.Featurizer);
        table = new BucketTable(buckets);
        labels = [.. metadata.Labels];
        Buckets = buckets;
        Idf = idf;
        Weights = weights;
        blocks = new float[buckets.Length * (classes + 1)];
        for (var row = 0; row < buckets.Length; row++)
        {
            blocks[row * (classes + 1)] = idf[row];
            weights.AsSpan(row * classes, classes).CopyTo(blocks.AsSpan(row * (classes + 1) + 1));
        }
        Bias = bias;
    }

    /// <summary>Version, label set, featurizer settings and training metadata.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>Shorthand for <see cref="ModelMetadata.Version"/>.</summary>
    public string Version => Metadata.Version;

    /// <summary>The labels this model predicts, in the order <see cref="Predict(ReadOnlySpan{char}, Span{float})"/> writes them.</summary>
    public IReadOnlyList<QueryType> Labels => labels;

    internal int[] Buckets { get; }
    internal float[] Idf { get; }
    internal float[] Weights { get; }
    internal float[] Bias { get; }

    /// <summary>All labels of the model with their probabilities, most probable first.</summary>
    public IReadOnlyList<LabelScore> Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<float> probabilities = stackalloc float[labels.Length];
        Predict(text, probabilities);
        var ranked = new LabelScore[labels.Length];
        for (var k = 0; k < ranked.Length; k++) ranked[k] = new LabelScore(labels[k], probabilities[k]);
        // Stable on ties (declaration order), so equal inputs always rank alike.
        Array.Sort(ranked, static (a, b) => b.Probability != a.Probability ? b.Probability.CompareTo(a.Probability) : a.Type.CompareTo(b.Type));
        return ranked;
    }

    /// <summary>Writes the probability of each of <see cref="Labels"/> into <paramref name="probabilities"/>; allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        if (probabilities.Length < labels.Length)
            throw new ArgumentException($"Need room for {labels.Length} probabilities.", nameof(probabilities));
        var scores = probabilities[..labels.Length];
        var count = featurizer.Extract(text, out var buckets, out var counts);
        var scratch = FeatureScratch.Current;
        var rows = scratch.SlotsFor(count);
        var values = scratch.ValuesFor(count);
        table.Touch(buckets);
        var stride = labels.Length + 1;
        var kept = TfIdfWeighting.Weigh(buckets, counts, new BucketLookup(table, blocks, stride), featurizer.CharGroupStart, rows, values);

        Bias.CopyTo(scores);
        var classes = labels.Length;
        for (var i = 0; i < kept; i++)
        {
            var value = values[i];
            var row = blocks.AsSpan(rows[i] * stride + 1, classes);
            for (var k = 0; k < classes; k++) scores[k] += value * row[k];
        }
        Softmax(scores);
    }

    internal static void Softmax(Span<float> scores)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores) max = MathF.Max(max, s);
        var sum = 0f;
        for (var k = 0; k < scores.Length; k++) sum += scores[k] = MathF.Exp(scores[k] - max);
        for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
    }

    /// <summary>Saves the model to a file, atomically: the file is whole or untouched.</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Writes the model to a stream.</summary>
    public void Save(Stream stream) => ModelFile.Write(this, stream);

    /// <summary>Loads a model file. Throws <see cref="ModelFormatException"/> for another format version or a damaged file.</summary>
    public static TextClassifierModel Load(string path) => ModelFile.Load(path);

    /// <summary>Reads a model from a stream. Throws <see cref="ModelFormatException"/> as <see cref="Load(string)"/>.</summary>
    public static TextClassifierModel Load(Stream stream) => ModelFile.Read(stream, "stream");
}
