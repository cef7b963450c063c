namespace Desk.Classifier.Model;

/// <summary>Open-addressing map from a hash bucket to the model row that holds its weights.</summary>
internal sealed class BucketTable : Features.IRowLookup
{
    readonly int[] keys;
    readonly int[] rows;
    readonly int shift;

    public BucketTable(ReadOnlySpan<int> buckets)
    {
        var capacity = 16;
        while (capacity < buckets.Length * 2) capacity <<= 1;
        keys = new int[capacity];
        rows = new int[capacity];
        Array.Fill(keys, -1);
        shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
        for (var row = 0; row < buckets.Length; row++)
        {
            var i = Home(buckets[row]);
            while (keys[i] >= 0) i = (i + 1) & (capacity - 1);
            keys[i] = buckets[row];
            rows[i] = row;
        }
    }

    /// <summary>The row of a bucket, or -1 when training never saw it.</summary>
    public int Find(int bucket)
    {
        var last = keys.Length - 1;
        for (var i = Home(bucket); ; i = (i + 1) & last)
        {
            var key = keys[i];
            if (key == bucket) return rows[i];
            if (key < 0) return -1;
        }
    }

    int Home(int bucket) => (int)(((uint)bucket * 0x9E3779B1u) >> shift);
}
