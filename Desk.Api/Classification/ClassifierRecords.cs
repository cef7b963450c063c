namespace Desk.Api.Classification;

/// <summary>A row of classifier_models without the model bytes.</summary>
internal sealed class ModelVersionRow
{
    public long Id { get; init; }
    public string Version { get; init; } = "";
    public DateTimeOffset TrainedAt { get; init; }
    public long ExampleCount { get; init; }
    public long LastExampleId { get; init; }
    public long HeldBackCount { get; init; }
    public double? MacroF1 { get; init; }
    public string? BaselineVersion { get; init; }
    public double? BaselineMacroF1 { get; init; }
    public string Status { get; set; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? ActivatedAt { get; set; }
    public string? ActivatedBy { get; set; }

    public ModelVersionView ToView() => new(Id, Version, Status, Status == ModelStatus.Active, TrainedAt, (int)ExampleCount,
        (int)HeldBackCount, MacroF1, BaselineVersion, BaselineMacroF1, CreatedBy, ActivatedAt, ActivatedBy);
}

internal static class ModelStatus
{
    public const string Active = "active";
    public const string Retired = "retired";
    public const string Rejected = "rejected";
}

/// <summary>
/// A stored model. <c>MacroF1</c> is its score on the held-back slice of the run that trained it, and
/// <c>BaselineMacroF1</c> the score of the model that was active then (<c>BaselineVersion</c>) on the same slice.
/// </summary>
public sealed record ModelVersionView(
    long Number, string Version, string Status, bool Active, DateTimeOffset TrainedAt, int ExampleCount, int HeldBackCount,
    double? MacroF1, string? BaselineVersion, double? BaselineMacroF1, string CreatedBy, DateTimeOffset? ActivatedAt, string? ActivatedBy);

/// <summary>
/// What one import added: rows per type code; <c>Duplicates</c> counts the rows that added nothing (the desk held them already,
/// or the file repeated them). <c>Import</c> numbers the import (DELETE /api/classifier/imports/{number} takes it back); null
/// when nothing was added.
/// </summary>
public sealed record ImportReceipt(int Imported, IReadOnlyDictionary<string, int> ByType, int Duplicates, long? Import);

/// <summary>One import of labelled history: <c>Examples</c> it added; once removed, its examples are deleted and it stays listed.</summary>
public sealed record ClassifierImportView(
    long Number, string FileName, string ImportedBy, DateTimeOffset ImportedAt, int Examples, DateTimeOffset? RemovedAt, string? RemovedBy);

/// <summary>
/// One retraining run. <c>Outcome</c> is <c>promoted</c>, <c>rejected</c>, <c>skipped</c> or <c>cancelled</c> (for these two
/// <c>Reason</c> says why, and nothing was kept). <c>LeftOut</c> counts the labelled examples the run did not learn from, being
/// older than the newest <c>ClassifierTraining:MaxExamplesPerType</c> of their type.
/// </summary>
public sealed record RetrainReport(
    string Outcome, string? Reason, string ActiveVersion, int NewExamples, int HeldBack,
    double? CandidateMacroF1, double? ActiveMacroF1, ModelVersionView? Candidate, int LeftOut);
