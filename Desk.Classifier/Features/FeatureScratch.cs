using System.Runtime.CompilerServices;

namespace Desk.Classifier.Features;

/// <summary>Per-thread buffers of the featurizer; they grow to the longest text seen and are reused.</summary>
internal sealed class FeatureScratch
{
    [ThreadStatic] static FeatureScratch? current;

    public static FeatureScratch Current => current ??= new FeatureScratch();

    char[] chars = new char[256];
    int[] hashes = new int[2048];
    int[] counts = new int[2048];
    float[] values = new float[2048];
    int[] slots = new int[2048];

    public Token[] Tokens { get; private set; } = new Token[128];

    public char[] CharsFor(int length) => chars.Length >= length ? chars : chars = new char[Grow(length)];

    public int[] HashesFor(int length) => hashes.Length >= length ? hashes : hashes = new int[Grow(length)];

    int[] tableEntry = new int[4096];
    int[] tableStamp = new int[4096];
    int stamp;

    /// <summary>
    /// Compacts <paramref name="hashes"/> in place to its distinct values, in order of first occurrence, and
    /// counts each. A stamped open-addressing table does it in linear time without clearing between texts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Deduplicate(Span<int> hashes, out Span<int> occurrences)
    {
        if (counts.Length < hashes.Length) counts = new int[Grow(hashes.Length)];
        var capacity = tableEntry.Length;
        if (capacity < hashes.Length * 2)
        {
            capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)hashes.Length * 2);
            tableEntry = new int[capacity];
            tableStamp = new int[capacity];
            stamp = 0;
        }
        if (++stamp == int.MaxValue)
        {
            Array.Clear(tableStamp);
            stamp = 1;
        }
        var mask = capacity - 1;
        var distinct = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            var hash = hashes[i];
            var slot = (int)((uint)hash * 0x9E3779B1u) & mask;
            while (true)
            {
                if (tableStamp[slot] != stamp)
                {
                    tableStamp[slot] = stamp;
                    tableEntry[slot] = distinct;
                    hashes[distinct] = hash;
                    counts[distinct++] = 1;
                    break;
                }
                var entry = tableEntry[slot];
                if (hashes[entry] == hash)
                {
                    counts[entry]++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        occurrences = counts.AsSpan(0, distinct);
        return distinct;
    }

    public float[] ValuesFor(int length) => values.Length >= length ? values : values = new float[Grow(length)];

    public int[] SlotsFor(int length) => slots.Length >= length ? slots : slots = new int[Grow(length)];

    public void EnsureTokens(int length)
    {
        if (Tokens.Length >= length) return;
        var grown = new Token[Grow(length)];
        Tokens.CopyTo(grown, 0);
        Tokens = grown;
    }

    static int Grow(int length) => Math.Max(length, 16) * 2;
}
