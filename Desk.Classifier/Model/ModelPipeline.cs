using Desk.Classifier.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace Desk.Classifier.Model;

/// <summary>
/// The ML.NET pipeline of a model: the desk's featurizer (custom mapping, keys in ascending order) → value-to-key by value
/// (the training set's keys become slots in key order) → count bag → IDF as a per-slot scale → L2 → multinomial logistic
/// regression (L-BFGS maximum entropy) → the predicted label's code.
/// </summary>
internal static class ModelPipeline
{
    public const string Label = "Label", Weight = "Weight", Slots = "Slots", Features = "Features", Score = "Score",
        PredictedLabel = "PredictedLabel";

    /// <summary>A context that can load saved models: the featurizer's assembly is registered.</summary>
    public static MLContext Context(int seed)
    {
        var ml = new MLContext(seed);
        ml.ComponentCatalog.RegisterAssembly(typeof(TextFeaturesMapping).Assembly);
        return ml;
    }

    /// <summary>
    /// Fits the model on training rows (<c>Text</c>, <c>Label</c>, <c>Weight</c>). Slots follow key order, so a query's
    /// sorted keys fill its count vector front to back: ML.NET builds the vector in one pass instead of sorting it, which
    /// was half the cost of a prediction with <c>ProduceNgrams</c> (it numbers slots in order of first sight).
    /// </summary>
    public static ITransformer Fit(MLContext ml, IDataView data, TrainingOptions options)
    {
        var featurize = ml.Transforms.CustomMapping(new TextFeaturesMapping().GetMapping(), TextFeaturesMapping.ContractName).Fit(data);
        var hashed = featurize.Transform(data);
        var count = ml.Transforms.Conversion.MapValueToKey(Slots, nameof(HashedTextFeatures.Hashes),
                maximumNumberOfKeys: options.MaxFeaturesPerGroup, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Conversion.MapKeyToVector(Features, Slots, outputCountVector: true))
            .Fit(hashed);
        var counted = count.Transform(hashed);
        var idf = InverseDocumentFrequency.Fit(ml, counted, Features);
        var classify = Classifier(ml, options).Fit(idf.Transform(counted));
        return new TransformerChain<ITransformer>(featurize, count, idf, classify);
    }

    static IEstimator<ITransformer> Classifier(MLContext ml, TrainingOptions options) =>
        ml.Transforms.NormalizeLpNorm(Features)
            // L-BFGS passes over the data many times; without the cache every pass would featurize again.
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = Label, FeatureColumnName = Features, ExampleWeightColumnName = Weight,
                L1Regularization = 0, L2Regularization = (float)(1 / options.C), OptimizationTolerance = (float)options.Tolerance,
                MaximumNumberOfIterations = options.MaxIterations,
                // One thread: the same data and options give the same weights on any machine.
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue(PredictedLabel));
}
