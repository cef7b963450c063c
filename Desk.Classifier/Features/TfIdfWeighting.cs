using System.Runtime.CompilerServices;

namespace Desk.Classifier.Features;

/// <summary>Finds the model row (feature index) of a hash bucket; -1 when training never saw it.</summary>
internal interface IRowLookup
{
    int Find(int bucket);
}

/// <summary>
/// Sublinear TF × learnt IDF, then L2 normalisation of each feature group (word features, character
/// n-grams) on its own, as scikit-learn's union of two TF-IDF vectorisers does. Training and prediction
/// both weigh through here, so a text gets the same vector in both.
/// </summary>
internal static class TfIdfWeighting
{
    public static float TermWeight(int count) => 1f + MathF.Log(count);

    /// <summary>Writes the row and weight of each known feature; returns how many were kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Weigh<TLookup>(
        ReadOnlySpan<int> buckets, ReadOnlySpan<int> counts, TLookup lookup, ReadOnlySpan<float> idf, int charGroupStart,
        Span<int> rows, Span<float> values)
        where TLookup : IRowLookup
    {
        var kept = 0;
        var firstChar = -1;
        float wordNorm = 0f, charNorm = 0f;
        for (var i = 0; i < buckets.Length; i++)
        {
            var row = lookup.Find(buckets[i]);
            if (row < 0) continue;
            var value = TermWeight(counts[i]) * idf[row];
            // Buckets come ascending and character n-grams hash into the upper half, so groups are contiguous.
            if (buckets[i] >= charGroupStart)
            {
                if (firstChar < 0) firstChar = kept;
                charNorm += value * value;
            }
            else
            {
                wordNorm += value * value;
            }
            rows[kept] = row;
            values[kept++] = value;
        }
        if (firstChar < 0) firstChar = kept;
        Scale(values[..firstChar], wordNorm);
        Scale(values[firstChar..kept], charNorm);
        return kept;
    }

    static void Scale(Span<float> values, float squaredNorm)
    {
        if (squaredNorm <= 0) return;
        var scale = 1f / MathF.Sqrt(squaredNorm);
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
    }
}
