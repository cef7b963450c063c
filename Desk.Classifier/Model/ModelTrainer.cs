using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Desk.Classifier.Corpus;
using Desk.Classifier.Features;

namespace Desk.Classifier.Model;

/// <summary>Trains <see cref="TextClassifierModel"/>s.</summary>
public static class ModelTrainer
{
    /// <summary>
    /// Trains a model on labelled examples. The label set is the labels present; at least two are needed.
    /// The same examples, options and seed give the same weights, on any machine and core count.
    /// </summary>
    public static TextClassifierModel Train(
        IReadOnlyList<LabelledText> examples, TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new TrainingOptions();
        options.Validate();
        var labels = examples.Select(e => e.Label).Distinct().Order().ToArray();
        if (labels.Length < 2) throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        if (examples.Any(e => e.Text is null)) throw new ArgumentException("An example has no text.", nameof(examples));

        var clock = Stopwatch.StartNew();
        progress?.Report(new TrainingProgress("featurizing"));
        var featurizer = new Featurizer(options.Featurizer);
        var matrix = TrainingMatrix.Build(examples, featurizer, options.MinDocumentFrequency);
        var labelIndex = examples.Select(e => Array.IndexOf(labels, e.Label)).ToArray();
        var weights = ExampleWeights(labelIndex, labels.Length, options.BalanceClasses);
        var lambda = 1 / (options.C * examples.Count);
        var objective = new SoftmaxObjective(matrix, labelIndex, labels.Length, weights, lambda);

        progress?.Report(new TrainingProgress(string.Create(CultureInfo.InvariantCulture, $"optimising {matrix.Features:N0} features x {labels.Length} labels (featurized in {clock.Elapsed.TotalSeconds:0.00} s)")));
        var theta = new double[objective.Dimension];
        var result = Lbfgs.Minimize(objective.Evaluate, theta, options.MaxIterations, options.Tolerance,
            (iteration, loss) => { if (iteration % 10 == 0) progress?.Report(new TrainingProgress("optimising", iteration, loss)); });

        var classes = labels.Length;
        var featureWeights = new float[matrix.Features * classes];
        for (var p = 0; p < featureWeights.Length; p++) featureWeights[p] = (float)theta[p];
        var bias = new float[classes];
        for (var k = 0; k < classes; k++) bias[k] = (float)theta[featureWeights.Length + k];

        var corpusHash = CorpusHash(examples);
        var fingerprint = ModelFile.Sha256Hex(corpusHash + JsonSerializer.Serialize(options.Featurizer)
                                               + $"|{options.C}|{options.BalanceClasses}|{options.MinDocumentFrequency}|{options.MaxIterations}|{options.Tolerance}|{options.Seed}");
        var createdAt = options.Clock.GetUtcNow();
        var metadata = new ModelMetadata
        {
            Version = $"{options.Name}-{createdAt:yyyy.MM.dd}-{fingerprint[..8]}",
            Labels = labels,
            Featurizer = options.Featurizer,
            Training = new TrainingMetadata
            {
                Name = options.Name, Seed = options.Seed, ExampleCount = examples.Count, CorpusHash = corpusHash,
                CreatedAt = createdAt, C = options.C, BalanceClasses = options.BalanceClasses,
                MinDocumentFrequency = options.MinDocumentFrequency,
                Iterations = result.Iterations, FinalLoss = result.Loss, FeatureCount = matrix.Features,
            },
        };
        progress?.Report(new TrainingProgress(string.Create(CultureInfo.InvariantCulture, $"trained in {clock.Elapsed.TotalSeconds:0.00} s ({result.Evaluations} loss evaluations)"), result.Iterations, result.Loss));
        return new TextClassifierModel(metadata, matrix.Buckets, matrix.Idf, featureWeights, bias);
    }

    /// <summary>SHA-256 (hex) over the examples' label codes and texts, in order.</summary>
    public static string CorpusHash(IEnumerable<LabelledText> examples)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var example in examples)
            hash.AppendData(Encoding.UTF8.GetBytes($"{example.Label.ToCode()}\t{example.Text}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    static double[] ExampleWeights(int[] labelIndex, int classes, bool balance)
    {
        var perClass = new int[classes];
        foreach (var k in labelIndex) perClass[k]++;
        var weights = new double[labelIndex.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++) total += weights[i] = balance ? 1.0 / perClass[labelIndex[i]] : 1.0;
        for (var i = 0; i < weights.Length; i++) weights[i] /= total;
        return weights;
    }
}
