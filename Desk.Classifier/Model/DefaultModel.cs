using Desk.Classifier.Corpus;

namespace Desk.Classifier.Model;

/// <summary>The shipped default model: trained from the embedded seed corpus once per process, on first use.</summary>
public static class DefaultModel
{
    static readonly Lazy<TextClassifierModel> Model = new(() => ModelTrainer.Train(SeedCorpus.Load(), Options));

    /// <summary>The options the default model trains with: every feature counts in a corpus this small.</summary>
    public static TrainingOptions Options { get; } = new() { Name = "seed", MinDocumentFrequency = 1 };

    /// <summary>The default model; the first call trains it (seconds), later calls return the same instance.</summary>
    public static TextClassifierModel Get() => Model.Value;
}
