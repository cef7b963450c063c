using System.Text;

namespace Desk.Classifier.Corpus;

/// <summary>An RFC 4180 record and the line it starts on (1-based).</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" for a quote inside them,
/// line breaks allowed inside quoted fields, CRLF or LF. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    readonly StringBuilder field = new();
    readonly List<string> fields = [];
    int line = 1;

    public IEnumerable<CsvRecord> Records()
    {
        while (true)
        {
            var startLine = line;
            var record = ReadRecord();
            if (record is null) yield break;
            if (record.Length == 1 && record[0].Length == 0) continue;
            yield return new CsvRecord(startLine, record);
        }
    }

    string[]? ReadRecord()
    {
        fields.Clear();
        field.Clear();
        var c = reader.Read();
        if (c < 0) return null;
        while (true)
        {
            if (c == '"' && field.Length == 0)
            {
                c = ReadQuoted();
            }
            else
            {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r')
                {
                    if (c == '"') throw new CsvFormatException(line, "a quote inside an unquoted field (quote the whole field and double the quote)");
                    field.Append((char)c);
                    c = reader.Read();
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (c == ',') { c = reader.Read(); continue; }
            if (c == '\r' && reader.Peek() == '\n') reader.Read();
            if (c is '\r' or '\n') line++;
            return [.. fields];
        }
    }

    int ReadQuoted()
    {
        var openedOn = line;
        while (true)
        {
            var c = reader.Read();
            if (c < 0) throw new CsvFormatException(openedOn, "a quoted field opened on this line is never closed");
            if (c == '"')
            {
                if (reader.Peek() == '"') { reader.Read(); field.Append('"'); continue; }
                var after = reader.Read();
                if (after is < 0 or ',' or '\n' or '\r') return after;
                throw new CsvFormatException(line, "text after the closing quote of a field");
            }
            if (c == '\n' || (c == '\r' && reader.Peek() != '\n')) line++;
            field.Append((char)c);
        }
    }
}

/// <summary>A CSV file that is not well-formed, with the line where it breaks.</summary>
public sealed class CsvFormatException(int line, string problem) : FormatException($"line {line}: {problem}")
{
    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; } = line;
}
