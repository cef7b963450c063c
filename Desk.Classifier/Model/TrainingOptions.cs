using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>How to train a model. The defaults were tuned on a held-out tenth of the evaluation datasets' train splits.</summary>
public sealed record TrainingOptions
{
    /// <summary>The first part of the model's version, e.g. <c>seed</c> or <c>site</c>.</summary>
    public string Name { get; init; } = "model";

    /// <summary>Seed for everything random in training and cross-validation (fold assignment).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Inverse L2 regularisation strength, as scikit-learn's C (ML.NET's L2 weight is 1 / C): larger fits the data more closely.</summary>
    public double C { get; init; } = 5;

    /// <summary>Weight examples so every label counts alike, however rare (helps macro-F1 on skewed data).</summary>
    public bool BalanceClasses { get; init; } = true;

    /// <summary>Upper bound on L-BFGS iterations.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>ML.NET's L-BFGS optimisation tolerance: stop when the loss improves by less than this, relatively.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>
    /// Fit a temperature on a held-back tenth (<see cref="Evaluation.Temperature"/>) so that a 0.8 confidence is right about
    /// 80 % of the time, then train on everything. Costs a second training; the desk's models do it, triage depends on it.
    /// </summary>
    public bool Calibrate { get; init; }

    /// <summary>Most distinct features (hashed keys, word and character groups together) a model keeps: the first met in training.</summary>
    public int MaxFeaturesPerGroup { get; init; } = 1 << 20;

    /// <summary>How text becomes features: fixed by the featurizer's contract (<see cref="TextFeaturesMapping"/>).</summary>
    public FeaturizerSettings Featurizer { get; init; } = FeaturizerSettings.Fixed;

    /// <summary>The clock that stamps <see cref="TrainingMetadata.CreatedAt"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new ArgumentException($"Model name '{Name}' must be ASCII letters, digits, '-', '_' or '.'.");
        if (!(C > 0) || double.IsInfinity(C)) throw new ArgumentException($"C must be positive, not {C}.");
        if (MaxIterations < 1) throw new ArgumentException($"MaxIterations must be at least 1, not {MaxIterations}.");
        if (!(Tolerance >= 0)) throw new ArgumentException($"Tolerance must not be negative, not {Tolerance}.");
        if (MaxFeaturesPerGroup < 1) throw new ArgumentException($"MaxFeaturesPerGroup must be at least 1, not {MaxFeaturesPerGroup}.");
        if (Featurizer != FeaturizerSettings.Fixed)
            throw new ArgumentException($"The featurizer is fixed by its contract ({TextFeaturesMapping.ContractName}): word 1–2-grams, character 4-grams, CJK 1–2-grams.");
    }
}

/// <summary>Progress of a training run: a stage and, while optimising, the iteration and loss.</summary>
public sealed record TrainingProgress(string Stage, int Iteration = 0, double Loss = 0);
