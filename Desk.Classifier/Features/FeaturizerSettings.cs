namespace Desk.Classifier.Features;

/// <summary>
/// How text becomes hashed features. Fixed for a <see cref="TextFeaturesMapping.ContractName"/>: a saved model names the
/// contract, and the contract always featurizes alike. Recorded in the model's metadata.
/// </summary>
public sealed record FeaturizerSettings
{
    /// <summary>The settings of <see cref="TextFeaturesMapping"/>.</summary>
    public static FeaturizerSettings Fixed { get; } = new();

    /// <summary>Hash buckets; a power of two. Only buckets seen in training are kept in the model.</summary>
    public int Buckets { get; init; } = 1 << 21;

    /// <summary>Longest word n-gram (1 = unigrams, 2 = uni+bigrams, 3 = up to trigrams).</summary>
    public int MaxWordNgram { get; init; } = 2;

    /// <summary>Shortest character n-gram taken inside a space-padded Latin word.</summary>
    public int MinCharNgram { get; init; } = 4;

    /// <summary>Longest character n-gram taken inside a space-padded Latin word (0 turns them off).</summary>
    public int MaxCharNgram { get; init; } = 4;

    /// <summary>Longest run of consecutive CJK characters taken as one feature (1 = characters only).</summary>
    public int MaxCjkNgram { get; init; } = 2;

    /// <summary>Characters of a text that are featurized; the rest is ignored (long e-mails say it early).</summary>
    public int MaxTextLength { get; init; } = 4000;

    internal const int CurrentHashScheme = 1;

    /// <summary>The hash function generation; a model is only usable with the scheme it was trained with.</summary>
    public int HashScheme { get; init; } = CurrentHashScheme;

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (Buckets < 1024 || Buckets > 1 << 26 || (Buckets & (Buckets - 1)) != 0)
            throw new ArgumentException($"Buckets must be a power of two between 1024 and 2^26, not {Buckets}.");
        if (MaxWordNgram is < 1 or > 3)
            throw new ArgumentException($"MaxWordNgram must be 1 to 3, not {MaxWordNgram}.");
        if (MaxCharNgram != 0 && (MinCharNgram < 1 || MaxCharNgram < MinCharNgram || MaxCharNgram > 6))
            throw new ArgumentException($"Character n-grams must satisfy 1 <= min <= max <= 6, not {MinCharNgram}..{MaxCharNgram}.");
        if (MaxCjkNgram is < 1 or > 4)
            throw new ArgumentException($"MaxCjkNgram must be 1 to 4, not {MaxCjkNgram}.");
        if (MaxTextLength < 16)
            throw new ArgumentException($"MaxTextLength must be at least 16, not {MaxTextLength}.");
        if (HashScheme != CurrentHashScheme)
            throw new ArgumentException($"Hash scheme {HashScheme} is unknown to this build (it knows {CurrentHashScheme}).");
    }
}
