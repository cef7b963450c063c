using Desk.Classifier.Features;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Desk.Classifier.Model;

/// <summary>
/// A trained text model: an ML.NET <see cref="ITransformer"/> (the desk's featurizer, TF-IDF bags, maximum-entropy
/// classifier) with the desk's metadata. Immutable; <see cref="Predict(string)"/> is thread-safe: each call borrows a
/// <see cref="PredictionEngine{TSrc,TDst}"/> (which is not) from a pool.
/// </summary>
public sealed class TextClassifierModel
{
    readonly QueryType[] labels;
    readonly ObjectPool<Scorer> scorers;
    readonly double temperature;
    readonly Lazy<byte[]> file;

    internal TextClassifierModel(ModelMetadata metadata, MLContext context, ITransformer transformer)
    {
        Metadata = metadata;
        Context = context;
        Transformer = transformer;
        labels = [.. metadata.Labels];
        temperature = metadata.Training.Temperature;
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ModelFormatException($"The model's temperature {temperature} is not a positive number.");
        var scores = transformer.GetOutputSchema(InputSchema(context)).GetColumnOrNull(ModelPipeline.Score);
        if (scores?.Type is not VectorDataViewType { Size: var size } || size != labels.Length)
            throw new ModelFormatException($"The model's {ModelPipeline.Score} column does not hold one score per label ({labels.Length}).");
        scorers = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 4 }
            .Create(new ScorerPolicy(context, transformer));
        // A first start saves the default model twice (its file and the database's first version); a test process
        // starts hundreds of desks with the one default model. Serializing (ML.NET's zip, 1.5 MB) took 120 ms each time.
        file = new(() =>
        {
            using var stream = new MemoryStream();
            ModelFile.Write(this, stream);
            return stream.ToArray();
        });
    }

    /// <summary>Version, label set, featurizer settings and training metadata.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>Shorthand for <see cref="ModelMetadata.Version"/>.</summary>
    public string Version => Metadata.Version;

    /// <summary>The labels this model predicts, in the order of its <c>Score</c> column.</summary>
    public IReadOnlyList<QueryType> Labels => labels;

    /// <summary>The ML.NET model: <c>Text</c> (string) in; <c>Score</c> (one probability per label) and <c>PredictedLabel</c> (the code) out.</summary>
    public ITransformer Transformer { get; }

    internal MLContext Context { get; }

    /// <summary>All labels of the model with their probabilities, most probable first.</summary>
    public IReadOnlyList<LabelScore> Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<float> probabilities = stackalloc float[labels.Length];
        Predict(text, probabilities);
        var ranked = new LabelScore[labels.Length];
        for (var k = 0; k < ranked.Length; k++) ranked[k] = new LabelScore(labels[k], probabilities[k]);
        // Stable on ties (declaration order), so equal inputs always rank alike.
        Array.Sort(ranked, static (a, b) => b.Probability != a.Probability ? b.Probability.CompareTo(a.Probability) : a.Type.CompareTo(b.Type));
        return ranked;
    }

    /// <summary>Writes the (temperature-scaled) probability of each of <see cref="Labels"/> into <paramref name="probabilities"/>.</summary>
    public void Predict(string text, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (probabilities.Length < labels.Length)
            throw new ArgumentException($"Need room for {labels.Length} probabilities.", nameof(probabilities));
        var scorer = scorers.Get();
        try
        {
            scorer.Input.Text = text;
            scorer.Engine.Predict(scorer.Input, ref scorer.Output);
            scorer.Output.Score.GetValues().CopyTo(probabilities);
            Evaluation.Temperature.Apply(probabilities[..labels.Length], temperature);
        }
        finally
        {
            scorers.Return(scorer);
        }
    }

    /// <summary>
    /// Scores many texts in one pass of ML.NET's batch <c>Transform</c> on the calling thread, calling
    /// <paramref name="each"/> with each text's index and label probabilities (valid only during the call), in order.
    /// </summary>
    public void PredictAll(IReadOnlyList<string> texts, Action<int, ReadOnlySpan<float>> each)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(each);
        var input = Context.Data.LoadFromEnumerable(texts.Select(t => new ClassifierInput { Text = t ?? "" }));
        var scored = Transformer.Transform(input);
        var column = scored.Schema[ModelPipeline.Score];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var scores = default(VBuffer<float>);
        var row = 0;
        var calibrated = new float[labels.Length];
        while (cursor.MoveNext())
        {
            getter(ref scores);
            scores.GetValues().CopyTo(calibrated);
            Evaluation.Temperature.Apply(calibrated, temperature);
            each(row++, calibrated);
        }
    }

    /// <summary>Saves the model to a file, atomically: the file is whole or untouched.</summary>
    public void Save(string path) => AtomicFile.Write(path, Save);

    /// <summary>Writes the model file to a stream (serialized once, on the first save).</summary>
    public void Save(Stream stream) => stream.Write(file.Value);

    /// <summary>Loads a model file. Throws <see cref="ModelFormatException"/> for another format or a damaged file.</summary>
    public static TextClassifierModel Load(string path) => ModelFile.Load(path);

    /// <summary>Reads a model from a stream. Throws <see cref="ModelFormatException"/> as <see cref="Load(string)"/>.</summary>
    public static TextClassifierModel Load(Stream stream) => ModelFile.Read(stream, "stream");

    internal static DataViewSchema InputSchema(MLContext context) =>
        context.Data.LoadFromEnumerable(Array.Empty<ClassifierInput>()).Schema;

    /// <summary>What a prediction engine writes: the probability of each label.</summary>
    internal sealed class ScoreOutput
    {
        public VBuffer<float> Score;
    }

    sealed class Scorer(PredictionEngine<ClassifierInput, ScoreOutput> engine)
    {
        public PredictionEngine<ClassifierInput, ScoreOutput> Engine { get; } = engine;
        public ClassifierInput Input { get; } = new();
        public ScoreOutput Output = new();
    }

    sealed class ScorerPolicy(MLContext context, ITransformer transformer) : PooledObjectPolicy<Scorer>
    {
        public override Scorer Create() =>
            new(context.Model.CreatePredictionEngine<ClassifierInput, ScoreOutput>(transformer, ignoreMissingColumns: true));

        public override bool Return(Scorer scorer) => true;
    }
}
