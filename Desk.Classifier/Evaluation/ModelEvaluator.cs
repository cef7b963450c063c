using Desk.Classifier.Corpus;
using Desk.Classifier.Model;

namespace Desk.Classifier.Evaluation;

/// <summary>Scores models on labelled examples, and cross-validates training.</summary>
public static class ModelEvaluator
{
    /// <summary>Predicts every example with <paramref name="model"/> and scores the top label against the gold one.</summary>
    public static EvaluationReport Evaluate(TextClassifierModel model, IReadOnlyList<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var predicted = new QueryType[examples.Count];
        var confidence = new double[examples.Count];
        model.PredictAll([.. examples.Select(e => e.Text)], (i, probabilities) =>
        {
            var best = ArgMax(probabilities);
            predicted[i] = model.Labels[best];
            confidence[i] = probabilities[best];
        });
        var gold = examples.Select(e => e.Label).ToArray();
        return Score(gold, predicted) with { CalibrationError = Calibration.ExpectedError(gold, predicted, confidence) };
    }

    /// <summary>Scores predicted labels against gold labels (same order).</summary>
    public static EvaluationReport Score(IReadOnlyList<QueryType> gold, IReadOnlyList<QueryType> predicted)
    {
        if (gold.Count != predicted.Count) throw new ArgumentException("Gold and predicted labels differ in count.");
        if (gold.Count == 0) throw new ArgumentException("Nothing to evaluate: no examples.");
        var labels = gold.Concat(predicted).Distinct().Order().ToArray();
        var matrix = new int[labels.Length, labels.Length];
        var correct = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            matrix[Array.IndexOf(labels, gold[i]), Array.IndexOf(labels, predicted[i])]++;
            if (gold[i] == predicted[i]) correct++;
        }
        var perClass = new ClassMetrics[labels.Length];
        for (var k = 0; k < labels.Length; k++)
        {
            int truePositive = matrix[k, k], goldCount = 0, predictedCount = 0;
            for (var j = 0; j < labels.Length; j++) { goldCount += matrix[k, j]; predictedCount += matrix[j, k]; }
            var precision = predictedCount == 0 ? 0 : (double)truePositive / predictedCount;
            var recall = goldCount == 0 ? 0 : (double)truePositive / goldCount;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[k] = new ClassMetrics(labels[k], precision, recall, f1, goldCount);
        }
        var present = perClass.Where(m => m.Support > 0).ToArray();
        return new EvaluationReport
        {
            Labels = labels, PerClass = perClass, ConfusionMatrix = matrix, Count = gold.Count,
            Accuracy = (double)correct / gold.Count,
            MacroF1 = present.Average(m => m.F1),
        };
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return best;
    }
}
