using System.Runtime.CompilerServices;

namespace Desk.Classifier.Features;

/// <summary>Finds the model row (feature index) and IDF of a hash bucket; -1 when training never saw it.</summary>
internal interface IRowLookup
{
    int Find(int bucket, out float idf);
}

/// <summary>
/// Sublinear TF × learnt IDF, then L2 normalisation of each feature group (word features, character
/// n-grams) on its own, as scikit-learn's union of two TF-IDF vectorisers does. Training and prediction
/// both weigh through here, so a text gets the same vector in both.
/// Features come in order of first occurrence, and are summed in that order in both.
/// </summary>
internal static class TfIdfWeighting
{
    public static float TermWeight(int count) => count == 1 ? 1f : 1f + MathF.Log(count);

    /// <summary>Writes the row and weight of each known feature; returns how many were kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Weigh<TLookup>(
        ReadOnlySpan<int> buckets, ReadOnlySpan<int> counts, TLookup lookup, int charGroupStart,
        Span<int> rows, Span<float> values)
        where TLookup : IRowLookup
    {
        var kept = 0;
        float wordNorm = 0f, charNorm = 0f;
        for (var i = 0; i < buckets.Length; i++)
        {
            var row = lookup.Find(buckets[i], out var idf);
            if (row < 0) continue;
            var value = TermWeight(counts[i]) * idf;
            if (buckets[i] >= charGroupStart) charNorm += value * value;
            else wordNorm += value * value;
            // The sign bit marks a character n-gram until the scaling pass below.
            rows[kept] = buckets[i] >= charGroupStart ? ~row : row;
            values[kept++] = value;
        }
        var wordScale = wordNorm > 0 ? 1f / MathF.Sqrt(wordNorm) : 0f;
        var charScale = charNorm > 0 ? 1f / MathF.Sqrt(charNorm) : 0f;
        for (var i = 0; i < kept; i++)
        {
            if (rows[i] < 0)
            {
                rows[i] = ~rows[i];
                values[i] *= charScale;
            }
            else
            {
                values[i] *= wordScale;
            }
        }
        return kept;
    }
}
