using System.Runtime.CompilerServices;

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
        // Fixed chunks: each output is one sequential sum, so results do not depend on scheduling.
        Parallel.For(0, ChunkCount(data.Rows), chunk => ScoreRows(theta, ChunkRange(chunk, data.Rows)));
        Parallel.For(0, ChunkCount(data.Features), chunk => GradientOfWeights(theta, gradient, ChunkRange(chunk, data.Features)));

        var classes = Classes;
        var biasAt = data.Features * classes;
        var loss = 0.0;
        for (var i = 0; i < data.Rows; i++) loss += rowLoss[i];
        for (var k = 0; k < classes; k++) gradient[biasAt + k] = 0;
        for (var i = 0; i < data.Rows; i++)
            for (var k = 0; k < classes; k++) gradient[biasAt + k] += residual[i * classes + k];
        var weights = theta.AsSpan(0, biasAt);
        return loss + lambda / 2 * VectorMath.Dot(weights, weights);
    }

    const int ChunkSize = 2048;

    static int ChunkCount(int items) => (items + ChunkSize - 1) / ChunkSize;

    static Range ChunkRange(int chunk, int items) => (chunk * ChunkSize)..Math.Min(items, (chunk + 1) * ChunkSize);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void ScoreRows(double[] theta, Range range)
    {
        var classes = Classes;
        var biasAt = data.Features * classes;
        ReadOnlySpan<int> rowStart = data.RowStart, rowFeature = data.RowFeature;
        ReadOnlySpan<float> rowValue = data.RowValue;
        ReadOnlySpan<double> parameters = theta;
        Span<double> scores = stackalloc double[classes];
        var (first, end) = (range.Start.Value, range.End.Value);
        for (var i = first; i < end; i++)
        {
            parameters.Slice(biasAt, classes).CopyTo(scores);
            for (var j = rowStart[i]; j < rowStart[i + 1]; j++)
            {
                double value = rowValue[j];
                var row = parameters.Slice(rowFeature[j] * classes, classes);
                for (var k = 0; k < row.Length; k++) scores[k] += value * row[k];
            }
            var max = double.NegativeInfinity;
            foreach (var score in scores) max = Math.Max(max, score);
            var sum = 0.0;
            foreach (var score in scores) sum += Math.Exp(score - max);
            var logSum = max + Math.Log(sum);
            var weight = exampleWeights[i];
            var label = labels[i];
            rowLoss[i] = weight * (logSum - scores[label]);
            var r = residual.AsSpan(i * classes, classes);
            for (var k = 0; k < classes; k++) r[k] = weight * (Math.Exp(scores[k] - logSum) - (k == label ? 1 : 0));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void GradientOfWeights(double[] theta, double[] gradient, Range range)
    {
        var classes = Classes;
        ReadOnlySpan<int> columnStart = data.ColumnStart, columnRow = data.ColumnRow;
        ReadOnlySpan<float> columnValue = data.ColumnValue;
        ReadOnlySpan<double> residuals = residual;
        var (first, end) = (range.Start.Value, range.End.Value);
        for (var f = first; f < end; f++)
        {
            var g = gradient.AsSpan(f * classes, classes);
            var w = theta.AsSpan(f * classes, classes);
            for (var k = 0; k < classes; k++) g[k] = lambda * w[k];
            for (var j = columnStart[f]; j < columnStart[f + 1]; j++)
            {
                double value = columnValue[j];
                var r = residuals.Slice(columnRow[j] * classes, classes);
                for (var k = 0; k < g.Length; k++) g[k] += value * r[k];
            }
        }
    }
}
