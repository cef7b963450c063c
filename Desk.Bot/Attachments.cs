using Desk.Bot.Activities;

namespace Desk.Bot;

internal static class Attachments
{
    const int MaxUrlLength = 2_000;

    /// <summary>
    /// The user's words with a line for each file they sent (name, type, link), for the query's agent: the desk stores
    /// no files, but the agent must know one came. Teams repeats a message's text as a text/html attachment: not a file.
    /// </summary>
    public static string Noted(string text, Activity message)
    {
        var files = (message.Attachments ?? [])
            .Where(a => a.ContentType is not ("text/html" or "text/plain") && (a.Name is { Length: > 0 } || a.ContentUrl is { Length: > 0 }))
            .Select(a => Opening + string.Join(", ", new[] { a.Name, a.ContentType, Link(a.ContentUrl) }.Where(p => p is { Length: > 0 })) + "]")
            .ToList();
        return files.Count == 0 ? text : string.Join("\n", text.Length == 0 ? files : [text, .. files]);
    }

    /// <summary>The words alone, without the lines naming files: what the desk classifies and searches articles with.</summary>
    public static string WordsOf(string noted) =>
        string.Join("\n", noted.Split('\n').Where(line => !(line.StartsWith(Opening, StringComparison.Ordinal) && line.EndsWith(']'))));

    const string Opening = "[attachment: ";

    // An inline file (a data: URL) is too big to name; its link would say nothing to the agent.
    static string? Link(string? url) =>
        url is { Length: <= MaxUrlLength } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? url : null;
}
