namespace Desk.Classifier.Evaluation;

/// <summary>How far a model's confidence is from how often it is right.</summary>
public static class Calibration
{
    /// <summary>Equal-width confidence bins of <see cref="ExpectedError"/>.</summary>
    public const int Bins = 10;

    /// <summary>
    /// Expected calibration error: predictions binned by confidence (10 equal-width bins), then the mean over bins, weighted
    /// by their share of predictions, of |accuracy − mean confidence|. 0 is perfectly calibrated.
    /// </summary>
    public static double ExpectedError(IReadOnlyList<QueryType> gold, IReadOnlyList<QueryType> predicted, IReadOnlyList<double> confidence)
    {
        if (gold.Count != predicted.Count || gold.Count != confidence.Count) throw new ArgumentException("Gold, predicted and confidence differ in count.");
        if (gold.Count == 0) return 0;
        var count = new int[Bins];
        var right = new int[Bins];
        var sure = new double[Bins];
        for (var i = 0; i < gold.Count; i++)
        {
            var bin = Math.Clamp((int)(confidence[i] * Bins), 0, Bins - 1);
            count[bin]++;
            sure[bin] += confidence[i];
            if (gold[i] == predicted[i]) right[bin]++;
        }
        var error = 0.0;
        for (var b = 0; b < Bins; b++)
            if (count[b] > 0) error += (double)count[b] / gold.Count * Math.Abs((double)right[b] / count[b] - sure[b] / count[b]);
        return error;
    }
}

/// <summary>
/// Temperature scaling (Guo et al., 2017): probabilities p become softmax(ln p / T). T above 1 softens an overconfident
/// model, below 1 sharpens an underconfident one; the ranking of labels never changes.
/// </summary>
public static class Temperature
{
    /// <summary>The temperature that minimises the negative log-likelihood of <paramref name="gold"/> (label indices) under the scaled probabilities.</summary>
    public static double Fit(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> gold)
    {
        if (probabilities.Count != gold.Count) throw new ArgumentException("Probabilities and gold labels differ in count.");
        if (probabilities.Count == 0) return 1;
        // Golden-section search over ln T: the likelihood is smooth and unimodal in T.
        double lo = Math.Log(0.02), hi = Math.Log(20), ratio = (Math.Sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
        double fa = Loss(Math.Exp(a)), fb = Loss(Math.Exp(b));
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb) { hi = b; b = a; fb = fa; a = hi - ratio * (hi - lo); fa = Loss(Math.Exp(a)); }
            else { lo = a; a = b; fa = fb; b = lo + ratio * (hi - lo); fb = Loss(Math.Exp(b)); }
        }
        return Math.Exp((lo + hi) / 2);

        double Loss(double temperature)
        {
            var loss = 0.0;
            var scaled = new float[probabilities[0].Length];
            for (var i = 0; i < probabilities.Count; i++)
            {
                probabilities[i].CopyTo(scaled, 0);
                Apply(scaled, temperature);
                loss -= Math.Log(Math.Max(scaled[gold[i]], 1e-12f));
            }
            return loss;
        }
    }

    /// <summary>Rescales probabilities in place by <paramref name="temperature"/>; 1 leaves them as they are.</summary>
    public static void Apply(Span<float> probabilities, double temperature)
    {
        if (temperature == 1 || probabilities.IsEmpty) return;
        var inverse = 1 / temperature;
        var max = double.NegativeInfinity;
        Span<double> logits = stackalloc double[probabilities.Length];
        for (var k = 0; k < probabilities.Length; k++)
            max = Math.Max(max, logits[k] = Math.Log(Math.Max(probabilities[k], 1e-30f)) * inverse);
        var sum = 0.0;
        for (var k = 0; k < probabilities.Length; k++) sum += logits[k] = Math.Exp(logits[k] - max);
        for (var k = 0; k < probabilities.Length; k++) probabilities[k] = (float)(logits[k] / sum);
    }
}
