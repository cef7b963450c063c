using System.CommandLine;
using Desk.Classifier.Corpus;

namespace Desk.Classifier.Cli;

/// <summary>The options every command that reads a labelled CSV shares.</summary>
internal sealed class DataOptions
{
    public Option<FileInfo> Data { get; } = new("--data") { Description = "Labelled CSV file (header with text and label columns)", Required = true };
    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "Column holding the label", DefaultValueFactory = _ => "label" };
    public Option<string[]> SkipLabel { get; } = new("--skip-label") { Description = "Skip rows with this label instead of rejecting the file (repeatable), e.g. unmapped" };
    public Option<string?> SplitColumn { get; } = new("--split-column") { Description = "Column naming each row's split" };
    public Option<string?> Split { get; } = new("--split") { Description = "Keep only rows of this split (with --split-column), e.g. train or test" };

    public void AddTo(Command command, bool withLabelChoices = true)
    {
        command.Add(Data);
        if (!withLabelChoices) return;
        command.Add(LabelColumn);
        command.Add(SkipLabel);
        command.Add(SplitColumn);
        command.Add(Split);
    }

    public IReadOnlyList<LabelledText> Read(ParseResult parse)
    {
        var splitColumn = parse.GetValue(SplitColumn);
        var split = parse.GetValue(Split);
        if ((splitColumn is null) != (split is null)) throw new ArgumentException("--split-column and --split go together.");
        var options = new CsvReadOptions
        {
            LabelColumn = parse.GetValue(LabelColumn) ?? "label",
            SkipLabels = new HashSet<string>(parse.GetValue(SkipLabel) ?? [], StringComparer.OrdinalIgnoreCase),
            SplitColumn = splitColumn,
            Split = split,
        };
        var path = parse.GetRequiredValue(Data).FullName;
        var examples = LabelledCsv.Read(path, options, new SynchronousProgress<int>(rows => Console.Error.WriteLine($"read {rows:N0} rows of {Path.GetFileName(path)}")));
        Console.Error.WriteLine($"{examples.Count:N0} labelled examples from {Path.GetFileName(path)}");
        return examples;
    }
}

/// <summary>Reports on the calling thread, so progress lines come out in order with the rest.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
