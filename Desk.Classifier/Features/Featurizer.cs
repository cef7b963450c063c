using System.Runtime.CompilerServices;

namespace Desk.Classifier.Features;

/// <summary>
/// Turns text into hashed features: word (token) n-grams, character n-grams inside Latin words, and runs of
/// CJK characters, each CJK character being a token of its own. Works in per-thread scratch buffers, so
/// extracting allocates nothing once a thread has warmed up. ML.NET sees it through <see cref="TextFeaturesMapping"/>.
/// </summary>
internal sealed class Featurizer
{
    const uint UnigramSalt = 0x1000193, NgramSalt = 0x2000193, CharSalt = 0x3000193;

    readonly FeaturizerSettings settings;
    readonly uint halfMask;
    readonly int charGroupStart;

    public Featurizer(FeaturizerSettings settings)
    {
        settings.Validate();
        this.settings = settings;
        charGroupStart = settings.Buckets / 2;
        halfMask = (uint)charGroupStart - 1;
    }

    public FeaturizerSettings Settings => settings;

    /// <summary>Word features hash into the lower half of the buckets, character n-grams into the upper half.</summary>
    public int CharGroupStart => charGroupStart;

    /// <summary>
    /// Extracts every feature occurrence of a text, in text order: word features are below <see cref="CharGroupStart"/>,
    /// character n-grams at or above it. The span points into this thread's scratch and stays valid until the thread's next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<int> Extract(ReadOnlySpan<char> text)
    {
        var scratch = FeatureScratch.Current;
        if (text.Length > settings.MaxTextLength) text = text[..settings.MaxTextLength];
        var chars = scratch.CharsFor(text.Length);
        var tokenCount = Tokenizer.Tokenize(text, chars, scratch);
        var tokens = scratch.Tokens.AsSpan(0, tokenCount);

        var charRange = settings.MaxCharNgram == 0 ? 0 : settings.MaxCharNgram - settings.MinCharNgram + 1;
        var hashes = scratch.HashesFor((2 + settings.MaxWordNgram + settings.MaxCjkNgram) * tokenCount
                                       + charRange * (text.Length + 2 * tokenCount) + 8);
        var n = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var token = ref tokens[i];
            hashes[n++] = Bucket(token.Hash ^ UnigramSalt);
            var maxSpan = token.IsCjk ? Math.Max(settings.MaxWordNgram, settings.MaxCjkNgram) : settings.MaxWordNgram;
            var combined = token.Hash;
            var allCjk = token.IsCjk;
            for (var span = 2; span <= maxSpan && i + span - 1 < tokens.Length; span++)
            {
                ref readonly var next = ref tokens[i + span - 1];
                // Beyond word bigrams, only unbroken runs of CJK characters make longer n-grams.
                allCjk &= next.IsCjk;
                if (span > settings.MaxWordNgram && !allCjk) break;
                combined = Combine(combined, next.Hash);
                hashes[n++] = Bucket(combined ^ (NgramSalt * (uint)span));
            }
            if (!token.IsCjk && charRange > 0)
                n += CharNgrams(chars.AsSpan(token.Start, token.Length), hashes.AsSpan(n));
        }
        return hashes.AsSpan(0, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int CharNgrams(ReadOnlySpan<char> word, Span<int> into)
    {
        // The word padded with a space each side, as scikit-learn's char_wb analyser does: " ab", "ab ".
        // Each start extends its hash one character at a time, so every size costs one step, not a rehash.
        var padded = word.Length + 2;
        var n = 0;
        for (var start = 0; start + settings.MinCharNgram <= padded; start++)
        {
            var h = 2166136261u;
            var end = Math.Min(padded, start + settings.MaxCharNgram);
            for (var k = start; k < end; k++)
            {
                var c = k == 0 || k == padded - 1 ? ' ' : word[k - 1];
                h = (h ^ c) * 16777619u;
                var size = k - start + 1;
                if (size >= settings.MinCharNgram) into[n++] = charGroupStart | Bucket(h ^ CharSalt ^ ((uint)size << 24));
            }
        }
        return n;
    }

    int Bucket(uint h)
    {
        h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16;
        return (int)(h & halfMask);
    }

    static uint Combine(uint a, uint b) => (a * 0x9E3779B1u) ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
}
