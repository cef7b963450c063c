using System.Diagnostics;
using System.Runtime.InteropServices;
using Desk.Classifier.Corpus;
using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>
/// The training examples as a TF-IDF matrix, kept twice: by row (example) for scores and by column (feature)
/// for gradients, so both passes run in parallel without shared writes and give the same sums on any core count.
/// </summary>
internal sealed class TrainingMatrix
{
    public required int Rows { get; init; }
    public required int[] Buckets { get; init; }
    public required float[] Idf { get; init; }
    public required int[] RowStart { get; init; }
    public required int[] RowFeature { get; init; }
    public required float[] RowValue { get; init; }
    public required int[] ColumnStart { get; init; }
    public required int[] ColumnRow { get; init; }
    public required float[] ColumnValue { get; init; }

    public int Features => Buckets.Length;

    public static TrainingMatrix Build(IReadOnlyList<LabelledText> examples, Featurizer featurizer, int minDocumentFrequency = 1)
    {
        var rowBuckets = new int[examples.Count][];
        var rowCounts = new int[examples.Count][];
        Parallel.For(0, examples.Count, i =>
        {
            featurizer.Extract(examples[i].Text, out var buckets, out var counts);
            rowBuckets[i] = buckets.ToArray();
            rowCounts[i] = counts.ToArray();
        });

        var documentFrequency = new Dictionary<int, int>();
        foreach (var buckets in rowBuckets)
            foreach (var bucket in buckets)
                CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, bucket, out _)++;
        var featureBuckets = documentFrequency.Where(p => p.Value >= minDocumentFrequency).Select(p => p.Key).ToArray();
        Array.Sort(featureBuckets);
        var featureOf = new Dictionary<int, int>(featureBuckets.Length);
        var idf = new float[featureBuckets.Length];
        for (var f = 0; f < featureBuckets.Length; f++)
        {
            featureOf[featureBuckets[f]] = f;
            // Smoothed IDF, as scikit-learn's: ln((1 + n) / (1 + df)) + 1.
            idf[f] = (float)(Math.Log((1.0 + examples.Count) / (1.0 + documentFrequency[featureBuckets[f]])) + 1.0);
        }

        var kept = new int[examples.Count];
        Parallel.For(0, examples.Count, i =>
        {
            foreach (var bucket in rowBuckets[i])
                if (featureOf.ContainsKey(bucket)) kept[i]++;
        });
        var rowStart = new int[examples.Count + 1];
        for (var i = 0; i < examples.Count; i++) rowStart[i + 1] = rowStart[i] + kept[i];
        var rowFeature = new int[rowStart[^1]];
        var rowValue = new float[rowStart[^1]];
        var lookup = new FeatureLookup(featureOf, idf);
        Parallel.For(0, examples.Count, i =>
        {
            var span = rowStart[i]..rowStart[i + 1];
            var weighed = TfIdfWeighting.Weigh(rowBuckets[i], rowCounts[i], lookup, featurizer.CharGroupStart,
                rowFeature.AsSpan(span), rowValue.AsSpan(span));
            Debug.Assert(weighed == kept[i]);
        });

        var (columnStart, columnRow, columnValue) = Transpose(examples.Count, featureBuckets.Length, rowStart, rowFeature, rowValue);
        return new TrainingMatrix
        {
            Rows = examples.Count, Buckets = featureBuckets, Idf = idf,
            RowStart = rowStart, RowFeature = rowFeature, RowValue = rowValue,
            ColumnStart = columnStart, ColumnRow = columnRow, ColumnValue = columnValue,
        };
    }

    static (int[] Start, int[] Row, float[] Value) Transpose(int rows, int features, int[] rowStart, int[] rowFeature, float[] rowValue)
    {
        var start = new int[features + 1];
        foreach (var f in rowFeature) start[f + 1]++;
        for (var f = 0; f < features; f++) start[f + 1] += start[f];
        var next = start[..^1];
        var row = new int[rowFeature.Length];
        var value = new float[rowFeature.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = rowStart[i]; j < rowStart[i + 1]; j++)
            {
                var at = next[rowFeature[j]]++;
                row[at] = i;
                value[at] = rowValue[j];
            }
        }
        return (start, row, value);
    }

    readonly struct FeatureLookup(Dictionary<int, int> featureOf, float[] idf) : IRowLookup
    {
        public int Find(int bucket, out float weight)
        {
            var row = featureOf.GetValueOrDefault(bucket, -1);
            weight = row < 0 ? 0 : idf[row];
            return row;
        }
    }
}
