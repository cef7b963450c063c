namespace Desk.Api.Classification;

/// <summary>
/// When two labelled examples say the same thing: the same words, whatever their case and spacing. Copies would weigh one
/// text many times over in training, and a copy on each side of the held-back line would judge a candidate on what it
/// was trained on.
/// </summary>
internal static class ExampleTexts
{
    public static string Key(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
