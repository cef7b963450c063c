using System.Text;
using Desk.Bot.Activities;

namespace Desk.Bot;

internal static class Attachments
{
    const int MaxUrlLength = 1_000;
    const int MaxNameLength = 200;
    const int MaxTypeLength = 100;

    // The lines naming files take at most this much of a message, so the user's words keep their room.
    const int MaxFilesLength = 2_000;

    /// <summary>
    /// The user's words with a line for each file they sent (name, type, link), for the query's agent: the desk stores
    /// no files, but the agent must know one came. Teams repeats a message's text as a text/html attachment: not a file.
    /// What a channel sends for a file is kept to one plain line (no control or bidirectional characters, no line breaks),
    /// and the lines stay within <paramref name="most"/> characters with the words: the files past the room are counted,
    /// not named, and the end of long words gives way to that count. Else the query, or every later message of the chat
    /// carrying a held file, would be refused.
    /// </summary>
    public static string Noted(string text, Activity message, int most)
    {
        var files = (message.Attachments ?? [])
            .Where(a => a.ContentType is not ("text/html" or "text/plain"))
            .Select(a => (Name: Plain(a.Name, MaxNameLength), a.ContentType, a.ContentUrl))
            .Where(a => a.Name is { Length: > 0 } || a.ContentUrl is { Length: > 0 })
            .Select(a => Opening + string.Join(", ", new[] { a.Name, Type(a.ContentType), Link(a.ContentUrl) }.Where(p => p is { Length: > 0 })) + "]")
            .ToList();
        if (files.Count == 0)
            return text;
        var room = Math.Min(MaxFilesLength, most - (text.Length == 0 ? 0 : text.Length + 1));
        var (lines, used) = (new List<string>(), 0);
        foreach (var file in files)
        {
            var left = files.Count - lines.Count - 1;
            if (used + file.Length + (left > 0 ? More(left).Length + 1 : 0) > room)
                break;
            lines.Add(file);
            used += file.Length + 1;
        }
        if (lines.Count < files.Count)
            lines.Add(More(files.Count - lines.Count));
        var noted = string.Join("\n", lines);
        if (text.Length == 0)
            return noted;
        return text.Length + 1 + noted.Length <= most ? text + "\n" + noted : text[..Math.Max(0, most - noted.Length - 2)] + "…\n" + noted;
    }

    /// <summary>The words alone, without the lines naming files: what the desk classifies and searches articles with.</summary>
    public static string WordsOf(string noted) =>
        string.Join("\n", noted.Split('\n').Where(line => !(line.StartsWith(Opening, StringComparison.Ordinal) && line.EndsWith(']'))));

    const string Opening = "[attachment: ";

    static string More(int count) => $"{Opening}{count} more {(count == 1 ? "file" : "files")}]";

    // An inline file (a data: URL) is too big to name; its link would say nothing to the agent.
    static string? Link(string? url) =>
        url is { Length: <= MaxUrlLength } && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
            && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url : null;

    static string? Type(string? type) =>
        type is { Length: > 0 and <= MaxTypeLength } && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-' or '_')
            ? type : null;

    /// <summary>One line a reader can trust: without control, bidirectional or separator characters and lone surrogates, cut to length.</summary>
    static string? Plain(string? value, int maxLength)
    {
        if (value is null)
            return null;
        var plain = new StringBuilder(Math.Min(value.Length, maxLength + 1));
        for (var i = 0; i < value.Length && plain.Length <= maxLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                plain.Append(c).Append(value[++i]);
            else if (!(char.IsControl(c) || char.IsSurrogate(c) || IsBidiControl(c) || c is '\u2028' or '\u2029'))
                plain.Append(c);
        }
        var line = plain.ToString().Trim();
        if (line.Length <= maxLength)
            return line;
        var cut = char.IsHighSurrogate(line[maxLength - 2]) ? maxLength - 2 : maxLength - 1;
        return line[..cut].TrimEnd() + "…";
    }

    static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
