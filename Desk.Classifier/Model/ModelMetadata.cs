using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>What a model file says about itself besides its weights.</summary>
public sealed record ModelMetadata
{
    /// <summary>The model's version, e.g. <c>seed-2026.11.23-1a2b3c4d</c>: name, training date, fingerprint of corpus and settings.</summary>
    public required string Version { get; init; }

    /// <summary>The labels the model can predict, in the order of its weight columns.</summary>
    public required IReadOnlyList<QueryType> Labels { get; init; }

    /// <summary>How the model featurizes text.</summary>
    public required FeaturizerSettings Featurizer { get; init; }

    /// <summary>How and on what the model was trained.</summary>
    public required TrainingMetadata Training { get; init; }
}

/// <summary>How and on what a model was trained.</summary>
public sealed record TrainingMetadata
{
    /// <summary>The name given at training (the first part of the version).</summary>
    public required string Name { get; init; }

    /// <summary>The seed training ran with.</summary>
    public required int Seed { get; init; }

    /// <summary>The trainer of the models this build makes.</summary>
    public const string MaximumEntropy = "LbfgsMaximumEntropy";

    /// <summary>How many labelled examples the model learnt from.</summary>
    public required int ExampleCount { get; init; }

    /// <summary>SHA-256 (hex) over the examples' labels and texts, in order.</summary>
    public required string CorpusHash { get; init; }

    /// <summary>When training finished (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Inverse L2 regularisation strength, as scikit-learn's C.</summary>
    public required double C { get; init; }

    /// <summary>Whether examples were weighted so every label counts alike.</summary>
    public required bool BalanceClasses { get; init; }

    /// <summary>The ML.NET trainer, e.g. <c>LbfgsMaximumEntropy</c>.</summary>
    public required string Trainer { get; init; }

    /// <summary>The temperature applied to the model's probabilities (1: none); fitted on a held-back tenth when trained with calibration.</summary>
    public double Temperature { get; init; } = 1;

    /// <summary>Examples the temperature was fitted on (0: not calibrated).</summary>
    public int CalibrationExamples { get; init; }

    /// <summary>Features (n-grams of the learnt vocabulary, both groups) the model holds weights for.</summary>
    public required int FeatureCount { get; init; }
}
