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

    /// <summary>
    /// Splits off a stratified held-back slice: about <paramref name="fraction"/> of each label's examples
    /// (at least one of any label with two or more), chosen by <paramref name="seed"/>; both parts keep input order.
    /// For promoting a retrained model only when it does at least as well on examples it never saw.
    /// </summary>
    public static (IReadOnlyList<LabelledText> Train, IReadOnlyList<LabelledText> HeldBack) HoldOut(
        IReadOnlyList<LabelledText> examples, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!(fraction > 0 && fraction < 1)) throw new ArgumentException($"Fraction must be between 0 and 1, not {fraction}.", nameof(fraction));
        var random = new Random(seed);
        var heldBack = new bool[examples.Count];
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label).OrderBy(g => g.Key))
        {
            var indices = group.ToArray();
            random.Shuffle(indices);
            var take = indices.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(fraction * indices.Length));
            foreach (var i in indices[..take]) heldBack[i] = true;
        }
        return (examples.Where((_, i) => !heldBack[i]).ToArray(), examples.Where((_, i) => heldBack[i]).ToArray());
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
