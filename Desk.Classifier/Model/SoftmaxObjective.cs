namespace Desk.Classifier.Model;

/// <summary>
/// Weighted multinomial cross-entropy plus L2 on the weights (not the biases):
/// f(W, b) = Σᵢ ωᵢ · −log softmax(xᵢW + b)[yᵢ] + λ/2 · ‖W‖², with Σᵢ ωᵢ = 1.
/// Parameters are laid out as W row-major (feature × class), then b.
/// </summary>
internal sealed class SoftmaxObjective
{
    readonly TrainingMatrix data;
    readonly int[] labels;
    readonly double[] exampleWeights;
    readonly double lambda;
    readonly double[] residual;
    readonly double[] rowLoss;

    public SoftmaxObjective(TrainingMatrix data, int[] labels, int classes, double[] exampleWeights, double lambda)
    {
        this.data = data;
        this.labels = labels;
        this.exampleWeights = exampleWeights;
        this.lambda = lambda;
        Classes = classes;
        residual = new double[data.Rows * classes];
        rowLoss = new double[data.Rows];
    }

    public int Classes { get; }

    public int Dimension => (data.Features + 1) * Classes;

    public double Evaluate(double[] theta, double[] gradient)
    {
        var classes = Classes;
        var biasAt = data.Features * classes;
        Parallel.For(0, data.Rows, () => new double[classes], (i, _, scores) =>
        {
            for (var k = 0; k < classes; k++) scores[k] = theta[biasAt + k];
            for (var j = data.RowStart[i]; j < data.RowStart[i + 1]; j++)
            {
                var value = data.RowValue[j];
                var row = data.RowFeature[j] * classes;
                for (var k = 0; k < classes; k++) scores[k] += value * theta[row + k];
            }
            var max = scores.Max();
            var sum = 0.0;
            for (var k = 0; k < classes; k++) sum += Math.Exp(scores[k] - max);
            var logSum = max + Math.Log(sum);
            var weight = exampleWeights[i];
            rowLoss[i] = weight * (logSum - scores[labels[i]]);
            for (var k = 0; k < classes; k++)
                residual[i * classes + k] = weight * (Math.Exp(scores[k] - logSum) - (k == labels[i] ? 1 : 0));
            return scores;
        }, static _ => { });

        Parallel.For(0, data.Features, f =>
        {
            var at = f * classes;
            for (var k = 0; k < classes; k++) gradient[at + k] = lambda * theta[at + k];
            for (var j = data.ColumnStart[f]; j < data.ColumnStart[f + 1]; j++)
            {
                var value = data.ColumnValue[j];
                var r = data.ColumnRow[j] * classes;
                for (var k = 0; k < classes; k++) gradient[at + k] += value * residual[r + k];
            }
        });

        var loss = 0.0;
        for (var i = 0; i < data.Rows; i++) loss += rowLoss[i];
        for (var k = 0; k < classes; k++) gradient[biasAt + k] = 0;
        for (var i = 0; i < data.Rows; i++)
            for (var k = 0; k < classes; k++) gradient[biasAt + k] += residual[i * classes + k];
        var squares = 0.0;
        for (var p = 0; p < biasAt; p++) squares += theta[p] * theta[p];
        return loss + lambda / 2 * squares;
    }
}
