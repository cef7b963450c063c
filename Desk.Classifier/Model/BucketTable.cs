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

    int Home(int bucket) => (int)(((uint)bucket * 0x9E3779B1u) >> shift);
}

/// <summary>A <see cref="BucketTable"/> as a struct, so generic weighing code inlines its lookups.</summary>
internal readonly struct BucketLookup(BucketTable table) : Features.IRowLookup
{
    public int Find(int bucket) => table.Find(bucket);
}
