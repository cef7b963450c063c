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

    /// <summary>Features seen in fewer training examples than this were dropped.</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Optimiser iterations run.</summary>
    public required int Iterations { get; init; }

    /// <summary>The regularised training loss reached.</summary>
    public required double FinalLoss { get; init; }

    /// <summary>Distinct features (seen hash buckets) the model holds weights for.</summary>
    public required int FeatureCount { get; init; }
}
