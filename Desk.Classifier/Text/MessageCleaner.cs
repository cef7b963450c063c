using System.Buffers;
using System.Text;

namespace Desk.Classifier.Text;

/// <summary>
/// Reduces an incoming chat line or plain-text e-mail body, English or Chinese, to what the writer wrote this time:
/// quoted history, the signature, legal disclaimers and "Sent from my iPhone" lines go before the classifier reads it.
/// Greetings and pleasantries stay; the model learns that they are neutral.
/// </summary>
public static partial class MessageCleaner
{
    /// <summary>Returns <paramref name="text"/> without quoted history, signature, disclaimer and "Sent from" lines.</summary>
    /// <param name="text">A chat line or an e-mail body with <c>\n</c> or <c>\r\n</c> line breaks.</param>
    /// <returns>
    /// The same instance when nothing is cut, which includes every text without a line break (every rule cuts whole
    /// lines, so a single line could only be cut to nothing); otherwise the kept text, trimmed; and the original text,
    /// trimmed, when cleaning would leave nothing (a message that is all quote, or just "Thanks,").
    /// </returns>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('\n') || !HasMarker(text)) return text;

        var rented = ArrayPool<Line>.Shared.Rent(text.AsSpan().Count('\n') + 1);
        try
        {
            var lines = rented.AsSpan(0, Split(text, rented));
            var history = FindHistory(text, lines);
            var body = FindSignOff(text, lines, history);
            if (body == lines.Length && !AnyDropped(lines)) return text;

            var cleaned = Join(text, lines[..body]);
            // A "Thanks!" over a quoted thread is what the writer wrote; keep it rather than the whole thread.
            if (cleaned.Length == 0 && body < history) cleaned = Join(text, lines[..history]);
            return cleaned.Length > 0 ? cleaned : text.Trim();
        }
        finally
        {
            ArrayPool<Line>.Shared.Return(rented);
        }
    }

    /// <summary>The scan before anything is allocated: does any line look like something a rule may cut?</summary>
    static bool HasMarker(string text)
    {
        for (var start = 0; ;)
        {
            var (end, next) = LineAt(text, start);
            var line = text.AsSpan(start, end - start);
            if (KindOf(line) is not (Kind.Text or Kind.Blank) || EndsAttribution(line.TrimEnd())) return true;
            if (next < 0) return false;
            start = next;
        }
    }

    static int Split(string text, Line[] lines)
    {
        var count = 0;
        for (var start = 0; ;)
        {
            var (end, next) = LineAt(text, start);
            lines[count++] = new Line(start, end, next < 0 ? text.Length : next, KindOf(text.AsSpan(start, end - start)));
            if (next < 0) return count;
            start = next;
        }
    }

    /// <summary>The end of the line starting at <paramref name="start"/>, without its line break, and where the next starts (-1 after the last).</summary>
    static (int End, int Next) LineAt(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        if (newline < 0) return (text.Length, -1);
        return (newline > start && text[newline - 1] == '\r' ? newline - 1 : newline, newline + 1);
    }

    /// <summary>The index of the line where quoted history (or the signature, or a disclaimer) starts; attributions above '>' quotes become quote lines.</summary>
    static int FindHistory(string text, Span<Line> lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var width = AttributionWidth(text, lines, i);
            if (width > 0)
            {
                // "On ... wrote:" over '>' lines may be answered in between (bottom-posting): drop it with its quotes instead.
                var next = NextNonBlank(lines, i + width);
                if (next == lines.Length || lines[next].Kind != Kind.Quote) return i;
                for (var k = i; k < i + width; k++) lines[k].Kind = Kind.Quote;
                i += width - 1;
                continue;
            }
            switch (lines[i].Kind)
            {
                case Kind.OriginalMessage or Kind.SignatureDash or Kind.Disclaimer:
                    return i;
                case Kind.Underscores when NextNonBlank(lines, i + 1) is var after && after < lines.Length && lines[after].Kind == Kind.From:
                    return i;
                case Kind.From when IsHeaderBlock(lines, i):
                    return i;
            }
        }
        return lines.Length;
    }

    static int AttributionWidth(string text, Span<Line> lines, int i)
    {
        var line = lines[i];
        if (line.Kind == Kind.Attribution) return 1;
        if (line.Kind != Kind.Text || i + 1 >= lines.Length) return 0;
        var wrapped = text.AsSpan(line.Start, lines[i + 1].End - line.Start).Trim();
        return IsAttribution(wrapped) ? 2 : 0;
    }

    static bool IsHeaderBlock(Span<Line> lines, int from)
    {
        var fields = 0;
        for (var i = from + 1; i < lines.Length && i <= from + HeaderBlockReach; i++)
            if (lines[i].Kind == Kind.Header) fields++;
        return fields >= 2;
    }

    /// <summary>The first sign-off line before <paramref name="end"/> that only a short signature follows, or <paramref name="end"/>.</summary>
    static int FindSignOff(string text, Span<Line> lines, int end)
    {
        for (var i = 0; i < end; i++)
            if (lines[i].Kind == Kind.SignOff && IsSignature(text, lines[(i + 1)..end])) return i;
        return end;
    }

    static bool IsSignature(string text, Span<Line> block)
    {
        var count = 0;
        foreach (var line in block)
        {
            // "此致" is followed by "敬礼！", a second sign-off rather than a sentence.
            if (line.Kind is Kind.Blank or Kind.SignOff || IsDropped(line.Kind)) continue;
            if (++count > MaxSignatureLines || !IsSignatureLine(text.AsSpan(line.Start, line.End - line.Start).Trim())) return false;
        }
        return true;
    }

    static int NextNonBlank(Span<Line> lines, int from)
    {
        while (from < lines.Length && lines[from].Kind == Kind.Blank) from++;
        return from;
    }

    static bool AnyDropped(Span<Line> lines)
    {
        foreach (var line in lines)
            if (IsDropped(line.Kind)) return true;
        return false;
    }

    static bool IsDropped(Kind kind) => kind is Kind.Quote or Kind.SentFrom;

    static string Join(string text, Span<Line> lines)
    {
        var kept = new StringBuilder(lines.IsEmpty ? 0 : lines[^1].Next);
        foreach (var line in lines)
            if (!IsDropped(line.Kind)) kept.Append(text, line.Start, line.Next - line.Start);
        return kept.ToString().Trim();
    }

    record struct Line(int Start, int End, int Next, Kind Kind);
}
