using System.Text;

namespace Desk.Classifier.Corpus;

/// <summary>Which columns of a labelled CSV file to read and which rows to keep.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The column holding the text.</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>The column holding the label (a snake_case type code). When it is <c>label</c> and absent, a <c>type</c> column is read.</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>Labels whose rows are skipped rather than rejected, e.g. <c>unmapped</c>.</summary>
    public IReadOnlySet<string> SkipLabels { get; init; } = new HashSet<string>();

    /// <summary>With <see cref="Split"/>: keep only rows whose value in this column equals it.</summary>
    public string? SplitColumn { get; init; }

    /// <summary>The value of <see cref="SplitColumn"/> to keep, e.g. <c>train</c> or <c>test</c>.</summary>
    public string? Split { get; init; }

    /// <summary>Refuse a header with columns beyond text, label, lang and the split column (a misaligned export).</summary>
    public bool OnlyKnownColumns { get; init; }

    /// <summary>The values a <c>lang</c> field may take, as the set compares them; null: any.</summary>
    public IReadOnlySet<string>? Languages { get; init; }

    /// <summary>Checks each row's text: returns why it is refused (too long, control characters…), or null to keep it.</summary>
    public Func<string, string?>? TextProblem { get; init; }
}

/// <summary>Reads and writes labelled CSV files (header row; <c>text</c>, <c>label</c> and optional <c>lang</c> columns).</summary>
public static class LabelledCsv
{
    const int ProblemsShown = 20;

    /// <summary>
    /// Reads a labelled CSV file whole, or throws <see cref="CorpusFormatException"/> listing the bad lines:
    /// nothing is returned from a malformed file. <paramref name="rowsRead"/> hears the running row count.
    /// </summary>
    public static IReadOnlyList<LabelledText> Read(string path, CsvReadOptions? options = null, IProgress<int>? rowsRead = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No data file at '{path}'.", path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, options, rowsRead);
    }

    /// <summary>As <see cref="Read(string, CsvReadOptions?, IProgress{int}?)"/>, from a reader; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<LabelledText> Read(TextReader reader, string source, CsvReadOptions? options = null, IProgress<int>? rowsRead = null)
    {
        options ??= new CsvReadOptions();
        var problems = new List<string>();
        var examples = new List<LabelledText>();
        try
        {
            using var records = new CsvRecordReader(reader).Records().GetEnumerator();
            if (!records.MoveNext()) throw new CorpusFormatException(source, ["the file is empty (a header row with text and label columns is needed)"]);
            var columns = CsvColumns.From(records.Current.Fields, options);
            var rows = 0;
            while (records.MoveNext())
            {
                var record = records.Current;
                if (++rows % 10_000 == 0) rowsRead?.Report(rows);
                var example = columns.Parse(record, options, problems);
                if (example is not null) examples.Add(example);
            }
            rowsRead?.Report(rows);
        }
        catch (CsvFormatException e)
        {
            problems.Add(e.Message);
        }
        catch (InvalidDataException e)
        {
            problems.Add(e.Message);
        }
        if (problems.Count == 0 && examples.Count == 0) problems.Add("no labelled rows to read");
        if (problems.Count > 0) throw new CorpusFormatException(source, problems);
        return examples;
    }

    /// <summary>Writes examples as <c>text,label,lang</c> CSV, atomically: the file is whole or untouched.</summary>
    public static void Write(string path, IEnumerable<LabelledText> examples) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        writer.Write("text,label,lang\n");
        foreach (var e in examples) writer.Write($"{Quote(e.Text)},{e.Label.ToCode()},{Quote(e.Lang ?? "")}\n");
    });

    static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    internal static void AddProblem(List<string> problems, string problem)
    {
        if (problems.Count < ProblemsShown) problems.Add(problem);
        else if (problems.Count == ProblemsShown) problems.Add($"more problems after the first {ProblemsShown} are not listed");
    }
}

/// <summary>A labelled file that cannot be read whole; nothing was taken from it.</summary>
public sealed class CorpusFormatException(string source, IReadOnlyList<string> problems)
    : FormatException($"'{source}' was rejected, nothing was read from it: {string.Join("; ", problems)}")
{
    /// <summary>The file (or stream) that was rejected.</summary>
    public string File { get; } = source;

    /// <summary>Each problem found, with its line.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
