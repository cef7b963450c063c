using Desk.Classifier.Corpus;
using Desk.Classifier.Model;

namespace Desk.Classifier.Evaluation;

/// <summary>The folds of a cross-validation and their means.</summary>
public sealed record CrossValidationReport(IReadOnlyList<EvaluationReport> Folds)
{
    /// <summary>Mean macro-F1 over the folds.</summary>
    public double MeanMacroF1 => Folds.Average(f => f.MacroF1);

    /// <summary>Mean accuracy over the folds.</summary>
    public double MeanAccuracy => Folds.Average(f => f.Accuracy);
}

/// <summary>Stratified k-fold cross-validation.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Splits the examples into <paramref name="folds"/> stratified folds (shuffled by the options' seed), trains on
    /// all but one and evaluates on that one, for each fold.
    /// </summary>
    public static CrossValidationReport Run(IReadOnlyList<LabelledText> examples, int folds, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new TrainingOptions();
        if (folds < 2 || folds > examples.Count) throw new ArgumentException($"Folds must be 2 to the example count, not {folds}.", nameof(folds));
        var foldOf = AssignFolds(examples, folds, options.Seed);
        var reports = new List<EvaluationReport>();
        for (var fold = 0; fold < folds; fold++)
        {
            var train = examples.Where((_, i) => foldOf[i] != fold).ToArray();
            var test = examples.Where((_, i) => foldOf[i] == fold).ToArray();
            reports.Add(ModelEvaluator.Evaluate(ModelTrainer.Train(train, options), test));
        }
        return new CrossValidationReport(reports);
    }

    /// <summary>Deals each label's examples, shuffled by <paramref name="seed"/>, round-robin over the folds.</summary>
    internal static int[] AssignFolds(IReadOnlyList<LabelledText> examples, int folds, int seed)
    {
        var random = new Random(seed);
        var foldOf = new int[examples.Count];
        var next = 0;
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label).OrderBy(g => g.Key))
        {
            var indices = group.ToArray();
            random.Shuffle(indices);
            foreach (var i in indices) foldOf[i] = next++ % folds;
        }
        return foldOf;
    }
}
