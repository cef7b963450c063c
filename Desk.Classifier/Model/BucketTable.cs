using System.Runtime.CompilerServices;

namespace Desk.Classifier.Model;

/// <summary>Open-addressing map from a hash bucket to the model row that holds its weights.</summary>
internal sealed class BucketTable
{
    // Key and row side by side: one cache line per probe.
    readonly (int Key, int Row)[] entries;
    readonly int shift;

    public BucketTable(ReadOnlySpan<int> buckets)
    {
        var capacity = 16;
        while (capacity < buckets.Length * 2) capacity <<= 1;
        entries = new (int, int)[capacity];
        Array.Fill(entries, (-1, -1));
        shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
        for (var row = 0; row < buckets.Length; row++)
        {
            var i = Home(buckets[row]);
            while (entries[i].Key >= 0) i = (i + 1) & (capacity - 1);
            entries[i] = (buckets[row], row);
        }
    }

    /// <summary>The row of a bucket, or -1 when training never saw it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(int bucket)
    {
        var last = entries.Length - 1;
        for (var i = Home(bucket); ; i = (i + 1) & last)
        {
            var (key, row) = entries[i];
            if (key == bucket) return row;
            if (key < 0) return -1;
        }
    }

    /// <summary>
    /// Reads the home slot of every bucket, in a loop free of unpredictable branches, so the CPU fetches
    /// them in parallel; the probing that follows then finds them in cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Touch(ReadOnlySpan<int> buckets)
    {
        var sum = 0;
        foreach (var bucket in buckets) sum += entries[Home(bucket)].Row;
        return sum;
    }

    int Home(int bucket) => (int)(((uint)bucket * 0x9E3779B1u) >> shift);
}

/// <summary>
/// A model's lookup: the bucket table, then the row's block of IDF followed by its weights. A struct, so
/// generic weighing code inlines it.
/// </summary>
internal readonly struct BucketLookup(BucketTable table, float[] blocks, int stride) : Features.IRowLookup
{
    public int Find(int bucket, out float idf)
    {
        var row = table.Find(bucket);
        idf = row < 0 ? 0 : blocks[row * stride];
        return row;
    }
}
