namespace Desk.Bench.MlNet;

public static class Scoring
{
    /// <summary>Macro-F1 over the gold label set (a predicted label outside it only costs recall) and accuracy, as dataset.py.</summary>
    public static (double MacroF1, double Accuracy) Score(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        var f1s = gold.Distinct().Select(label =>
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                if (gold[i] == label && predicted[i] == label) tp++;
                else if (predicted[i] == label) fp++;
                else if (gold[i] == label) fn++;
            }
            return tp == 0 ? 0.0 : 2.0 * tp / (2 * tp + fp + fn);
        }).ToList();
        var correct = gold.Where((g, i) => g == predicted[i]).Count();
        return (f1s.Average(), (double)correct / gold.Count);
    }
}
