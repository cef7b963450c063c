namespace Desk.Classifier.Features;

/// <summary>Per-thread buffers of the featurizer; they grow to the longest text seen and are reused.</summary>
internal sealed class FeatureScratch
{
    [ThreadStatic] static FeatureScratch? current;

    public static FeatureScratch Current => current ??= new FeatureScratch();

    char[] chars = new char[256];
    int[] hashes = new int[2048];
    int[] order = new int[2048], orderSpare = new int[2048];

    public Token[] Tokens { get; private set; } = new Token[128];

    public char[] CharsFor(int length) => chars.Length >= length ? chars : chars = new char[Grow(length)];

    public int[] HashesFor(int length) => hashes.Length >= length ? hashes : hashes = new int[Grow(length)];

    /// <summary>Two buffers of at least <paramref name="length"/> for <see cref="KeyOrder"/>'s passes.</summary>
    public (int[] First, int[] Second) OrderFor(int length)
    {
        if (order.Length < length) (order, orderSpare) = (new int[Grow(length)], new int[Grow(length)]);
        return (order, orderSpare);
    }

    public void EnsureTokens(int length)
    {
        if (Tokens.Length >= length) return;
        var grown = new Token[Grow(length)];
        Tokens.CopyTo(grown, 0);
        Tokens = grown;
    }

    static int Grow(int length) => Math.Max(length, 16) * 2;
}
