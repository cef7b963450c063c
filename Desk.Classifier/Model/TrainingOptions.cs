using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>How to train a model. The defaults were tuned on the train splits of the evaluation datasets.</summary>
public sealed record TrainingOptions
{
    /// <summary>The first part of the model's version, e.g. <c>seed</c> or <c>site</c>.</summary>
    public string Name { get; init; } = "model";

    /// <summary>Seed for everything random in training and cross-validation (fold assignment).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Inverse L2 regularisation strength, as scikit-learn's C: larger fits the data more closely.</summary>
    public double C { get; init; } = 5;

    /// <summary>Weight examples so every label counts alike, however rare (helps macro-F1 on skewed data).</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>Upper bound on L-BFGS iterations.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Stop when five optimiser iterations together lower the loss by less than this fraction of it.</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Features found in fewer training examples than this are dropped (smaller, faster models).</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>How text becomes features.</summary>
    public FeaturizerSettings Featurizer { get; init; } = new();

    /// <summary>The clock that stamps <see cref="TrainingMetadata.CreatedAt"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ArgumentException($"Model name '{Name}' must be ASCII letters, digits, '-', '_' or '.'.");
        if (!(C > 0) || double.IsInfinity(C)) throw new ArgumentException($"C must be positive, not {C}.");
        if (MinDocumentFrequency < 1) throw new ArgumentException($"MinDocumentFrequency must be at least 1, not {MinDocumentFrequency}.");
        if (MaxIterations < 1) throw new ArgumentException($"MaxIterations must be at least 1, not {MaxIterations}.");
        if (!(Tolerance >= 0)) throw new ArgumentException($"Tolerance must not be negative, not {Tolerance}.");
        Featurizer.Validate();
    }
}

/// <summary>Progress of a training run: a stage and, while optimising, the iteration and loss.</summary>
public sealed record TrainingProgress(string Stage, int Iteration = 0, double Loss = 0);
