using System.Globalization;
using System.Text;
using Desk.Api.Queries;
using Desk.Classifier;
using Desk.Classifier.Corpus;
using Microsoft.Extensions.Options;

namespace Desk.Api.Classification;

/// <summary>Imports a site's labelled history (CSV <c>text,type[,lang]</c> or <c>text,label</c>) as training examples: whole or not at all.</summary>
internal sealed partial class ExampleImport(
    LabelledExampleStore store, IOptionsMonitor<ClassifierTrainingOptions> options, TimeProvider clock, ILogger<ExampleImport> logger)
{
    static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // An example is stored text like any query: the same rules and limit; a file is the desk's own three columns.
    static readonly CsvReadOptions Rules = new()
    {
        OnlyKnownColumns = true,
        Languages = CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.Name).Where(n => n.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase),
        TextProblem = text => TextRules.Problem(text, "text", Limits.TextLength),
    };

    public async Task<ImportResult> ImportAsync(Stream csv, string source, string actor, CancellationToken ct)
    {
        IReadOnlyList<LabelledText> examples;
        try
        {
            using var reader = new StreamReader(csv, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            examples = LabelledCsv.Read(reader, source, Rules, new RowsLogged(this, source));
        }
        catch (CorpusFormatException e)
        {
            LogRejected(source, e.Problems.Count);
            return new ImportResult.Rejected(e.Problems);
        }
        catch (DecoderFallbackException)
        {
            LogRejected(source, 1);
            return new ImportResult.Rejected(["the file is not UTF-8 text"]);
        }
        if (examples.Count > options.CurrentValue.MaxImportRows)
        {
            LogRejected(source, 1);
            return new ImportResult.Rejected([$"the file holds {examples.Count:N0} rows; an import takes at most "
                + $"{options.CurrentValue.MaxImportRows:N0} (ClassifierTraining:MaxImportRows): split it"]);
        }
        // A row the desk holds already, with the same type, or a repeat within the file, adds nothing (ExampleTexts).
        var known = (await store.ListAsync(ct)).Select(e => (ExampleTexts.Key(e.Example.Text), e.Example.Label)).ToHashSet();
        var fresh = examples.Where(e => known.Add((ExampleTexts.Key(e.Text), e.Label))).ToList();
        var import = await store.AddImportAsync(fresh, actor, source, clock.GetUtcNow(), ct);
        LogImported(fresh.Count, source);
        var byType = fresh.GroupBy(e => e.Label).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToCode(), g => g.Count());
        return new ImportResult.Imported(new ImportReceipt(fresh.Count, byType, examples.Count - fresh.Count, import));
    }

    /// <summary>Reports on the calling thread, so the log shows progress while a big file is read.</summary>
    sealed class RowsLogged(ExampleImport import, string source) : IProgress<int>
    {
        public void Report(int rows) => import.LogRowsRead(source, rows);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import of {Source}: {Rows} rows read")]
    partial void LogRowsRead(string source, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} labelled examples from {Source}")]
    partial void LogImported(int count, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {Source} rejected whole: {Problems} problems; nothing was added")]
    partial void LogRejected(string source, int problems);
}

internal abstract record ImportResult
{
    public sealed record Imported(ImportReceipt Receipt) : ImportResult;

    public sealed record Rejected(IReadOnlyList<string> Problems) : ImportResult;
}
