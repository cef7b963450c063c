using Desk.Classifier.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Desk.Classifier.Model;

/// <summary>
/// The ML.NET pipeline of a model: the desk's featurizer (custom mapping) → an n-gram bag per feature group with the
/// vocabulary and TF-IDF learnt from the training set → L2 per group → one vector → multinomial logistic regression
/// (L-BFGS maximum entropy) → the predicted label's code.
/// </summary>
internal static class ModelPipeline
{
    public const string Label = "Label", Weight = "Weight", Features = "Features", Score = "Score", PredictedLabel = "PredictedLabel";

    /// <summary>A context that can load saved models: the featurizer's assembly is registered.</summary>
    public static MLContext Context(int seed)
    {
        var ml = new MLContext(seed);
        ml.ComponentCatalog.RegisterAssembly(typeof(TextFeaturesMapping).Assembly);
        return ml;
    }

    public static IEstimator<ITransformer> Create(MLContext ml, TrainingOptions options)
    {
        var bag = NgramExtractingEstimator.WeightingCriteria.TfIdf;
        return ml.Transforms.CustomMapping(new TextFeaturesMapping().GetMapping(), TextFeaturesMapping.ContractName)
            .Append(ml.Transforms.Text.ProduceNgrams(Features, nameof(HashedTextFeatures.Hashes), ngramLength: 1, useAllLengths: false,
                maximumNgramsCount: options.MaxFeaturesPerGroup, weighting: bag))
            .Append(ml.Transforms.NormalizeLpNorm(Features))
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
}
