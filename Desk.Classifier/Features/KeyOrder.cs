namespace Desk.Classifier.Features;

/// <summary>
/// Puts a text's feature ids in ascending order as ML.NET keys (id + 1). ML.NET's count bag builds a row's vector in
/// one pass when its keys arrive in order, and sorts them itself otherwise. Ids are below 2^21
/// (<see cref="TextFeaturesMapping.KeyCount"/>), so three 7-bit counting passes (a least-significant-digit radix sort)
/// order them in linear time: half what <c>Array.Sort</c> took on app reviews (a few hundred ids per text).
/// </summary>
internal static class KeyOrder
{
    const int Bits = 7, Radix = 1 << Bits, Mask = Radix - 1;

    /// <summary>Writes <paramref name="ids"/> (each below 2^21) + 1 into <paramref name="keys"/>, ascending.</summary>
    public static void Sort(ReadOnlySpan<int> ids, Span<uint> keys)
    {
        if (ids.Length != keys.Length) throw new ArgumentException("One key per id.", nameof(keys));
        var (firstBuffer, secondBuffer) = FeatureScratch.Current.OrderFor(ids.Length);
        var first = firstBuffer.AsSpan(0, ids.Length);
        var second = secondBuffer.AsSpan(0, ids.Length);
        Span<int> counts = stackalloc int[Radix];
        Pass(ids, first, 0, counts);
        Pass(first, second, Bits, counts);
        Pass(second, first, 2 * Bits, counts);
        for (var i = 0; i < keys.Length; i++) keys[i] = (uint)first[i] + 1;
    }

    static void Pass(ReadOnlySpan<int> from, Span<int> to, int shift, Span<int> counts)
    {
        counts.Clear();
        foreach (var id in from) counts[(id >> shift) & Mask]++;
        for (int digit = 0, start = 0; digit < Radix; digit++)
        {
            var count = counts[digit];
            counts[digit] = start;
            start += count;
        }
        foreach (var id in from) to[counts[(id >> shift) & Mask]++] = id;
    }
}
