using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Desk.Classifier.Corpus;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Desk.Classifier.Model;

/// <summary>Trains <see cref="TextClassifierModel"/>s with ML.NET (<see cref="ModelPipeline"/>).</summary>
public static class ModelTrainer
{
    /// <summary>
    /// Trains a model on labelled examples. The label set is the labels present; at least two are needed.
    /// The same examples, options and seed give the same weights, on any machine and core count.
    /// <paramref name="ct"/> stops training between its steps (ML.NET offers no public way to stop a fit midway), with an
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public static TextClassifierModel Train(
        IReadOnlyList<LabelledText> examples, TrainingOptions? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new TrainingOptions();
        options.Validate();
        var labels = examples.Select(e => e.Label).Distinct().Order().ToArray();
        if (labels.Length < 2) throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        if (examples.Any(e => e.Text is null)) throw new ArgumentException("An example has no text.", nameof(examples));
        if (!examples.Any(e => Features.TextFeaturesMapping.HasFeatures(e.Text)))
            throw new ArgumentException("No example has a word, a character or a ? or ! to learn from.", nameof(examples));

        var clock = Stopwatch.StartNew();
        var (temperature, calibrationExamples) = options.Calibrate ? FitTemperature(examples, options, progress, ct) : (1.0, 0);
        ct.ThrowIfCancellationRequested();
        var ml = ModelPipeline.Context(options.Seed);
        var data = ml.Data.LoadFromEnumerable(Rows(examples, labels, options.BalanceClasses), TrainingRow.Schema(labels));
        progress?.Report(new TrainingProgress($"training on {examples.Count:N0} examples, {labels.Length} labels"));
        var transformer = ModelPipeline.Fit(ml, data, options);
        ct.ThrowIfCancellationRequested();
        var features = transformer.GetOutputSchema(data.Schema)[ModelPipeline.Features].Type is Microsoft.ML.Data.VectorDataViewType vector ? vector.Size : 0;

        var corpusHash = CorpusHash(examples);
        var fingerprint = ModelFile.Sha256Hex(string.Create(CultureInfo.InvariantCulture,
            $"{corpusHash}|{JsonSerializer.Serialize(options.Featurizer)}|{options.C}|{options.Calibrate}|{options.BalanceClasses}|{options.MaxFeaturesPerGroup}|{options.MaxIterations}|{options.Tolerance}|{options.Seed}"));
        var createdAt = options.Clock.GetUtcNow();
        var metadata = new ModelMetadata
        {
            Version = $"{options.Name}-{createdAt:yyyy.MM.dd}-{fingerprint[..8]}",
            Labels = labels,
            Featurizer = options.Featurizer,
            Training = new TrainingMetadata
            {
                Name = options.Name, Seed = options.Seed, ExampleCount = examples.Count, CorpusHash = corpusHash,
                CreatedAt = createdAt, C = options.C, BalanceClasses = options.BalanceClasses, FeatureCount = features,
                Trainer = TrainingMetadata.MaximumEntropy, Temperature = temperature, CalibrationExamples = calibrationExamples,
            },
        };
        progress?.Report(new TrainingProgress(string.Create(CultureInfo.InvariantCulture, $"trained in {clock.Elapsed.TotalSeconds:0.00} s ({features:N0} features)")));
        return new TextClassifierModel(metadata, ml, transformer);
    }

    /// <summary>SHA-256 (hex) over the examples' label codes and texts, in order.</summary>
    public static string CorpusHash(IEnumerable<LabelledText> examples)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var example in examples)
            hash.AppendData(Encoding.UTF8.GetBytes($"{example.Label.ToCode()}\t{example.Text}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Trains on all but a stratified tenth, and fits the temperature on that tenth.</summary>
    static (double Temperature, int Examples) FitTemperature(
        IReadOnlyList<LabelledText> examples, TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var (rest, heldBack) = Evaluation.CrossValidation.HoldOut(examples, 0.1, options.Seed);
        if (heldBack.Count < 20 || rest.Select(e => e.Label).Distinct().Count() < 2)
            return (1, 0);
        progress?.Report(new TrainingProgress($"calibrating on {heldBack.Count:N0} held-back examples"));
        var probe = Train(rest, options with { Calibrate = false }, ct: ct);
        var probabilities = new List<float[]>(heldBack.Count);
        probe.PredictAll([.. heldBack.Select(e => e.Text)], (_, p) => probabilities.Add(p.ToArray()));
        var labels = probe.Labels;
        var kept = Enumerable.Range(0, heldBack.Count).Where(i => labels.Contains(heldBack[i].Label)).ToArray();
        var temperature = Evaluation.Temperature.Fit([.. kept.Select(i => probabilities[i])],
            [.. kept.Select(i => IndexOf(labels, heldBack[i].Label))]);
        progress?.Report(new TrainingProgress(string.Create(CultureInfo.InvariantCulture, $"temperature {temperature:0.000}")));
        return (temperature, kept.Length);
    }

    static int IndexOf(IReadOnlyList<QueryType> labels, QueryType label)
    {
        for (var k = 0; k < labels.Count; k++) if (labels[k] == label) return k;
        return -1;
    }

    static TrainingRow[] Rows(IReadOnlyList<LabelledText> examples, QueryType[] labels, bool balance)
    {
        var index = examples.Select(e => Array.IndexOf(labels, e.Label)).ToArray();
        var perClass = new int[labels.Length];
        foreach (var k in index) perClass[k]++;
        // Weights average 1, so the L2 penalty means the same whatever the balance; rare labels count as much as common ones.
        var rows = new TrainingRow[examples.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var weight = balance ? (float)examples.Count / (labels.Length * perClass[index[i]]) : 1f;
            // A key field of a class loaded with LoadFromEnumerable is 0-based (0 is the first label, not "missing").
            rows[i] = new TrainingRow { Text = examples[i].Text, Label = (uint)index[i], Weight = weight };
        }
        return rows;
    }

    /// <summary>One training row: text, label as an ML.NET key (1-based, over the model's labels), example weight.</summary>
    internal sealed class TrainingRow
    {
        public string Text { get; set; } = "";
        public uint Label { get; set; }
        public float Weight { get; set; }

        public static SchemaDefinition Schema(QueryType[] labels)
        {
            var schema = SchemaDefinition.Create(typeof(TrainingRow));
            var label = schema[nameof(Label)];
            label.ColumnType = new KeyDataViewType(typeof(uint), labels.Length);
            // The label codes travel with the key, so the saved model's PredictedLabel is the code and Score's slots are named.
            var codes = new VBuffer<ReadOnlyMemory<char>>(labels.Length, [.. labels.Select(l => l.ToCode().AsMemory())]);
            label.AddAnnotation("KeyValues", codes, new VectorDataViewType(TextDataViewType.Instance, labels.Length));
            return schema;
        }
    }
}
