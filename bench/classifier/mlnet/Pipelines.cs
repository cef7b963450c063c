using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using static Microsoft.ML.Transforms.Text.NgramExtractingEstimator;

namespace Desk.Bench.MlNet;

/// <summary>One candidate: how text is prepared before ML.NET sees it, and the estimator chain.</summary>
public sealed record Pipeline(string Name, Func<MLContext, IEstimator<ITransformer>> Trainer, bool CjkTokens = false,
    Func<TextFeaturizingEstimator.Options?>? Features = null, bool CjkSpaced = false, bool HashedWords = false)
{
    // dataset.py's fastText tokens: each CJK ideograph alone, word runs, each punctuation mark.
    static readonly Regex Token = new(@"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+|[^\w\s]", RegexOptions.Compiled);

    // Only a space either side of each CJK ideograph; Latin text is left as it is.
    static readonly Regex Ideograph = new(@"[\u3400-\u9fff\uf900-\ufaff]", RegexOptions.Compiled);

    public Ticket Prepare(Ticket ticket) =>
        CjkTokens ? new Ticket { Text = string.Join(' ', Token.Matches(ticket.Text.ToLowerInvariant()).Select(m => m.Value)), Label = ticket.Label }
        : CjkSpaced ? new Ticket { Text = Ideograph.Replace(ticket.Text, " $0 "), Label = ticket.Label }
        : ticket;

    public IEnumerable<Ticket> Prepare(IEnumerable<Ticket> tickets) => tickets.Select(Prepare);

    public IEstimator<ITransformer> Build(MLContext ml)
    {
        var options = Features?.Invoke();
        IEstimator<ITransformer> featurize = HashedWords
            // The cheapest text featuriser ML.NET has: hashed word 1-2-gram counts, no char n-grams, no dictionary.
            ? ml.Transforms.Text.ProduceHashedWordBags("Features", nameof(Ticket.Text), numberOfBits: 18, ngramLength: 2)
            : options is null
            ? ml.Transforms.Text.FeaturizeText("Features", nameof(Ticket.Text))
            : ml.Transforms.Text.FeaturizeText("Features", options, nameof(Ticket.Text));
        return ml.Transforms.Conversion.MapValueToKey("Label", nameof(Ticket.Label))
            .Append(featurize)
            // Multi-pass trainers would featurise every row again on each pass without it.
            .AppendCacheCheckpoint(ml)
            .Append(Trainer(ml))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(Prediction.PredictedLabel)));
    }
}

public static class Pipelines
{
    // Word 1-2-grams and char 1-4-grams (ML.NET's "all lengths" starts at 1), TF-IDF each, L2 over the whole vector.
    static TextFeaturizingEstimator.Options Tuned(int charLength = 4, int wordLength = 2) => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = wordLength, UseAllLengths = true, Weighting = WeightingCriteria.TfIdf },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = charLength, UseAllLengths = true, Weighting = WeightingCriteria.TfIdf },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    static IEstimator<ITransformer> Lbfgs(MLContext ml, float l1, float l2, float tolerance = 1e-7f) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        { L1Regularization = l1, L2Regularization = l2, OptimizationTolerance = tolerance, NumberOfThreads = 1 });

    static IEstimator<ITransformer> SvmOva(MLContext ml, int iterations, float lambda, bool probabilities = false) =>
        ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { NumberOfIterations = iterations, Lambda = lambda }),
            useProbabilities: probabilities);

    static IEstimator<ITransformer> PerceptronOva(MLContext ml, int iterations) =>
        ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: iterations), useProbabilities: false);

    static IEstimator<ITransformer> Sdca(MLContext ml, int iterations, float? l2) =>
        ml.MulticlassClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedMulticlassTrainer.Options
        { MaximumNumberOfIterations = iterations, L2Regularization = l2, NumberOfThreads = 1 });

    public static readonly Pipeline[] All =
    [
        new("a-stock-lbfgs", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
        new("b-tfidf-lbfgs-l1=0-l2=1", ml => Lbfgs(ml, 0, 1), Features: () => Tuned()),
        new("b-tfidf-lbfgs-l1=0-l2=0.1", ml => Lbfgs(ml, 0, 0.1f), Features: () => Tuned()),
        new("b-tfidf-lbfgs-l1=0-l2=1-tol1e-4", ml => Lbfgs(ml, 0, 1, 1e-4f), Features: () => Tuned()),
        new("b-tfidf-char3-lbfgs-l1=0-l2=1-tol1e-4", ml => Lbfgs(ml, 0, 1, 1e-4f), Features: () => Tuned(charLength: 3)),
        new("c-tfidf-svm-ova-it10", ml => SvmOva(ml, 10, 0.001f), Features: () => Tuned()),
        new("c-tfidf-svm-ova-platt-it10", ml => SvmOva(ml, 10, 0.001f, probabilities: true), Features: () => Tuned()),
        new("c-tfidf-perceptron-ova-it10", ml => PerceptronOva(ml, 10), Features: () => Tuned()),
        new("c-tfidf-sdca-nc-it50-l2=1e-4", ml => Sdca(ml, 50, 1e-4f), Features: () => Tuned()),
        new("d-tokens-tfidf-char3-lbfgs-l2=1-tol1e-4", ml => Lbfgs(ml, 0, 1, 1e-4f), CjkTokens: true, Features: () => Tuned(charLength: 3)),
        new("b-tfidf-char3-lbfgs-l1=0-l2=0.1-tol1e-4", ml => Lbfgs(ml, 0, 0.1f, 1e-4f), Features: () => Tuned(charLength: 3)),
        new("d-tokens-tfidf-char3-lbfgs-l2=0.1-tol1e-4", ml => Lbfgs(ml, 0, 0.1f, 1e-4f), CjkTokens: true, Features: () => Tuned(charLength: 3)),
        new("d-tokens-tfidf-word3-char3-lbfgs-l2=0.1-tol1e-4", ml => Lbfgs(ml, 0, 0.1f, 1e-4f), CjkTokens: true, Features: () => Tuned(charLength: 3, wordLength: 3)),
        new("c-tfidf-char3-svm-ova-platt-it30-l1e-4", ml => SvmOva(ml, 30, 1e-4f, probabilities: true), Features: () => Tuned(charLength: 3)),
        new("c-tfidf-char3-perceptron-ova-it20", ml => PerceptronOva(ml, 20), Features: () => Tuned(charLength: 3)),
        new("d-cjkspaced-tfidf-char3-lbfgs-l2=0.1-tol1e-4", ml => Lbfgs(ml, 0, 0.1f, 1e-4f), CjkSpaced: true, Features: () => Tuned(charLength: 3)),
        new("d-cjkspaced-tfidf-char3-perceptron-ova-it20", ml => PerceptronOva(ml, 20), CjkSpaced: true, Features: () => Tuned(charLength: 3)),
        new("d-cjkspaced-tfidf-char3-svm-ova-platt-it30-l1e-4", ml => SvmOva(ml, 30, 1e-4f, probabilities: true), CjkSpaced: true, Features: () => Tuned(charLength: 3)),
        new("e-tokens-hashedwords-lbfgs-l2=0.1-tol1e-4", ml => Lbfgs(ml, 0, 0.1f, 1e-4f), CjkTokens: true, HashedWords: true),
        new("d-tokens-tfidf-char3-perceptron-ova-it20", ml => PerceptronOva(ml, 20), CjkTokens: true, Features: () => Tuned(charLength: 3)),
        new("d-tokens-tfidf-char3-svm-ova-platt-it30-l1e-4", ml => SvmOva(ml, 30, 1e-4f, probabilities: true), CjkTokens: true, Features: () => Tuned(charLength: 3)),
    ];
}
