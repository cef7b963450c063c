using System.Globalization;
using System.Text;

namespace Desk.Classifier.Evaluation;

/// <summary>Precision, recall and F1 of one label; support is how many examples carry it.</summary>
public sealed record ClassMetrics(QueryType Label, double Precision, double Recall, double F1, int Support);

/// <summary>How a model did on labelled examples.</summary>
public sealed record EvaluationReport
{
    /// <summary>The labels of the matrix: every gold label and every predicted one, in declaration order.</summary>
    public required IReadOnlyList<QueryType> Labels { get; init; }

    /// <summary>Per-label metrics for every label of <see cref="Labels"/>.</summary>
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>Counts: row = gold label, column = predicted label, both indexed as <see cref="Labels"/>.</summary>
    public required int[,] ConfusionMatrix { get; init; }

    /// <summary>Share of examples predicted right.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Mean F1 over the gold labels present in the data (a label only ever predicted does not count).</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Expected calibration error of the top label's probability (<see cref="Calibration.ExpectedError"/>); null when not measured.</summary>
    public double? CalibrationError { get; init; }

    /// <summary>How many examples were scored.</summary>
    public required int Count { get; init; }

    /// <summary>The per-class table, then <c>accuracy:</c>, <c>macro-F1:</c> and (when measured) calibration lines.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{"label",-24}{"precision",10}{"recall",10}{"f1",10}{"support",10}");
        foreach (var m in PerClass)
            text.AppendLine(inv, $"{m.Label.ToCode(),-24}{m.Precision,10:0.000}{m.Recall,10:0.000}{m.F1,10:0.000}{m.Support,10}");
        text.AppendLine();
        text.AppendLine("confusion (rows gold, columns predicted):");
        text.Append(inv, $"{"",-24}");
        foreach (var label in Labels) text.Append(inv, $"{Abbreviate(label),8}");
        text.AppendLine();
        for (var g = 0; g < Labels.Count; g++)
        {
            text.Append(inv, $"{Labels[g].ToCode(),-24}");
            for (var p = 0; p < Labels.Count; p++) text.Append(inv, $"{ConfusionMatrix[g, p],8}");
            text.AppendLine();
        }
        text.AppendLine();
        text.AppendLine(inv, $"accuracy: {Accuracy:0.0000}");
        text.AppendLine(inv, $"macro-F1: {MacroF1:0.0000}");
        if (CalibrationError is { } ece) text.AppendLine(inv, $"calibration error (ECE): {ece:0.0000}");
        return text.ToString();
    }

    static string Abbreviate(QueryType label) => label.ToCode() is var code && code.Length > 7 ? code[..7] : label.ToCode();
}
