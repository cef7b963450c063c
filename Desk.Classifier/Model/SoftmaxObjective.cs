using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Desk.Classifier.Model;

/// <summary>
/// Weighted multinomial cross-entropy plus L2 on the weights (not the biases):
/// f(W, b) = Σᵢ ωᵢ · −log softmax(xᵢW + b)[yᵢ] + λ/2 · ‖W‖², with Σᵢ ωᵢ = 1.
/// Parameters are laid out as W row-major (feature × class), then b.
/// </summary>
/// <remarks>
/// The two passes (scores by example, gradient by feature) work on single-precision copies whose rows are
/// padded to whole 4-float vectors (up to 12 labels), so each nonzero costs one to three SIMD multiply-adds;
/// the optimiser keeps doubles.
/// </remarks>
internal sealed class SoftmaxObjective
{
    const int MaxClasses = 12;

    readonly TrainingMatrix data;
    readonly int[] labels;
    readonly double[] exampleWeights;
    readonly double lambda;
    readonly int stride;
    readonly float[] residual;
    readonly float[] parameters;
    readonly double[] rowLoss;

    public SoftmaxObjective(TrainingMatrix data, int[] labels, int classes, double[] exampleWeights, double lambda)
    {
        if (classes > MaxClasses) throw new ArgumentException($"At most {MaxClasses} labels, not {classes}.");
        this.data = data;
        this.labels = labels;
        this.exampleWeights = exampleWeights;
        this.lambda = lambda;
        Classes = classes;
        stride = (classes + 3) & ~3;
        residual = new float[data.Rows * stride];
        parameters = new float[(data.Features + 1) * stride];
        rowLoss = new double[data.Rows];
    }

    public int Classes { get; }

    public int Dimension => (data.Features + 1) * Classes;

    public double Evaluate(double[] theta, double[] gradient)
    {
        var classes = Classes;
        for (var f = 0; f <= data.Features; f++)
            for (var k = 0; k < classes; k++) parameters[f * stride + k] = (float)theta[f * classes + k];
        // Fixed chunks: each output is one sequential sum, so results do not depend on scheduling.
        Parallel.For(0, ChunkCount(data.Rows), chunk => ScoreRows(ChunkRange(chunk, data.Rows)));
        Parallel.For(0, ChunkCount(data.Features), chunk => GradientOfWeights(theta, gradient, ChunkRange(chunk, data.Features)));

        var biasAt = data.Features * classes;
        var loss = 0.0;
        for (var i = 0; i < data.Rows; i++) loss += rowLoss[i];
        for (var k = 0; k < classes; k++) gradient[biasAt + k] = 0;
        for (var i = 0; i < data.Rows; i++)
            for (var k = 0; k < classes; k++) gradient[biasAt + k] += residual[i * stride + k];
        var weights = theta.AsSpan(0, biasAt);
        return loss + lambda / 2 * VectorMath.Dot(weights, weights);
    }

    const int ChunkSize = 2048;

    static int ChunkCount(int items) => (items + ChunkSize - 1) / ChunkSize;

    static Range ChunkRange(int chunk, int items) => (chunk * ChunkSize)..Math.Min(items, (chunk + 1) * ChunkSize);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void ScoreRows(Range range)
    {
        var classes = Classes;
        ReadOnlySpan<int> rowStart = data.RowStart, rowFeature = data.RowFeature;
        ReadOnlySpan<float> rowValue = data.RowValue;
        var biasAt = data.Features * stride;
        Span<float> scores = stackalloc float[MaxClasses];
        for (var i = range.Start.Value; i < range.End.Value; i++)
        {
            var nonzeros = rowStart[i]..rowStart[i + 1];
            SumOfRows(rowFeature[nonzeros], rowValue[nonzeros], parameters, stride, scores);
            for (var k = 0; k < classes; k++) scores[k] += parameters[biasAt + k];

            var max = double.NegativeInfinity;
            for (var k = 0; k < classes; k++) max = Math.Max(max, scores[k]);
            var sum = 0.0;
            for (var k = 0; k < classes; k++) sum += Math.Exp(scores[k] - max);
            var logSum = max + Math.Log(sum);
            var weight = exampleWeights[i];
            var label = labels[i];
            rowLoss[i] = weight * (logSum - scores[label]);
            var r = residual.AsSpan(i * stride, classes);
            for (var k = 0; k < classes; k++) r[k] = (float)(weight * (Math.Exp(scores[k] - logSum) - (k == label ? 1 : 0)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void GradientOfWeights(double[] theta, double[] gradient, Range range)
    {
        var classes = Classes;
        ReadOnlySpan<int> columnStart = data.ColumnStart, columnRow = data.ColumnRow;
        ReadOnlySpan<float> columnValue = data.ColumnValue;
        Span<float> sums = stackalloc float[MaxClasses];
        for (var f = range.Start.Value; f < range.End.Value; f++)
        {
            var nonzeros = columnStart[f]..columnStart[f + 1];
            SumOfRows(columnRow[nonzeros], columnValue[nonzeros], residual, stride, sums);
            var at = f * classes;
            for (var k = 0; k < classes; k++) gradient[at + k] = lambda * theta[at + k] + sums[k];
        }
    }

    /// <summary>into = Σⱼ values[j] · dense row indices[j] (rows of <paramref name="stride"/> floats, 4 to 12).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void SumOfRows(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, float[] dense, int stride, Span<float> into)
    {
        ref var origin = ref MemoryMarshal.GetArrayDataReference(dense);
        var vectors = stride / 4;
        Vector128<float> s0 = default, s1 = default, s2 = default;
        for (var j = 0; j < indices.Length; j++)
        {
            var value = Vector128.Create(values[j]);
            var at = (nuint)(indices[j] * stride);
            s0 += value * Vector128.LoadUnsafe(ref origin, at);
            if (vectors > 1) s1 += value * Vector128.LoadUnsafe(ref origin, at + 4);
            if (vectors > 2) s2 += value * Vector128.LoadUnsafe(ref origin, at + 8);
        }
        s0.CopyTo(into);
        s1.CopyTo(into[4..]);
        s2.CopyTo(into[8..]);
    }
}
