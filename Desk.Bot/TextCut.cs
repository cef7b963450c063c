using System.Globalization;

namespace Desk.Bot;

/// <summary>Text cut to a length for a subject, a preview or a quote, shared by the bot and the desk.</summary>
public static class TextCut
{
    /// <summary>
    /// <paramref name="text"/> in at most <paramref name="max"/> UTF-16 units, ending in <paramref name="ellipsis"/> when
    /// cut, and cut between characters as a reader sees them: never inside an emoji or between a letter and its accent.
    /// </summary>
    public static string Shorten(string text, int max, string ellipsis = "...")
    {
        if (text.Length <= max)
            return text;
        var (room, end) = (max - ellipsis.Length, 0);
        while (end < text.Length && end + StringInfo.GetNextTextElementLength(text, end) is var next && next <= room)
            end = next;
        return string.Concat(text.AsSpan(0, end), ellipsis);
    }
}
